import { Router } from 'express';
import { staleScanQuerySchema, type StaleScanPage } from '../contract/admin-overview.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { requireRole } from '../http/auth.ts';
import { parseQuery } from '../http/validate.ts';
import type { VerdictRefresher } from './catalog-verdicts.ts';
import { getAdminOverview, listStaleScans } from './overview.ts';
import { getVersionVerdict } from './version-verdict.ts';

export interface VerdictRouteDeps {
  context: DatabaseContext;
  refresher: VerdictRefresher;
  now?: () => Date;
}

const defaultStaleScanPageSize = 50;

export function verdictRoutes(deps: VerdictRouteDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  router.get('/plugins/:name/versions/:version/verdict', async (request, response) => {
    response.json(await getVersionVerdict(deps.context, request.params.name, request.params.version, now()));
  });

  router.get('/admin/overview', requireRole('admin'), async (_request, response) => {
    await deps.refresher.ensureFresh();

    response.json(await getAdminOverview(deps.context.db, now()));
  });

  router.get('/admin/stale-scans', requireRole('admin'), async (request, response) => {
    const query = parseQuery(request, staleScanQuerySchema);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? defaultStaleScanPageSize;

    await deps.refresher.ensureFresh();
    const { items, total } = await listStaleScans(deps.context.db, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });

    const body: StaleScanPage = { items, total, page, pageSize };
    response.json(body);
  });

  return router;
}
