import { Router } from 'express';
import { catalogQuerySchema } from '../contract/catalog.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { auditContext, requireRole } from '../http/auth.ts';
import { parseQuery } from '../http/validate.ts';
import { getPluginDetail, getRawManifest, getVersionDetail } from './detail.ts';
import { CatalogIndex } from './catalog-index.ts';
import { refreshVersionImage } from './refresh-image.ts';
import type { ResolverDeps } from './resolve.ts';
import { searchCatalog } from './search.ts';

const listParameters = [
  'inputType',
  'outputType',
  'institution',
  'author',
  'registryState',
  'signatureState',
] as const;

export function catalogRoutes(context: DatabaseContext, resolver: ResolverDeps): Router {
  const router = Router();
  const index = new CatalogIndex();

  router.get('/plugins', async (request, response) => {
    const query = parseQuery(request, catalogQuerySchema, listParameters);

    const page = await searchCatalog(context, index, query);

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

      response.json(image);
    },
  );

  return router;
}
