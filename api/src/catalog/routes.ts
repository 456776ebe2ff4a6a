import express, { Router } from 'express';
import { z } from 'zod';
import { catalogQuerySchema } from '../contract/catalog.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { auditContext, requireRole } from '../http/auth.ts';
import { parseBody, parseQuery } from '../http/validate.ts';
import { maxManifestBytes } from '../manifests/parse.ts';
import { findVersion, getPluginDetail, getRawManifest, getVersionDetail } from './detail.ts';
import { CatalogIndex } from './catalog-index.ts';
import type { ImportOutcome } from './import.ts';
import { importUploadedManifest } from './manifest-upload.ts';
import { fetchManifestFromUrl } from './manifest-url.ts';
import { refreshVersionImage } from './refresh-image.ts';
import { resolveVersion, type ResolverDeps } from './resolve.ts';
import { refreshPluginSummary } from './summary.ts';
import { searchCatalog } from './search.ts';
import type { ScanIndicators } from '../scans/indicators.ts';

const listParameters = [
  'inputType',
  'outputType',
  'institution',
  'author',
  'registryState',
  'signatureState',
  'verdict',
] as const;

export interface CatalogRouteOptions {
  scanIndicators?: ScanIndicators;
  /** Runs before each search; brings the stored verdicts up to date. */
  beforeSearch?: () => Promise<void>;
  /** Hosts that manifests may be imported from by URL; empty disables URL imports. */
  manifestUrlHosts?: readonly string[];
  /**
   * Looks up one version's signatures and vulnerability attestations now. Runs after an admin refreshed
   * the version's image and after an imported version's image resolved, so its page need not wait for
   * the next background refresh.
   */
  checkVersion?: (plugin: string, version: string) => Promise<void>;
  /**
   * Runs work that continues after the response, such as resolving an imported version's image. The
   * server passes a function that keeps the task, so that stopping waits for it before the database
   * closes. By default the task runs untracked.
   */
  runInBackground?: (task: () => Promise<void>) => void;
}

const uploadQuerySchema = z.object({
  fileName: z
    .string({ error: 'fileName is required, for example plugin.json or ict.yaml' })
    .min(1, 'fileName is required, for example plugin.json or ict.yaml')
    .max(200, 'fileName must be at most 200 characters')
    // The name becomes part of the manifest's source, which decides what a later import may replace.
    .refine(
      (name) =>
        ![...name].some(
          (character) => character === '/' || character === '\\' || character < ' ' || character === '\u007f',
        ) &&
        name !== '.' &&
        name !== '..',
      'fileName must be a file name without folders or control characters, for example plugin.json',
    ),
});
const urlImportSchema = z.object({
  url: z.string({ error: 'url is required' }).max(2000, 'url must be at most 2000 characters'),
});

// Uploads arrive as the file's own bytes, not wrapped in JSON, so the JSON body limit does not apply.
const manifestBody = express.raw({ type: () => true, limit: maxManifestBytes });

/** 201 when the import stored a new version or a new manifest beside the shown one, else 200. */
function importStatus(outcome: ImportOutcome): number {
  return outcome.status === 'created' || outcome.status === 'added' ? 201 : 200;
}

export function catalogRoutes(
  context: DatabaseContext,
  resolver: ResolverDeps,
  options: CatalogRouteOptions = {},
): Router {
  const router = Router();
  const index = new CatalogIndex();
  const runInBackground = options.runInBackground ?? ((task: () => Promise<void>) => void task());

  router.get('/plugins', async (request, response) => {
    const query = parseQuery(request, catalogQuerySchema, listParameters);

    await options.beforeSearch?.();
    const page = await searchCatalog(context, index, query, options.scanIndicators);

    response.json(page);
  });

  router.get('/plugins/:name', async (request, response) => {
    response.json(await getPluginDetail(context, request.params.name));
  });

  router.get('/plugins/:name/versions/:version', async (request, response) => {
    response.json(await getVersionDetail(context, request.params.name, request.params.version));
  });

  router.get('/plugins/:name/versions/:version/manifest/raw', async (request, response) => {
    const manifest = await getRawManifest(context, request.params.name, request.params.version);

    const fileName = manifest.source.split('/').pop() ?? 'manifest';
    response
      .type(manifest.contentType)
      .setHeader('Content-Disposition', `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
      .send(manifest.raw);
  });

  router.post(
    '/plugins/:name/versions/:version/image/refresh',
    requireRole('admin'),
    async (request, response) => {
      const { actor, requestId, ip } = auditContext(request);
      const { name, version } = request.params as { name: string; version: string };

      const image = await refreshVersionImage(resolver, {
        plugin: name,
        version,
        actor,
        requestId,
        ip,
      });
      await options.checkVersion?.(name, version);

      response.json(image);
    },
  );

  router.post('/manifests', requireRole('admin'), manifestBody, async (request, response) => {
    const { fileName } = parseQuery(request, uploadQuerySchema);
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

    const outcome = await importUploadedManifest(context, {
      origin: { kind: 'upload', fileName },
      bytes,
      ...auditContext(request),
    });
    if (outcome.status !== 'unchanged')
      runInBackground(() => resolveImported(outcome.plugin, outcome.version));

    response.status(importStatus(outcome)).json(outcome);
  });

  router.post('/manifests/from-url', requireRole('admin'), async (request, response) => {
    const { url } = parseBody(request, urlImportSchema);

    const bytes = await fetchManifestFromUrl(url, {
      allowedHosts: options.manifestUrlHosts ?? [],
      timeoutMs: 10_000,
    });
    const outcome = await importUploadedManifest(context, {
      origin: { kind: 'url', url },
      bytes,
      ...auditContext(request),
    });
    if (outcome.status !== 'unchanged')
      runInBackground(() => resolveImported(outcome.plugin, outcome.version));

    response.status(importStatus(outcome)).json(outcome);
  });

  /**
   * Resolves an imported version's image in the background, then looks up its signatures and
   * attestations, so its page soon shows the digest and who signed it.
   */
  async function resolveImported(plugin: string, version: string) {
    try {
      const { version: row } = await findVersion(context, plugin, version);
      await resolveVersion(resolver, row, { force: false });
      await refreshPluginSummary(context.db, context.engine, plugin, new Date().toISOString());
      await options.checkVersion?.(plugin, version);
    } catch (error) {
      resolver.logger.warn({ err: error, plugin, version }, 'could not resolve an imported version');
    }
  }

  return router;
}
