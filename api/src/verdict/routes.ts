import { Router } from 'express';
import type { DatabaseContext } from '../db/engine.ts';
import { requireRole } from '../http/auth.ts';
import type { VerdictRefresher } from './catalog-verdicts.ts';
import { getAdminOverview } from './overview.ts';
import { getVersionVerdict } from './version-verdict.ts';

export interface VerdictRouteDeps {
  context: DatabaseContext;
  refresher: VerdictRefresher;
  now?: () => Date;
}

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

  return router;
}
