import type { ManifestImportConflict, ShownManifest } from '../contract/catalog.ts';
import type { ManifestFormat, NormalisedManifest } from '../contract/manifest.ts';
import { AppError } from '../http/errors.ts';

// The rule for manifests that an admin imports (upload, paste or URL) for a plugin version that
// exists already. The version's page shows one manifest. An import may replace the manifest from its
// own source, or add the other format (an ICT companion beside a WIPP manifest, or the reverse) for
// the same image. Any other manifest is rejected, because storing it would change nothing visible, and
// silently swapping the shown manifest would change the image of a version that users already reviewed.

/** A manifest row of the version, as the rule reads it. */
export interface StoredManifest {
  id: string;
  source: string;
  format: string;
  sha256: string;
  normalised: string;
  imported_at: string;
}

/** The manifest being imported. */
export interface IncomingManifest {
  source: string;
  format: ManifestFormat;
  manifest: NormalisedManifest;
  sha256: string;
}

/** WIPP dialects describe one thing in one shape; an ICT manifest is the companion format. */
function formatFamily(format: string): 'wipp' | 'ict' {
  return format === 'ict' ? 'ict' : 'wipp';
}

/** Names the top-level fields whose values differ between two manifests, sorted; every field when `before` is absent. */
export function changedFields(before: NormalisedManifest | undefined, after: NormalisedManifest): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const changed = [...keys].filter(
    (key) =>
      JSON.stringify((before as Record<string, unknown> | undefined)?.[key]) !==
      JSON.stringify((after as Record<string, unknown>)[key]),
  );
  return changed.sort();
}

/** Says where a stored manifest came from, by the form of its source. */
export function sourceOrigin(source: string): ShownManifest['origin'] {
  if (source.startsWith('upload/')) return 'upload';
  if (/^https?:\/\//.test(source)) return 'url';
  return 'folder';
}

/** Names a manifest's source and how an admin changes the manifest there. */
function describeSource(source: string): { origin: string; howToChange: string } {
  switch (sourceOrigin(source)) {
    case 'upload': {
      const fileName = source.split('/').pop() ?? source;
      return { origin: `the upload ${fileName}`, howToChange: `upload the new manifest as ${fileName}` };
    }
    case 'url':
      return { origin: source, howToChange: `import it again from ${source}` };
    case 'folder':
      return {
        origin: `${source} in the manifest folder`,
        howToChange: 'edit that file in the manifest folder (Assay imports the folder at start)',
      };
  }
}

/** Describes the shown manifest for import results and conflicts. */
export function shownManifestOf(row: StoredManifest): ShownManifest {
  return {
    source: row.source,
    origin: sourceOrigin(row.source),
    format: row.format as ManifestFormat,
    importedAt: row.imported_at,
  };
}

/**
 * Decides an admin's import for a version that exists. It is `unchanged` when a stored manifest has the
 * same bytes, or the same content in the same format family. It is `store` when the import comes from
 * the source of a stored manifest, or adds the other format for the same image. Otherwise it throws a
 * `conflict` AppError that names the manifest shown and the fields that differ.
 */
export function decideAdminImport(context: {
  plugin: string;
  version: string;
  /** The image the version points to now. */
  containerId: string;
  stored: StoredManifest[];
  shown: StoredManifest;
  incoming: IncomingManifest;
}): 'store' | 'unchanged' {
  const { stored, shown, incoming } = context;
  const incomingFamily = formatFamily(incoming.format);
  const normalised = JSON.stringify(incoming.manifest);
  const identical = stored.some(
    (row) =>
      row.sha256 === incoming.sha256 ||
      (formatFamily(row.format) === incomingFamily && row.normalised === normalised),
  );
  if (identical) return 'unchanged';
  if (stored.some((row) => row.source === incoming.source)) return 'store';
  const companion =
    !stored.some((row) => formatFamily(row.format) === incomingFamily) &&
    incoming.manifest.containerId === context.containerId;
  if (companion) return 'store';

  const shownManifest = JSON.parse(shown.normalised) as NormalisedManifest;
  const { origin, howToChange } = describeSource(shown.source);
  const containerIdDiffers = shownManifest.containerId !== incoming.manifest.containerId;
  const details: ManifestImportConflict = {
    plugin: context.plugin,
    version: context.version,
    shown: shownManifestOf(shown),
    differences: changedFields(shownManifest, incoming.manifest),
    ...(containerIdDiffers
      ? { containerId: { shown: shownManifest.containerId, imported: incoming.manifest.containerId } }
      : {}),
  };
  const message = [
    `${context.plugin} ${context.version} already exists, and its page shows the manifest from ${origin}, imported ${shown.imported_at}.`,
    ...(containerIdDiffers
      ? [
          `The imported containerId ${incoming.manifest.containerId} differs from that manifest's ${shownManifest.containerId}.`,
        ]
      : []),
    "Nothing was stored: an import replaces a version's manifest only from the same upload file name or URL.",
    `To change this version, ${howToChange}. To publish the new manifest, give it a new version number.`,
  ].join(' ');
  throw new AppError('conflict', message, details);
}
