import { createHash, randomUUID } from 'node:crypto';
import type { ScanReportInfo } from '../contract/scan.ts';
import { recordAuditEvent, type AuditActor } from '../audit/record.ts';
import { AppError } from '../http/errors.ts';
import type { ScanReadDeps } from './deps.ts';
import { reportInfos } from './overview.ts';
import { ScanReportError } from './parsers/errors.ts';
import {
  defaultScanReportLimits,
  parseScanReport,
  type ParsedScanReport,
} from './parsers/parse-scan-report.ts';
import { saveScanReport } from './store/save-report.ts';
import { findVersionImage } from './version-image.ts';

export interface UploadedReport {
  bytes: Uint8Array;
  /** The file name the browser sent, kept in the audit log only. */
  fileName: string | undefined;
  /** A platform manifest of the version's index that the report describes; the version's digest when absent. */
  platformDigest: string | undefined;
}

export interface UploadAudit {
  actor: AuditActor;
  requestId: string;
  ip: string | undefined;
}

/** Turns a report the parser rejected into an `invalid-input` error whose details point into the document. */
function uploadError(error: ScanReportError): AppError {
  const detail = { path: 'report', jsonPath: error.path, kind: error.kind, message: error.message };
  const code = error.kind === 'too-large' ? 'payload-too-large' : 'invalid-input';
  return new AppError(code, `The uploaded report was rejected at ${error.path}: ${error.problem}.`, [detail]);
}

/**
 * Parses an uploaded Trivy JSON or Harbor report for a version's digest (or one of its platform
 * manifests) and stores it as a report with source `upload`, recording the upload in the audit log
 * in the same transaction. Uploading the same file again replaces the earlier copy.
 */
export async function uploadScanReport(
  deps: ScanReadDeps,
  name: string,
  versionName: string,
  upload: UploadedReport,
  audit: UploadAudit,
): Promise<ScanReportInfo> {
  const image = await findVersionImage(deps.context, name, versionName);
  if (image.digest === undefined) {
    throw new AppError(
      'conflict',
      `Plugin "${name}" version "${versionName}" has no resolved image digest yet, so a report cannot be attached to it.`,
    );
  }
  const platformDigests = image.platforms.map((platform) => platform.digest);
  if (
    upload.platformDigest !== undefined &&
    upload.platformDigest !== image.digest &&
    !platformDigests.includes(upload.platformDigest)
  ) {
    throw new AppError(
      'invalid-input',
      `platformDigest ${upload.platformDigest} is not a platform manifest of this version's image.`,
      [
        {
          path: 'platformDigest',
          message: `must be one of ${[image.digest, ...platformDigests].join(', ')}`,
        },
      ],
    );
  }
  const scannedDigest = upload.platformDigest ?? image.digest;

  let parsed: ParsedScanReport;
  try {
    parsed = parseScanReport(upload.bytes, {
      maxBytes: deps.config.maxReportBytes,
      maxFindings: defaultScanReportLimits.maxFindings,
      digest: scannedDigest,
      source: 'upload',
      now: deps.now(),
      // A report for the index names the index digest even when it describes one platform.
      acceptedDigests: [...new Set([scannedDigest, image.digest])],
    });
  } catch (error) {
    if (error instanceof ScanReportError) throw uploadError(error);
    throw error;
  }

  const digest = image.digest;
  const now = deps.now();
  const contentKey = createHash('sha256').update(upload.bytes).digest('hex');
  const reportId = await deps.context.db.transaction().execute(async (trx) => {
    const id = await saveScanReport(
      trx,
      parsed,
      {
        digest,
        registryHost: image.registry,
        repository: image.repository,
        contentKey,
        uploadedBy: audit.actor,
      },
      { id: randomUUID(), now },
    );
    await recordAuditEvent(
      trx,
      {
        actor: audit.actor,
        action: 'scan.upload',
        targetType: 'image',
        targetId: digest,
        after: {
          reportId: id,
          plugin: image.pluginId,
          version: image.version,
          scannedDigest,
          format: parsed.report.format,
          findings: parsed.report.findings.length,
          sha256: contentKey,
          ...(upload.fileName === undefined ? {} : { fileName: upload.fileName }),
        },
        requestId: audit.requestId,
        ...(audit.ip === undefined ? {} : { ip: audit.ip }),
      },
      now,
    );
    return id;
  });

  const row = await deps.context.db
    .selectFrom('scan_reports')
    .selectAll()
    .where('id', '=', reportId)
    .executeTakeFirstOrThrow();
  const [info] = await reportInfos(deps, [row]);
  if (info === undefined) throw new Error(`Stored report ${reportId} could not be read back`);
  return info;
}
