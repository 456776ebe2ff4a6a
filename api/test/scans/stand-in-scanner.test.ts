import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startStandInScanner,
  reportMimeV11,
  type StandInScanner,
} from '../support/scanner/stand-in-scanner.ts';
import { imageDigest } from './fixtures.ts';

// These checks pin the stand-in to the specification, so the client tests exercise real protocol behaviour.
let scanner: StandInScanner;

beforeEach(async () => {
  scanner = await startStandInScanner();
});

afterEach(async () => {
  await scanner.close();
});

const validBody = {
  registry: { url: 'http://127.0.0.1:5000', authorization: 'Basic dXNlcjpwYXNz' },
  artifact: {
    repository: 'wipp/threshold',
    digest: imageDigest,
    mime_type: 'application/vnd.oci.image.manifest.v1+json',
  },
};

async function postScan(body: string): Promise<Response> {
  return fetch(`${scanner.url}/api/v1/scan`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.scanner.adapter.scan.request+json; version=1.0' },
    body,
  });
}

describe('stand-in scanner', () => {
  it('accepts a valid scan request with 202 and an id', async () => {
    const response = await postScan(JSON.stringify(validBody));

    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.scanner.adapter.scan.response+json; version=1.0',
    );
    expect(await response.json()).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it.each([
    { name: 'a body that is not JSON', body: '{"registry":', message: /^unmarshalling scan request: / },
    {
      name: 'a registry URL that is a number',
      body: JSON.stringify({ ...validBody, registry: { url: 5000 } }),
      message: /registry\.url must be a string/,
    },
  ])('answers 400 with the error format for $name', async ({ body, message }) => {
    const response = await postScan(body);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.scanner.adapter.error+json; version=1.0',
    );
    const json = (await response.json()) as { error: { message: string } };
    expect(json.error.message).toMatch(message);
  });

  it('answers 302 with Refresh-After while the report is pending', async () => {
    scanner.configure({ pendingPolls: 1, refreshAfterSeconds: 7 });
    const { id } = (await (await postScan(JSON.stringify(validBody))).json()) as { id: string };
    const reportUrl = `${scanner.url}/api/v1/scan/${id}/report`;

    const pending = await fetch(reportUrl, { headers: { Accept: reportMimeV11 }, redirect: 'manual' });
    const ready = await fetch(reportUrl, { headers: { Accept: reportMimeV11 }, redirect: 'manual' });

    expect(pending.status).toBe(302);
    expect(pending.headers.get('refresh-after')).toBe('7');
    expect(ready.status).toBe(200);
    expect(ready.headers.get('content-type')).toBe(reportMimeV11);
    expect(((await ready.json()) as { vulnerabilities: unknown[] }).vulnerabilities).toHaveLength(3);
  });

  it('records each request', async () => {
    await fetch(`${scanner.url}/api/v1/metadata`);

    expect(scanner.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/api/v1/metadata', body: '' }),
    ]);
  });
});
