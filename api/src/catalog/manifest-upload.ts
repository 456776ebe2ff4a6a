import { recordAuditEvent, type AuditActor } from '../audit/record.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { AppError } from '../http/errors.ts';
import { parseManifest } from '../manifests/parse.ts';
import { pluginKey } from '../manifests/plugin-key.ts';
import type { NormalisedManifest } from '../contract/manifest.ts';
import { importParsedManifest, type ImportOutcome } from './import.ts';

// The audit entry of an update records short fields with their old and new values. Longer fields
// (description, inputs, ui, ...) appear by name only, in `changed`.
const auditedValues = [
  'title',
  'containerId',
  'author',
  'institution',
  'repository',
  'website',
  'citation',
] as const;

function auditValues(manifest: NormalisedManifest | undefined, changed: string[]) {
  if (manifest === undefined) return {};
  const fields = auditedValues.filter((field) => changed.includes(field));
  return Object.fromEntries(fields.map((field) => [field, manifest[field] ?? null]));
}

export interface UploadRequest {
  /** An uploaded file's name, or the URL the manifest was fetched from. */
  origin: { kind: 'upload'; fileName: string } | { kind: 'url'; url: string };
  bytes: Uint8Array;
  actor: AuditActor;
  requestId: string;
  ip: string | undefined;
}

/**
 * Parses and imports a manifest an admin uploaded, pasted or fetched from a URL. A manifest that cannot
 * be understood is rejected with every error (path, problem, what is valid), and nothing is written.
 * A manifest for an existing version follows the admin rule of `decideAdminImport` (409 otherwise).
 * The import and its audit entry commit in one transaction.
 */
export async function importUploadedManifest(
  context: DatabaseContext,
  request: UploadRequest,
): Promise<ImportOutcome> {
  const { origin } = request;
  const shownAs = origin.kind === 'upload' ? `upload/${origin.fileName}` : origin.url;
  const fileName =
    origin.kind === 'upload' ? origin.fileName : new URL(origin.url).pathname.split('/').pop() || 'manifest';
  const result = parseManifest({ bytes: request.bytes, fileName });
  if (!result.ok) {
    const first = result.errors[0];
    const message = first ? `${shownAs}: ${first.path} ${first.problem}` : `${shownAs} is not a manifest.`;
    throw new AppError('invalid-input', message, {
      errors: result.errors.map((error) => ({ ...error, file: shownAs })),
    });
  }

  // Uploads are stored per plugin, because most are named plugin.json: a new upload of that name
  // replaces the earlier upload of the same plugin version, never another plugin's.
  const source =
    origin.kind === 'upload' ? `upload/${pluginKey(result.manifest)}/${origin.fileName}` : origin.url;
  // An import that changed nothing writes no audit entry: there was no change to record.
  return importParsedManifest(
    context,
    {
      source,
      raw: new TextDecoder().decode(request.bytes),
      format: result.format,
      manifest: result.manifest,
      warnings: result.warnings,
    },
    {
      rule: 'admin',
      onChanged: (trx, outcome, change) =>
        recordAuditEvent(trx, {
          actor: request.actor,
          action: 'manifest.import',
          targetType: 'plugin-version',
          targetId: `${outcome.plugin}@${outcome.version}`,
          ...(outcome.status === 'updated'
            ? { before: { shown: change.beforeSource, ...auditValues(change.before, outcome.changed) } }
            : {}),
          after: {
            status: outcome.status,
            source,
            format: result.format,
            warnings: result.warnings.length,
            ...(outcome.status === 'updated'
              ? { changed: outcome.changed, ...auditValues(change.after, outcome.changed) }
              : {}),
          },
          requestId: request.requestId,
          ...(request.ip ? { ip: request.ip } : {}),
        }).then(() => undefined),
    },
  );
}
