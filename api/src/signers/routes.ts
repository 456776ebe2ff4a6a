import { Router, type Request } from 'express';
import {
  approveSignerBodySchema,
  createSignerBodySchema,
  revokeSignerBodySchema,
  signerListQuerySchema,
  updateSignerBodySchema,
} from '../contract/signer.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { auditContext, requireRole } from '../http/auth.ts';
import { parseBody, parseQuery } from '../http/validate.ts';
import { getSignerDetail, listSigners, signerView } from './queries.ts';
import { reverifyUnknownSigners } from './reverify.ts';
import { approveSigner, createSigner, revokeSigner, updateSigner, type ChangeContext } from './service.ts';
import type { TrustProvider } from './signer-trust.ts';
import { getVersionSignatures } from './version-signatures.ts';

export interface SignerRouteDeps {
  context: DatabaseContext;
  trust: TrustProvider;
  now?: () => Date;
}

function isAdmin(request: Request): boolean {
  return request.user?.role === 'admin';
}

export function signerRoutes(deps: SignerRouteDeps): Router {
  const router = Router();
  const { db } = deps.context;
  const now = deps.now ?? (() => new Date());

  function changeContext(request: Request): ChangeContext {
    const { actor, requestId, ip } = auditContext(request);
    return { actor, requestId, ...(ip !== undefined ? { ip } : {}), now: now() };
  }

  router.get('/plugins/:name/versions/:version/signatures', async (request, response) => {
    response.json(
      await getVersionSignatures(deps.context, request.params.name, request.params.version, now()),
    );
  });

  router.get('/signers', async (request, response) => {
    const query = parseQuery(request, signerListQuerySchema, ['status', 'kind']);

    const page = await listSigners(db, query, { includeActor: isAdmin(request), now: now() });

    response.json(page);
  });

  router.get('/signers/:id', async (request, response) => {
    response.json(
      await getSignerDetail(db, request.params.id, { includeActor: isAdmin(request), now: now() }),
    );
  });

  router.post('/signers', requireRole('admin'), async (request, response) => {
    const body = parseBody(request, createSignerBodySchema);

    const change = changeContext(request);
    const row = await createSigner(db, body, change);
    // A new key or identity can turn "unknown signer" results into valid ones; no registry request needed.
    await reverifyUnknownSigners(deps, change.now);

    response.status(201).json(await signerView(db, row, { includeActor: true, now: change.now }));
  });

  router.post('/signers/:id/approve', requireRole('admin'), async (request, response) => {
    // The body is optional here: an approval needs no reason.
    request.body ??= {};
    const body = parseBody(request, approveSignerBodySchema);

    const change = changeContext(request);
    const row = await approveSigner(db, String(request.params.id), body, change);

    response.json(await signerView(db, row, { includeActor: true, now: change.now }));
  });

  router.post('/signers/:id/revoke', requireRole('admin'), async (request, response) => {
    const body = parseBody(request, revokeSignerBodySchema);

    const change = changeContext(request);
    const row = await revokeSigner(db, String(request.params.id), body, change);

    response.json(await signerView(db, row, { includeActor: true, now: change.now }));
  });

  router.patch('/signers/:id', requireRole('admin'), async (request, response) => {
    const body = parseBody(request, updateSignerBodySchema);

    const change = changeContext(request);
    const row = await updateSigner(db, String(request.params.id), body, change);

    response.json(await signerView(db, row, { includeActor: true, now: change.now }));
  });

  return router;
}
