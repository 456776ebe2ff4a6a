import { Router } from 'express';
import { sql } from 'kysely';
import type { Meta } from '../contract/catalog.ts';
import type { DatabaseContext } from '../db/engine.ts';

export interface SystemState {
  meta: Meta;
  /** False until the start-up manifest import has finished. */
  isReady(): boolean;
}

export function systemRoutes(context: DatabaseContext, state: SystemState, openApi: () => unknown): Router {
  const router = Router();

  router.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });

  router.get('/ready', async (_request, response) => {
    let database = true;
    try {
      await sql`SELECT 1`.execute(context.db);
    } catch {
      database = false;
    }
    const ready = database && state.isReady();
    response
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'starting', database, imported: state.isReady() });
  });

  router.get('/meta', (_request, response) => {
    response.json(state.meta);
  });

  router.get('/openapi.json', (_request, response) => {
    response.json(openApi());
  });

  return router;
}
