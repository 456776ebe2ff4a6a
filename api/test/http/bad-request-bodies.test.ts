import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/contract/errors.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

const nyxusBytes = readFileSync(
  path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
);

function nested(open: string, close: string, levels: number, inner = ''): string {
  return `${open.repeat(levels)}${inner}${close.repeat(levels)}`;
}

const deepJsonManifest = `{"name":"deep","version":"1","containerId":"a/b:1","x":${nested('[', ']', 3000)}}`;
const deepYamlManifest = `name: deep\nversion: "1"\ncontainer: a/b:1\nx: ${nested('[', ']', 3000)}\n`;
const scanUpload = '/api/v1/plugins/any/versions/1/scan/upload';

interface BadBodyCase {
  name: string;
  method: 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
  message: RegExp;
}

const cases: BadBodyCase[] = [
  {
    name: 'manifest JSON nested 3000 levels',
    method: 'POST',
    path: '/api/v1/manifests?fileName=plugin.json',
    headers: { 'content-type': 'application/octet-stream' },
    body: deepJsonManifest,
    message:
      /^upload\/plugin\.json: \$ objects and arrays are nested more than 64 levels deep here \(line 1, column 119\)/,
  },
  {
    name: 'ict.yaml nested 3000 levels',
    method: 'POST',
    path: '/api/v1/manifests?fileName=ict.yaml',
    headers: { 'content-type': 'application/octet-stream' },
    body: deepYamlManifest,
    message:
      /^upload\/ict\.yaml: \$ objects and arrays are nested more than 64 levels deep here \(line 4, column \d+\)/,
  },
  {
    name: 'multipart without a boundary',
    method: 'POST',
    path: scanUpload,
    headers: { 'content-type': 'multipart/form-data' },
    body: 'x',
    message: /^Content-Type multipart\/form-data needs a boundary parameter/,
  },
  {
    name: 'truncated multipart body',
    method: 'POST',
    path: scanUpload,
    headers: { 'content-type': 'multipart/form-data; boundary=xx' },
    body: 'garbage',
    message: /^The multipart\/form-data body is malformed \(Unexpected end of form\)\. Send complete parts/,
  },
  {
    name: 'gzip encoding on plain bytes',
    method: 'PUT',
    path: '/api/v1/policy',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: 'notgzip',
    message:
      /^The request body is not valid gzip data \(incorrect header check\)\. Send the body uncompressed/,
  },
  {
    name: 'br encoding on plain bytes',
    method: 'PUT',
    path: '/api/v1/policy',
    headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
    body: 'notbrotli',
    message:
      /^The request body is not valid br data \(.+\)\. Send the body uncompressed .* gzip, deflate, br/,
  },
  {
    name: 'unknown content encoding',
    method: 'PUT',
    path: '/api/v1/policy',
    headers: { 'content-type': 'application/json', 'content-encoding': 'compress' },
    body: '{}',
    message:
      /^Content-Encoding compress is not supported\. Send the body uncompressed without Content-Encoding, or encoded with one of gzip, deflate, br/,
  },
  {
    name: 'gzip encoding on a manifest upload',
    method: 'POST',
    path: '/api/v1/manifests?fileName=plugin.json',
    headers: { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' },
    body: 'notgzip',
    message: /^The request body is not valid gzip data/,
  },
  {
    name: 'JSON body nested 100000 levels',
    method: 'PUT',
    path: '/api/v1/policy',
    headers: { 'content-type': 'application/json' },
    body: nested('[', ']', 100_000),
    message:
      /^Invalid body: \$(\[0\]){32} is nested more than 32 levels deep; request bodies nest objects and arrays at most 32 levels\.$/,
  },
  {
    name: 'JSON body sent as text/plain',
    method: 'POST',
    path: '/api/v1/signers',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: '{"kind":"key"}',
    message:
      /^Invalid body: it was sent as text\/plain, which is not read as JSON\. Send a JSON object with Content-Type: application\/json\.$/,
  },
  {
    name: 'JSON body without a Content-Type',
    method: 'POST',
    path: '/api/v1/signers',
    headers: {},
    body: new TextEncoder().encode('{"kind":"key"}'),
    message: /^Invalid body: it was sent without a Content-Type header, so it is not read as JSON\./,
  },
  {
    name: 'POST without a body',
    method: 'POST',
    path: '/api/v1/signers',
    headers: {},
    body: new Uint8Array(),
    message:
      /^Invalid body: the request has no body\. Send a JSON object with Content-Type: application\/json\.$/,
  },
];

describe.each(engineCases)('bad request bodies on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
    admin = await createUserAndSignIn(assay, 'admin');
  });

  afterAll(async () => {
    if (unavailable) return;
    await assay.stop();
    await database.drop();
  });

  it.skipIf(unavailable).each(cases)('$name gets a 400 that says why', async (testCase) => {
    const response = await admin.fetch(testCase.path, {
      method: testCase.method,
      headers: testCase.headers,
      body: testCase.body,
    });
    const body = (await response.json()) as ErrorBody;

    expect(response.status).toBe(400);
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.message).toMatch(testCase.message);
  });

  it.skipIf(unavailable).each([
    { encoding: 'gzip', bytes: gzipSync(nyxusBytes) },
    { encoding: 'br', bytes: brotliCompressSync(nyxusBytes) },
  ])('imports a $encoding-encoded manifest', async ({ encoding, bytes }) => {
    const response = await admin.fetch(`/api/v1/manifests?fileName=${encoding}-plugin.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-encoding': encoding },
      body: bytes,
    });

    expect([200, 201]).toContain(response.status);
  });
});
