import { useState, type FormEvent } from 'react';
import { Button, focusRing } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/text-field';
import { manifestErrorsOf, useImportManifest, type ImportRequest } from '../api/import-manifest';
import { ImportError, ImportResult } from './import-result';

type Mode = 'file' | 'paste' | 'url';

const modes: Array<[Mode, string]> = [
  ['file', 'Upload a file'],
  ['paste', 'Paste the text'],
  ['url', 'Fetch from a URL'],
];

/**
 * Imports a WIPP `plugin.json` or ICT `ict.yaml` manifest by upload, paste or URL. A rejected manifest
 * shows every error with its JSON path, line and what is valid; nothing is stored then. The form states
 * the rule for versions that exist already, which the API enforces with a 409.
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
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Each plugin version shows one manifest. A manifest for a version that exists already replaces it only
        when it comes from the same source (the same file name, or the same URL). An ICT manifest is added
        beside the WIPP manifest of the same image, and the other way round. Assay rejects any other manifest
        for an existing version: give a changed manifest a new version number.
      </p>
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
