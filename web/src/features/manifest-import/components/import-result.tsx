import type {
  ManifestError,
  ManifestImportConflict,
  ManifestWarning,
  ShownManifest,
} from '@assay/api/contract';
import { Link } from 'react-router';
import { focusRing } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { importConflictOf, type ImportOutcome } from '../api/import-manifest';

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

function VersionLink({ plugin, version, children }: { plugin: string; version: string; children: string }) {
  return (
    <Link className={`underline ${focusRing}`} to={paths.pluginVersion.build(plugin, version)}>
      {children}
    </Link>
  );
}

function resultTitle(outcome: ImportOutcome): string {
  const name = `${outcome.plugin} ${outcome.version}`;
  switch (outcome.status) {
    case 'created':
      return `Imported ${name}`;
    case 'updated':
      return `Updated ${name}`;
    case 'added':
      return `Added a second manifest to ${name}`;
    case 'unchanged':
      return `Already up to date: ${name}`;
  }
}

/** Says what the import changed on the version's page, in the words of its status. */
function ResultDetail({ outcome }: { outcome: ImportOutcome }) {
  const shown = `${outcome.shown.source} (${outcome.shown.format})`;
  switch (outcome.status) {
    case 'created':
      return null;
    case 'updated':
      return (
        <p className="text-sm">
          The version’s page now shows this manifest.
          {outcome.changed.length > 0 ? ` Changed fields: ${outcome.changed.join(', ')}.` : ''}
          {outcome.changed.includes('containerId')
            ? ' The image changed, so Assay looks up its digest, signatures and scans again.'
            : ''}
        </p>
      );
    case 'added':
      return (
        <p className="text-sm">
          The version’s page still shows {shown}. This manifest is listed with the version’s other manifest
          files.
        </p>
      );
    case 'unchanged':
      return (
        <p className="text-sm">
          An identical manifest was stored already, so nothing changed. The version’s page shows {shown}.
        </p>
      );
  }
}

export function ImportResult({ outcome }: { outcome: ImportOutcome }) {
  return (
    <Callout
      tone={outcome.warnings.length > 0 ? 'warning' : 'good'}
      title={resultTitle(outcome)}
      role="status"
    >
      <ResultDetail outcome={outcome} />
      <p className="text-sm">
        <VersionLink plugin={outcome.plugin} version={outcome.version}>
          Open the plugin version
        </VersionLink>
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

/** Words how an admin changes the manifest a version shows, by where that manifest came from. */
function howToChange(shown: ShownManifest): string {
  switch (shown.origin) {
    case 'folder':
      return 'edit that file in the manifest folder; Assay imports the folder at its next start';
    case 'upload':
      return `upload the new manifest as ${shown.source.split('/').pop() ?? shown.source}`;
    case 'url':
      return `import it again from ${shown.source}`;
  }
}

/** The 409 for a version that exists, worded from its details: what the page shows and what differs. */
function ImportConflict({ conflict }: { conflict: ManifestImportConflict }) {
  const imported = formatTime(conflict.shown.importedAt)?.absolute ?? conflict.shown.importedAt;
  return (
    <Callout
      tone="bad"
      title={`Not imported: ${conflict.plugin} ${conflict.version} exists already`}
      role="alert"
    >
      <p className="text-sm">
        Its page shows the manifest from{' '}
        <code className="break-all font-mono text-xs">{conflict.shown.source}</code> ({conflict.shown.format}
        ), imported {imported}. Assay stored nothing.
      </p>
      {conflict.containerId ? (
        <p className="text-sm">
          This manifest names the image{' '}
          <code className="break-all font-mono text-xs">{conflict.containerId.imported}</code>, but the
          version’s image is <code className="break-all font-mono text-xs">{conflict.containerId.shown}</code>
          .
        </p>
      ) : null}
      {conflict.differences.length > 0 ? (
        <p className="text-sm">Fields that differ: {conflict.differences.join(', ')}.</p>
      ) : null}
      <p className="text-sm">
        To change this version, {howToChange(conflict.shown)}. To publish the new manifest, give it a new
        version number.
      </p>
      <p className="text-sm">
        <VersionLink plugin={conflict.plugin} version={conflict.version}>
          Open the version that exists
        </VersionLink>
      </p>
    </Callout>
  );
}

export function ImportError({ error, manifestErrors }: { error: unknown; manifestErrors: ManifestError[] }) {
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
  const conflict = importConflictOf(error);
  if (conflict) return <ImportConflict conflict={conflict} />;
  const text = describeError(error);
  return (
    <Callout tone="bad" title={text.title} role="alert">
      <p className="text-sm">{text.detail}</p>
    </Callout>
  );
}
