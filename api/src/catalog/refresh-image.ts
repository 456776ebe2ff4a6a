import { recordAuditEvent, type AuditActor } from '../audit/record.ts';
import type { ImageDetails } from '../contract/image.ts';
import { fromRegistryError } from '../http/errors.ts';
import { imageDetailsOf, findVersion } from './detail.ts';
import { resolveVersion, type ResolverDeps } from './resolve.ts';
import { refreshPluginSummary } from './summary.ts';

/**
 * Resolves one version's image now, ignoring the tag cache, and returns the new details. A registry
 * failure is stored on the version (its page shows it) and also thrown as a 502 or 504 naming the
 * registry, so the admin who asked sees at once why it failed.
 */
export async function refreshVersionImage(
  deps: ResolverDeps,
  request: { plugin: string; version: string; actor: AuditActor; requestId: string; ip: string | undefined },
): Promise<ImageDetails> {
  const { version } = await findVersion(deps.context, request.plugin, request.version);
  const before = imageDetailsOf(version);

  const result = await resolveVersion(deps, version, { force: true });

  const { version: updated } = await findVersion(deps.context, request.plugin, request.version);
  const after = imageDetailsOf(updated);
  await deps.context.db.transaction().execute(async (trx) => {
    await refreshPluginSummary(trx, deps.context.engine, request.plugin, new Date().toISOString());
    await recordAuditEvent(trx, {
      actor: request.actor,
      action: 'image.refresh',
      targetType: 'plugin-version',
      targetId: `${request.plugin}@${request.version}`,
      before: { status: before.status, currentDigest: before.currentDigest },
      after: { status: after.status, currentDigest: after.currentDigest, outcome: result.outcome },
      requestId: request.requestId,
      ...(request.ip ? { ip: request.ip } : {}),
    });
  });
  if (result.error) throw fromRegistryError(result.error);
  return after;
}
