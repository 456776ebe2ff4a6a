import type { ScanJobInfo, ScanReportInfo, VersionScan } from '../contract/scan.ts';
import type { ScanReadDeps } from './deps.ts';
import { readAttestationCheck } from './attestations/import.ts';
import { scannableRegistry } from './scanner/scan-target.ts';
import { listDigestReports } from './store/current-report.ts';
import { jobInfoFromRow, latestJobForDigest } from './store/job-store.ts';
import { reportInfoFromRow } from './store/report-info.ts';
import type { ReportRow } from './store/report-rows.ts';
import { findVersionImage, type VersionImage } from './version-image.ts';

/** Converts report rows to the API's shape, reading the signer records once when a report is signed. */
export async function reportInfos(deps: ScanReadDeps, rows: ReportRow[]): Promise<ScanReportInfo[]> {
  const signed = rows.some((row) => row.signer_ref !== null);
  const signers = signed ? await deps.signers() : new Map();
  const freshness = { now: deps.now(), staleAfterDays: await deps.staleAfterDays() };
  return rows.map((row) => reportInfoFromRow(row, freshness, signers));
}

/**
 * Returns the report a digest shows, with its severity counts, age, staleness and signer: what a
 * trust policy needs. Undefined when the digest has no report.
 */
export async function currentScanReport(
  deps: ScanReadDeps,
  digest: string,
): Promise<ScanReportInfo | undefined> {
  const [current] = await listDigestReports(deps.context.db, digest, deps.now());
  if (current === undefined) return undefined;
  const [info] = await reportInfos(deps, [current]);
  return info;
}

function rescanAvailability(
  deps: ScanReadDeps,
  image: VersionImage,
): { available: boolean; unavailableReason?: string } {
  // The demo's folder cannot be scanned whatever the configuration, so that reason comes first.
  const scannable = scannableRegistry(image, deps.registries, deps.directory);
  if ('reason' in scannable && deps.directory.find(image.registry)?.kind === 'oci-layout') {
    return { available: false, unavailableReason: scannable.reason };
  }
  if (deps.config.scannerUrl === undefined) {
    return {
      available: false,
      unavailableReason: 'No scanner is configured; set ASSAY_SCANNER_URL to a Harbor-API scanner adapter.',
    };
  }
  return 'reason' in scannable
    ? { available: false, unavailableReason: scannable.reason }
    : { available: true };
}

/** Returns every stored report of a version's digest, the one to show first, and whether a rescan is possible. */
export async function getVersionScan(
  deps: ScanReadDeps,
  name: string,
  versionName: string,
): Promise<VersionScan> {
  const image = await findVersionImage(deps.context, name, versionName);
  const base = {
    plugin: image.pluginId,
    version: image.version,
    platforms: image.platforms.map(({ digest, os, architecture, variant }) => ({
      digest,
      os,
      architecture,
      ...(variant === undefined ? {} : { variant }),
    })),
    staleAfterDays: await deps.staleAfterDays(),
  };
  const rescan = rescanAvailability(deps, image);
  if (image.digest === undefined) return { ...base, reports: [], rejectedAttestations: [], rescan };

  const [rows, job, check] = await Promise.all([
    listDigestReports(deps.context.db, image.digest, deps.now()),
    latestJobForDigest(deps.context.db, image.digest),
    readAttestationCheck(deps.context.db, {
      registry: image.registry,
      repository: image.repository,
      digest: image.digest,
    }),
  ]);
  const reports = await reportInfos(deps, rows);
  return {
    ...base,
    digest: image.digest,
    ...(reports[0] === undefined ? {} : { current: reports[0] }),
    reports,
    rejectedAttestations: (check?.outcomes ?? [])
      .filter((outcome) => outcome.result === 'rejected')
      .map(({ digest, foundIn, layerDigest, reason }) => ({
        digest,
        ...(foundIn === undefined ? {} : { foundIn }),
        ...(layerDigest === undefined ? {} : { layerDigest }),
        reason,
      })),
    ...(check === undefined ? {} : { attestationsCheckedAt: check.checkedAt }),
    rescan: { ...rescan, ...(job === undefined ? {} : { latestJob: jobInfoFromRow(job) }) },
  };
}

/** Removes what only administrators may read: who uploaded or requested scans, and scanner error details. */
export function scanReportForVisitors(report: ScanReportInfo): ScanReportInfo {
  const { uploadedBy: _uploadedBy, ...rest } = report;
  return rest;
}

/** Removes who requested a scan job, and replaces a failure's text, which may carry the scanner's URLs and internals. */
function scanJobForVisitors(job: ScanJobInfo): ScanJobInfo {
  const { requestedBy: _requestedBy, error, ...rest } = job;
  if (error === undefined) return rest;
  return { ...rest, error: 'The scan failed. Administrators can see the reason on this page.' };
}

/** Shows a version's scans to someone who is not an administrator: without user names or scanner errors. */
export function versionScanForVisitors(scan: VersionScan): VersionScan {
  const job = scan.rescan.latestJob;
  // Why an admin cannot rescan names configuration, which is for administrators.
  const { unavailableReason: _reason, latestJob: _job, ...rescan } = scan.rescan;
  return {
    ...scan,
    ...(scan.current === undefined ? {} : { current: scanReportForVisitors(scan.current) }),
    reports: scan.reports.map(scanReportForVisitors),
    rescan: { ...rescan, ...(job === undefined ? {} : { latestJob: scanJobForVisitors(job) }) },
  };
}
