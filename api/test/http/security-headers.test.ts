import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';

const sqlite = engineCases.find((engineCase) => engineCase.engine === 'sqlite');

describe.each([
  { publicUrl: undefined, hsts: null },
  { publicUrl: 'http://assay.example.org', hsts: null },
  { publicUrl: 'https://assay.example.org', hsts: 'max-age=31536000; includeSubDomains' },
])('Strict-Transport-Security with PUBLIC_URL $publicUrl', ({ publicUrl, hsts }) => {
  let database: TestDatabase;
  let assay: TestAssay;

  beforeAll(async () => {
    database = await sqlite!.create();
    assay = await startTestAssay({ database, env: publicUrl ? { PUBLIC_URL: publicUrl } : {} });
  });

  afterAll(async () => {
    await assay.stop();
    await database.drop();
  });

  it(hsts ? 'is sent' : 'is not sent', async () => {
    const response = await fetch(`${assay.url}/api/v1/health`);

    expect(response.headers.get('strict-transport-security')).toBe(hsts);
  });
});
