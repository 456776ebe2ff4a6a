import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { buildSignatureTrust } from '../../src/signatures/index.ts';
import { loadTrustRoots, TrustRootsError } from '../../src/signers/trust-roots.ts';
import { readVectorFile } from '../signatures/vectors.ts';

const workDir = mkdtempSync(path.join(tmpdir(), 'assay-trust-roots-'));

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(workDir, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

function signatureConfig(env: Record<string, string>) {
  return loadConfig({ ASSAY_DEMO: 'false', ...env }).signatures;
}

describe('signature trust roots', () => {
  test('default trusts the shipped Sigstore public-good roots', async () => {
    const roots = await loadTrustRoots(signatureConfig({}));
    const trust = buildSignatureTrust({ keys: [], identities: [], ...roots });

    expect(roots.certificateAuthorities.map((authority) => authority.name)).toEqual(['sigstore-public-good']);
    expect(trust.certificateAuthorities[0]?.certificates).toHaveLength(2);
    expect(trust.rekorKeys.map((key) => key.logId)).toEqual([
      'c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d',
    ]);
  });

  test('public-good roots can be turned off', async () => {
    const roots = await loadTrustRoots(signatureConfig({ ASSAY_SIGSTORE_PUBLIC_GOOD: 'false' }));

    expect(roots).toEqual({ certificateAuthorities: [], rekorKeys: [] });
  });

  test('private roots require a signing time unless configured otherwise', async () => {
    const dir = folder('private', {
      'lab-pki.pem': await readVectorFile('pki_root_crts.pem'),
      'notes.txt': 'ignored',
    });

    const strict = await loadTrustRoots(
      signatureConfig({ ASSAY_SIGSTORE_PUBLIC_GOOD: 'false', ASSAY_TRUST_ROOTS_DIR: dir }),
    );
    const lenient = await loadTrustRoots(
      signatureConfig({
        ASSAY_SIGSTORE_PUBLIC_GOOD: 'false',
        ASSAY_TRUST_ROOTS_DIR: dir,
        ASSAY_TRUST_ROOTS_SIGNING_TIME: 'optional',
      }),
    );

    expect(strict.certificateAuthorities).toEqual([
      expect.objectContaining({ name: 'lab-pki', requireSigningTime: true }),
    ]);
    expect(lenient.certificateAuthorities[0]?.requireSigningTime).toBe(false);
  });

  test('invalid files are named in one error', async () => {
    const roots = folder('broken-roots', {
      'good.pem': await readVectorFile('pki_root_crts.pem'),
      'bad.crt': 'not a certificate',
    });
    const keys = folder('broken-keys', { 'log.pub': await readVectorFile('pki_root_crts.pem') });

    const loading = loadTrustRoots(
      signatureConfig({ ASSAY_TRUST_ROOTS_DIR: roots, ASSAY_REKOR_KEYS_DIR: keys }),
    );

    await expect(loading).rejects.toBeInstanceOf(TrustRootsError);
    const error = (await loading.catch((caught: unknown) => caught)) as TrustRootsError;
    expect(error.problems).toHaveLength(2);
    expect(error.problems[0]).toContain(path.join(roots, 'bad.crt'));
    expect(error.problems[1]).toContain(path.join(keys, 'log.pub'));
  });

  test('empty or missing folders are errors', async () => {
    const empty = folder('empty', {});

    const loading = loadTrustRoots(
      signatureConfig({ ASSAY_TRUST_ROOTS_DIR: empty, ASSAY_REKOR_KEYS_DIR: path.join(workDir, 'missing') }),
    );

    const error = (await loading.catch((caught: unknown) => caught)) as TrustRootsError;
    expect(error.problems).toEqual([
      expect.stringContaining('ASSAY_TRUST_ROOTS_DIR: folder'),
      expect.stringContaining('ASSAY_REKOR_KEYS_DIR: cannot read folder'),
    ]);
  });

  test('limits and TTL come from the environment', () => {
    const config = signatureConfig({
      ASSAY_SIGNATURE_MAX_LAYERS: '5',
      ASSAY_SIGNATURE_MAX_REFERRERS: '7',
      ASSAY_SIGNATURE_TTL_SECONDS: '60',
    });

    expect(config.limits.maxSignatureLayers).toBe(5);
    expect(config.limits.maxReferrers).toBe(7);
    expect(config.ttlSeconds).toBe(60);
  });

  test.each([
    ['ASSAY_SIGNATURE_MAX_LAYERS', '0'],
    ['ASSAY_SIGNATURE_MAX_REFERRERS', 'many'],
    ['ASSAY_TRUST_ROOTS_SIGNING_TIME', 'sometimes'],
    ['ASSAY_SIGSTORE_PUBLIC_GOOD', 'yes'],
  ])('invalid %s=%s is a configuration error', (variable, value) => {
    expect(() => loadConfig({ ASSAY_DEMO: 'false', [variable]: value })).toThrow(variable);
  });
});
