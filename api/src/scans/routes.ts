import { Router, type Request, type RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import { compareQuerySchema, findingsQuerySchema } from '../contract/scan.ts';
import { auditContext, requireRole } from '../http/auth.ts';
import { AppError } from '../http/errors.ts';
import { parseQuery } from '../http/validate.ts';
import { comparisonForVisitors, compareVersions } from './compare.ts';
import { getVersionFindings } from './findings.ts';
import { getVersionScan, versionScanForVisitors } from './overview.ts';
import { deleteUploadedReport } from './delete-upload.ts';
import { getScanJob, requestRescan, type ScanRunner, type ScanRunnerDeps } from './rescan.ts';
import { uploadScanReport } from './upload.ts';

const versionPath = '/plugins/:name/versions/:version/scan';

/** The upload field that carries the report file, and the optional field naming a platform manifest. */
export const uploadFields = { report: 'report', platformDigest: 'platformDigest' } as const;

/**
 * Reads one multipart file into memory, bounded by the configured report size (plus a little for the
 * multipart framing), and turns multer's errors into the API's error format.
 */
function reportUpload(maxReportBytes: number): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxReportBytes, files: 1, fields: 4, fieldSize: 1024, parts: 6 },
  }).single(uploadFields.report);

  return (request, response, next) => {
    parse(request, response, (error: unknown) => {
      if (error instanceof MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') {
          next(
            new AppError(
              'payload-too-large',
              `The report is larger than the configured maximum of ${maxReportBytes} bytes (ASSAY_SCAN_MAX_REPORT_BYTES).`,
              [{ path: uploadFields.report, message: `must be at most ${maxReportBytes} bytes` }],
            ),
          );
          return;
        }
        const field = error.field ?? uploadFields.report;
        next(
          new AppError('invalid-input', `The upload is invalid: ${error.message}.`, [
            { path: field, message: error.message },
          ]),
        );
        return;
      }
      next(error);
    });
  };
}

function isAdmin(request: Request): boolean {
  return request.user?.role === 'admin';
}

/** Route parameters typed as strings; Express types them loosely behind a middleware chain. */
function versionParams(params: Record<string, unknown>): { name: string; version: string } {
  return { name: String(params.name), version: String(params.version) };
}

export function scanRoutes(deps: ScanRunnerDeps, runner: ScanRunner | undefined): Router {
  const router = Router();

  router.get(versionPath, async (request, response) => {
    const scan = await getVersionScan(deps, request.params.name, request.params.version);

    response.json(isAdmin(request) ? scan : versionScanForVisitors(scan));
  });

  router.get(`${versionPath}/findings`, async (request, response) => {
    const query = parseQuery(request, findingsQuerySchema, ['severity']);

    const page = await getVersionFindings(deps.context, request.params.name, request.params.version, query);

    response.json(page);
  });

  router.get('/plugins/:name/compare', async (request, response) => {
    const query = parseQuery(request, compareQuerySchema);

    const comparison = await compareVersions(deps, request.params.name, query.from, query.to);

    response.json(isAdmin(request) ? comparison : comparisonForVisitors(comparison));
  });

  router.post(`${versionPath}/rescan`, requireRole('admin'), async (request, response) => {
    const { name, version } = versionParams(request.params);
    const job = await requestRescan(deps, runner, name, version, auditContext(request));

    response.status(202).json(job);
  });

  router.post(
    `${versionPath}/upload`,
    requireRole('admin'),
    reportUpload(deps.config.maxReportBytes),
    async (request, response) => {
      const file = request.file;
      if (file === undefined) {
        throw new AppError(
          'invalid-input',
          `Choose a report file to upload in the "${uploadFields.report}" field.`,
          [{ path: uploadFields.report, message: 'is required: a Trivy JSON or Harbor report file' }],
        );
      }
      const platformDigest = (request.body as Record<string, unknown> | undefined)?.[
        uploadFields.platformDigest
      ];
      const { name, version } = versionParams(request.params);

      const report = await uploadScanReport(
        deps,
        name,
        version,
        {
          bytes: file.buffer,
          fileName: file.originalname || undefined,
          platformDigest:
            typeof platformDigest === 'string' && platformDigest !== '' ? platformDigest : undefined,
        },
        auditContext(request),
      );

      response.status(201).json(report);
    },
  );

  router.delete(`${versionPath}/reports/:id`, requireRole('admin'), async (request, response) => {
    const { name, version } = versionParams(request.params);

    await deleteUploadedReport(deps, name, version, String(request.params.id), auditContext(request));

    response.status(204).end();
  });

  router.get('/scan-jobs/:id', requireRole('admin'), async (request, response) => {
    response.json(await getScanJob(deps, String(request.params.id)));
  });

  return router;
}
