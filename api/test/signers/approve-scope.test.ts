import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer, SignerDetail } from '../../src/contract/signer.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { generateSigningKey } from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

describe.each(engineCases)('approving with a scope on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;

  async function send<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
    const response = await admin.fetch(path, { method: 'POST', body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function addPendingKey(scope: string[] = []): Promise<Signer> {
    const response = await send<Signer>('/api/v1/signers', {
      kind: 'key',
      displayName: `Pending key ${scope.join(' ')}`,
      publicKeyPem: generateSigningKey().publicKeyPem,
      scope,
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
    admin = await createUserAndSignIn(assay, 'admin');
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable)('sets the confirmed scope in the approving change', async () => {
    const signer = await addPendingKey();

    const approved = await send<Signer>(`/api/v1/signers/${signer.id}/approve`, {
      scope: ['docker.io/polusai'],
      reason: 'Release key of the PolusAI images',
    });
    const detail = await assay.getJson<SignerDetail>(`/api/v1/signers/${signer.id}`);

    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', scope: ['docker.io/polusai'] });
    expect(detail.body.history.at(-1)).toMatchObject({
      action: 'approved',
      reason: 'Release key of the PolusAI images',
    });
    expect(detail.body.history.at(-1)?.changes).toEqual(
      expect.arrayContaining([{ field: 'scope', from: [], to: ['docker.io/polusai'] }]),
    );
  });

  it.skipIf(unavailable)('keeps the stored scope when the approval names none', async () => {
    const signer = await addPendingKey(['ghcr.io/lab']);

    const approved = await send<Signer>(`/api/v1/signers/${signer.id}/approve`, {});

    expect(approved.body).toMatchObject({ status: 'approved', scope: ['ghcr.io/lab'] });
  });

  it.skipIf(unavailable)('approves for every repository with an empty scope', async () => {
    const signer = await addPendingKey(['ghcr.io/lab']);

    const approved = await send<Signer>(`/api/v1/signers/${signer.id}/approve`, { scope: [] });

    expect(approved.body).toMatchObject({ status: 'approved', scope: [] });
  });

  it.skipIf(unavailable)('leaves the signer pending when the scope is invalid', async () => {
    const signer = await addPendingKey();

    const response = await send<{ error: { details: { path: string }[] } }>(
      `/api/v1/signers/${signer.id}/approve`,
      { scope: ['docker.io/polusai/*'] },
    );
    const detail = await assay.getJson<SignerDetail>(`/api/v1/signers/${signer.id}`);

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((item) => item.path)).toEqual(['scope.0']);
    expect(detail.body.signer).toMatchObject({ status: 'pending', scope: [] });
  });
});
