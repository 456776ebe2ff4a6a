import { recordAuditEvent } from '../audit/record.ts';
import { AppError } from '../http/errors.ts';
import type { ScanReadDeps } from './deps.ts';
import { deleteScanReports } from './store/save-report.ts';
import type { UploadAudit } from './upload.ts';
import { findVersionImage } from './version-image.ts';

/**
 * Deletes a report an administrator uploaded for a version's digest, with its findings, and audits it.
 * Only uploads can be deleted: an attestation is read again from the registry on the next check, and a
 * scanner report is replaced by the next scan. Throws `not-found` for a report of another version.
 */
export async function deleteUploadedReport(
  deps: ScanReadDeps,
  name: string,
  versionName: string,
  reportId: string,
  audit: UploadAudit,
): Promise<void> {
  const image = await findVersionImage(deps.context, name, versionName);
  const now = deps.now();

  await deps.context.db.transaction().execute(async (trx) => {
    const report = await trx
      .selectFrom('scan_reports')
      .select(['id', 'digest', 'source', 'format', 'generated_at', 'finding_count', 'content_key'])
      .where('id', '=', reportId)
      .executeTakeFirst();
    if (report === undefined || image.digest === undefined || report.digest !== image.digest) {
      throw new AppError(
        'not-found',
        `Version ${versionName} of plugin ${name} has no scan report with id ${reportId}.`,
      );
    }
    if (report.source !== 'upload') {
      throw new AppError(
        'conflict',
        report.source === 'attestation'
          ? 'Only uploaded reports can be deleted. This one comes from an attestation in the registry, which Assay reads again on every check; remove the attestation there.'
          : 'Only uploaded reports can be deleted. This one comes from the configured scanner; the next scan replaces it.',
      );
    }

    await deleteScanReports(trx, report.digest, [report.id], now);
    await recordAuditEvent(
      trx,
      {
        actor: audit.actor,
        action: 'scan.report.delete',
        targetType: 'image',
        targetId: report.digest,
        before: {
          reportId: report.id,
          plugin: image.pluginId,
          version: image.version,
          format: report.format,
          generatedAt: report.generated_at,
          findings: Number(report.finding_count),
          sha256: report.content_key,
        },
        requestId: audit.requestId,
        ...(audit.ip === undefined ? {} : { ip: audit.ip }),
      },
      now,
    );
  });
}
