import type { ManifestError, ManifestWarning } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, focusRing } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { TextAreaField, TextField } from '@/components/ui/text-field';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/describe-error';
import {
  manifestErrorsOf,
  useImportManifest,
  type ImportOutcome,
  type ImportRequest,
} from '../api/import-manifest';

type Mode = 'file' | 'paste' | 'url';

const modes: Array<[Mode, string]> = [
  ['file', 'Upload a file'],
  ['paste', 'Paste the text'],
  ['url', 'Fetch from a URL'],
];

function location(entry: { path: string; line?: number | undefined; column?: number | undefined }): string {
  return entry.line
    ? `${entry.path} (line ${entry.line}${entry.column ? `, column ${entry.column}` : ''})`
    : entry.path;
}

function ProblemList({ items, label }: { items: Array<ManifestError | ManifestWarning>; label: string }) {
  return (
    <ul aria-label={label} className="mt-2 space-y-2 text-sm">
      {items.map((item, index) => (
        <li key={index}>
          <code className="break-all font-mono text-xs">{location(item)}</code>: {item.problem}
          {item.expected ? (
            <span className="text-slate-600 dark:text-slate-300"> Expected: {item.expected}.</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function ImportResult({ outcome }: { outcome: ImportOutcome }) {
  const verb = { created: 'Imported', updated: 'Updated', unchanged: 'Already up to date:' }[outcome.status];
  return (
    <Callout
      tone={outcome.warnings.length > 0 ? 'warning' : 'good'}
      title={`${verb} ${outcome.plugin} ${outcome.version}`}
      role="status"
    >
      <p className="text-sm">
        <Link
          className={`underline ${focusRing}`}
          to={paths.pluginVersion.build(outcome.plugin, outcome.version)}
        >
          Open the plugin version
        </Link>
        {outcome.warnings.length > 0
          ? `. The manifest deviates from its schema in ${outcome.warnings.length === 1 ? '1 place' : `${outcome.warnings.length} places`}; Assay kept it and lists the deviations on the plugin page.`
          : '. The manifest follows its schema.'}
      </p>
      {outcome.warnings.length > 0 ? (
        <ProblemList items={outcome.warnings} label="Manifest warnings" />
      ) : null}
    </Callout>
  );
}

function ImportError({ error, manifestErrors }: { error: unknown; manifestErrors: ManifestError[] }) {
  // The API's message repeats the first manifest error, which the list below already shows.
  if (manifestErrors.length > 0) {
    const count = manifestErrors.length === 1 ? '1 error' : `${manifestErrors.length} errors`;
    return (
      <Callout tone="bad" title="The manifest was not imported" role="alert">
        <p className="text-sm">
          Assay stored nothing. Fix the {count} below, then import the manifest again.
        </p>
        <ProblemList items={manifestErrors} label="Manifest errors" />
      </Callout>
    );
  }
  const text = describeError(error);
  return (
    <Callout tone="bad" title={text.title} role="alert">
      <p className="text-sm">{text.detail}</p>
    </Callout>
  );
}

/**
 * Imports a WIPP `plugin.json` or ICT `ict.yaml` manifest by upload, paste or URL. A rejected manifest
 * shows every error with its JSON path, line and what is valid; nothing is stored then.
 */
export function ImportManifestForm() {
  const [mode, setMode] = useState<Mode>('file');
  const [file, setFile] = useState<File | undefined>();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('plugin.json');
  const [url, setUrl] = useState('');
  const importManifest = useImportManifest();
  const manifestErrors = manifestErrorsOf(importManifest.error);

  function request(): ImportRequest | undefined {
    if (mode === 'file') return file ? { kind: 'file', file, fileName: file.name } : undefined;
    if (mode === 'paste') return text.trim() ? { kind: 'file', file: new Blob([text]), fileName } : undefined;
    return url.trim() ? { kind: 'url', url: url.trim() } : undefined;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = request();
    if (next) importManifest.mutate(next);
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Import a manifest">
        <fieldset>
          <legend className="mb-2 text-sm font-medium">Source</legend>
          <div className="flex flex-wrap gap-4">
            {modes.map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="manifest-source"
                  value={value}
                  checked={mode === value}
                  onChange={() => {
                    setMode(value);
                    importManifest.reset();
                  }}
                  className={`size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>

        {mode === 'file' ? (
          <TextField
            label="Manifest file"
            hint="A WIPP plugin.json or an ICT ict.yaml, at most 1 MiB."
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml"
            onChange={(event) => setFile(event.target.files?.[0])}
          />
        ) : null}
        {mode === 'paste' ? (
          <>
            <TextField
              label="File name"
              hint="plugin.json for WIPP manifests, ict.yaml for ICT manifests."
              value={fileName}
              onChange={(event) => setFileName(event.target.value)}
              maxLength={200}
            />
            <TextAreaField
              label="Manifest text"
              value={text}
              onChange={(event) => setText(event.target.value)}
              rows={12}
              spellCheck={false}
              textareaClassName="font-mono"
            />
          </>
        ) : null}
        {mode === 'url' ? (
          <TextField
            label="Manifest URL"
            hint="Only hosts listed in ASSAY_MANIFEST_URL_HOSTS on the server can be fetched."
            type="url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            spellCheck={false}
          />
        ) : null}

        <Button
          type="submit"
          variant="primary"
          disabled={importManifest.isPending || request() === undefined}
        >
          {importManifest.isPending ? 'Importing…' : 'Import'}
        </Button>
      </form>

      {importManifest.data ? <ImportResult outcome={importManifest.data} /> : null}
      {importManifest.error ? (
        <ImportError error={importManifest.error} manifestErrors={manifestErrors} />
      ) : null}
    </div>
  );
}
