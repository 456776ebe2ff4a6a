import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderClusterImagePolicies } from '../../src/exports/cluster-image-policy.ts';
import { renderContainersPolicy, type ContainersPolicy } from '../../src/exports/containers-policy.ts';
import { planKyvernoPolicy, renderKyvernoPolicy } from '../../src/exports/kyverno.ts';
import { summariseExports } from '../../src/exports/summary.ts';
import type { ExportInput, ExportSigner } from '../../src/exports/signers.ts';
import { generateSigningKey, signLayer, type TestSigningKey } from '../support/cosign/index.ts';

const schemaDir = path.resolve(import.meta.dirname, 'schemas');

function validator(file: string): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as object);
}

const clusterImagePolicySchema = validator('cluster-image-policy.schema.json');
const kyvernoSchema = validator('kyverno-cluster-policy.schema.json');
const containersPolicySchema = validator('containers-policy.schema.json');

function expectValid(validate: ValidateFunction, value: unknown): void {
  const valid = validate(value);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

const keys = {
  release: generateSigningKey('ecdsa-p256'),
  lab: generateSigningKey('ecdsa-p256'),
  special: generateSigningKey('rsa'),
};

function keySigner(id: string, displayName: string, key: TestSigningKey, scope: string[]): ExportSigner {
  return {
    id,
    displayName,
    kind: 'key',
    scope,
    expiresAt: null,
    publicKeyPem: key.publicKeyPem,
    identity: null,
  };
}

const release = keySigner('signer-release', 'PolusAI release key', keys.release, ['docker.io/polusai']);
const lab = keySigner('signer-lab', 'Lab key', keys.lab, []);
const special = keySigner('signer-special', 'Special key', keys.special, ['docker.io/polusai/special']);
const bot: ExportSigner = {
  id: 'signer-bot',
  displayName: 'Release bot',
  kind: 'identity',
  scope: ['docker.io/wipp'],
  expiresAt: null,
  publicKeyPem: null,
  identity: { san: 'release-bot@example.org', issuer: 'https://token.actions.githubusercontent.com' },
};

function input(
  rule: ExportInput['signerRule'],
  signers: ExportSigner[] = [bot, lab, release, special],
): ExportInput {
  return { policyVersion: 3, signerRule: rule, generatedAt: '2026-03-10T12:00:00.000Z', signers };
}

/** policy-controller's documented glob rules: `**` matches anything, `*` anything but `/`, the rest literally. */
function globMatches(glob: string, reference: string): boolean {
  const pattern = glob
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${pattern}$`).test(reference);
}

/** Kyverno's wildcard rule: `*` matches any run of characters, `?` one character. */
function wildcardMatches(pattern: string, reference: string): boolean {
  const parts = pattern.split('').map((character) => {
    if (character === '*') return '.*';
    if (character === '?') return '.';
    return character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`).test(reference);
}

/** Checks a cosign payload signature with a key read back from an exported file. */
function verifiesWith(publicKeyPem: string, key: TestSigningKey): boolean {
  const layer = signLayer({ key, digest: `sha256:${'c'.repeat(64)}` });
  const signature = Buffer.from(layer.annotations['dev.cosignproject.cosign/signature'] ?? '', 'base64');
  return verify('sha256', layer.payload, createPublicKey(publicKeyPem), signature);
}

type Policy = {
  metadata: { name: string };
  spec: {
    images: Array<{ glob: string }>;
    authorities: Array<{ name: string; key?: { data: string }; keyless?: { identities: unknown[] } }>;
  };
};

describe('ClusterImagePolicy export', () => {
  const parsed = YAML.parseAllDocuments(renderClusterImagePolicies(input('approved-in-scope'))).map(
    (document) => document.toJS() as Policy,
  );

  it('parses back into documents that match the v1beta1 schema', () => {
    expect(parsed).toHaveLength(3);
    for (const policy of parsed) expectValid(clusterImagePolicySchema, policy);
  });

  it('writes one policy per scope with the signers that count there', () => {
    const byGlob = new Map(parsed.map((policy) => [policy.spec.images[0]?.glob, policy.spec.authorities]));

    expect(byGlob.get('index.docker.io/polusai/**')?.map((authority) => authority.key?.data)).toEqual([
      keys.lab.publicKeyPem.trim(),
      keys.release.publicKeyPem.trim(),
    ]);
    expect(byGlob.get('index.docker.io/polusai/special/**')).toHaveLength(3);
    expect(
      byGlob.get('index.docker.io/wipp/**')?.map((authority) => authority.keyless ?? authority.key?.data),
    ).toEqual([
      { identities: [{ issuer: bot.identity?.issuer, subject: bot.identity?.san }] },
      keys.lab.publicKeyPem.trim(),
    ]);
  });

  it.each([
    { reference: 'index.docker.io/polusai/nyxus-tool:0.1.9', policy: 'polusai', matches: true },
    {
      reference: 'index.docker.io/polusai/nyxus-tool@sha256:' + 'a'.repeat(64),
      policy: 'polusai',
      matches: true,
    },
    { reference: 'index.docker.io/polusai-fork/nyxus-tool:0.1.9', policy: 'polusai', matches: false },
    { reference: 'index.docker.io/wipp/threshold:1.0', policy: 'wipp', matches: true },
    { reference: 'ghcr.io/polusai/nyxus-tool:0.1.9', policy: 'polusai', matches: false },
  ])('matches $reference to the $policy policy: $matches', ({ reference, policy, matches }) => {
    const globs = parsed
      .find((item) => item.spec.images[0]?.glob === `index.docker.io/${policy}/**`)
      ?.spec.images.map((image) => image.glob);

    expect(globs?.some((glob) => globMatches(glob, reference))).toBe(matches);
  });

  it('gives every policy and authority a distinct name', () => {
    const names = parsed.map((policy) => policy.metadata.name);
    const authorities = parsed.flatMap((policy) =>
      policy.spec.authorities.map((authority) => authority.name),
    );

    expect(new Set(names).size).toBe(names.length);
    for (const policy of parsed) {
      const own = policy.spec.authorities.map((authority) => authority.name);
      expect(new Set(own).size).toBe(own.length);
    }
    expect(authorities.length).toBeGreaterThan(0);
  });

  it('writes keys that verify signatures of the approved signer', () => {
    const data =
      parsed[0]?.spec.authorities.find((authority) => authority.key !== undefined)?.key?.data ?? '';

    expect(verifiesWith(data, keys.lab)).toBe(true);
    expect(verifiesWith(data, keys.release)).toBe(false);
  });

  it('covers every image with one policy when scope does not count', () => {
    const policies = YAML.parseAllDocuments(renderClusterImagePolicies(input('approved'))).map(
      (document) => document.toJS() as Policy,
    );

    expect(policies).toHaveLength(1);
    expectValid(clusterImagePolicySchema, policies[0]);
    expect(policies[0]?.spec.images).toEqual([{ glob: '**' }]);
    expect(policies[0]?.spec.authorities).toHaveLength(4);
  });
});

type KyvernoPolicy = {
  spec: {
    rules: Array<{
      name: string;
      verifyImages: Array<{
        imageReferences: string[];
        skipImageReferences?: string[];
        attestors: Array<{
          count: number;
          entries: Array<{ keys?: { publicKeys: string }; keyless?: unknown }>;
        }>;
      }>;
    }>;
  };
};

describe('Kyverno export', () => {
  const policy = YAML.parse(renderKyvernoPolicy(input('approved-in-scope'))) as KyvernoPolicy;

  /** Finds the rules whose references match an image and whose skip list does not. */
  function rulesFor(reference: string) {
    return policy.spec.rules.filter((rule) =>
      rule.verifyImages.some(
        (verification) =>
          verification.imageReferences.some((pattern) => wildcardMatches(pattern, reference)) &&
          !(verification.skipImageReferences ?? []).some((pattern) => wildcardMatches(pattern, reference)),
      ),
    );
  }

  it('parses back into a ClusterPolicy that matches the schema', () => {
    expectValid(kyvernoSchema, policy);
  });

  it.each([
    { reference: 'docker.io/polusai/nyxus-tool:0.1.9', keys: 2, identities: 0 },
    { reference: 'docker.io/polusai/special/tool@sha256:' + 'a'.repeat(64), keys: 3, identities: 0 },
    { reference: 'docker.io/wipp/threshold:1.0', keys: 1, identities: 1 },
    { reference: 'ghcr.io/other/tool:1.0', keys: 1, identities: 0 },
  ])('checks $reference with exactly one rule', ({ reference, keys: keyCount, identities }) => {
    const rules = rulesFor(reference);

    expect(rules).toHaveLength(1);
    const entries = rules[0]?.verifyImages[0]?.attestors[0]?.entries ?? [];
    expect(entries.filter((entry) => entry.keys !== undefined)).toHaveLength(keyCount);
    expect(entries.filter((entry) => entry.keyless !== undefined)).toHaveLength(identities);
    expect(rules[0]?.verifyImages[0]?.attestors[0]?.count).toBe(1);
  });

  it('writes keys that verify signatures of the approved signer', () => {
    const entry = rulesFor('ghcr.io/other/tool:1.0')[0]?.verifyImages[0]?.attestors[0]?.entries[0];

    expect(verifiesWith(entry?.keys?.publicKeys ?? '', keys.lab)).toBe(true);
  });
});

/** An approved keyless signer whose SAN or issuer contains a character Kyverno reads as a wildcard. */
function patternSigner(
  id: string,
  san: string,
  scope: string[],
  issuer = bot.identity?.issuer ?? '',
): ExportSigner {
  return { ...bot, id, displayName: `Wildcard ${id}`, scope, identity: { san, issuer } };
}

describe('exports of a SAN or issuer with wildcard characters', () => {
  const star = patternSigner('signer-star', '*', []);
  const question = patternSigner('signer-question', 'release-bot-?@example.org', ['docker.io/wipp']);
  const starIssuer = patternSigner('signer-star-issuer', 'ci@example.org', [], 'https://*.example.org');
  const signers = [bot, lab, release, special, star, question, starIssuer];

  it('leaves them out of the Kyverno policy with a comment naming each', () => {
    const text = renderKyvernoPolicy(input('approved-in-scope', signers));
    const policy = YAML.parse(text) as KyvernoPolicy;
    const subjects = policy.spec.rules.flatMap((rule) =>
      rule.verifyImages.flatMap((verification) =>
        verification.attestors.flatMap((attestor) =>
          attestor.entries.map((entry) => (entry.keyless as { subject?: string } | undefined)?.subject),
        ),
      ),
    );

    expectValid(kyvernoSchema, policy);
    expect(subjects.filter((subject) => subject !== undefined)).toEqual([bot.identity?.san]);
    expect(text).not.toContain('https://*.example.org');
    expect(text).toContain(
      '# Left out, because Kyverno would read their SAN or issuer as a wildcard pattern:',
    );
    for (const signer of [star, question, starIssuer]) {
      expect(text).toContain(`#   "${signer.displayName}" (signer ${signer.id})`);
    }
  });

  it('lists them as left out of the Kyverno file in the summary', () => {
    const kyverno = summariseExports(input('approved-in-scope', signers)).files.find(
      (file) => file.format === 'kyverno',
    );

    expect(kyverno?.omitted.map((entry) => entry.signerId)).toEqual([
      'signer-star',
      'signer-question',
      'signer-star-issuer',
    ]);
    expect(kyverno?.omitted[0]?.reason).toContain(
      'Its SAN "*" contains "*", which Kyverno reads as a wildcard',
    );
    expect(kyverno?.omitted[2]?.reason).toContain('Its issuer "https://*.example.org" contains "*"');
    expect(kyverno?.unavailable).toBeUndefined();
  });

  it.each([
    { case: 'the only signer of a scope', signers: [release, question], scope: 'docker.io/wipp' },
    { case: 'the only unscoped signer', signers: [release, star], scope: 'images outside every scope' },
    { case: 'the only signer', signers: [star], scope: 'images outside every scope' },
  ])('refuses a Kyverno file when it is $case', ({ signers: only, scope }) => {
    const plan = planKyvernoPolicy(input('approved-in-scope', only));

    expect(plan.unavailable).toContain(`every approved signer for ${scope} has a SAN or issuer containing`);
    expect(() => renderKyvernoPolicy(input('approved-in-scope', only))).toThrow(/cannot be written/);
  });

  it('keeps them in the ClusterImagePolicy, whose subject and issuer match exactly', () => {
    const policies = YAML.parseAllDocuments(renderClusterImagePolicies(input('approved', signers))).map(
      (document) => document.toJS() as Policy,
    );
    const identities = policies.flatMap((policy) =>
      policy.spec.authorities.flatMap((authority) => authority.keyless?.identities ?? []),
    );

    expect(identities).toContainEqual({ issuer: bot.identity?.issuer, subject: '*' });
    expect(identities).toContainEqual({ issuer: 'https://*.example.org', subject: 'ci@example.org' });
    expect(JSON.stringify(identities)).not.toMatch(/RegExp/);
  });
});

describe('containers-policy.json export', () => {
  const text = renderContainersPolicy(input('approved-in-scope'));
  const policy = JSON.parse(text) as ContainersPolicy;
  const docker = policy.transports.docker;

  function keysOf(scope: string): string[] {
    const requirement = docker[scope]?.[0] as { keyData?: string; keyDatas?: string[] } | undefined;
    const data = requirement?.keyData !== undefined ? [requirement.keyData] : (requirement?.keyDatas ?? []);
    return data.map((item) => Buffer.from(item, 'base64').toString('utf8'));
  }

  it('parses back into the structure containers-policy.json(5) describes', () => {
    expectValid(containersPolicySchema, policy);
    expect(policy.default).toEqual([{ type: 'reject' }]);
  });

  it('lists each scope with the keys that count there', () => {
    expect(Object.keys(docker).sort()).toEqual([
      '',
      'docker.io/polusai',
      'docker.io/polusai/special',
      'docker.io/wipp',
    ]);
    expect(keysOf('docker.io/polusai')).toEqual([keys.lab.publicKeyPem, keys.release.publicKeyPem]);
    expect(keysOf('docker.io/polusai/special')).toHaveLength(3);
    expect(keysOf('docker.io/wipp')).toEqual([keys.lab.publicKeyPem]);
    expect(keysOf('')).toEqual([keys.lab.publicKeyPem]);
  });

  it('accepts signatures whose identity names the repository', () => {
    for (const requirements of Object.values(docker)) {
      expect(requirements[0]).toMatchObject({
        type: 'sigstoreSigned',
        signedIdentity: { type: 'matchRepository' },
      });
    }
  });

  it('writes base64 keys that verify signatures of the approved signer', () => {
    expect(verifiesWith(keysOf('')[0] ?? '', keys.lab)).toBe(true);
  });

  it('rejects everything when only keyless signers are approved', () => {
    const onlyBot = JSON.parse(renderContainersPolicy(input('approved-in-scope', [bot]))) as ContainersPolicy;

    expectValid(containersPolicySchema, onlyBot);
    expect(onlyBot).toEqual({ default: [{ type: 'reject' }], transports: { docker: {} } });
  });
});

describe('export schemas', () => {
  it.each([
    {
      name: 'ClusterImagePolicy with a misspelt key field',
      validate: clusterImagePolicySchema,
      value: {
        apiVersion: 'policy.sigstore.dev/v1beta1',
        kind: 'ClusterImagePolicy',
        metadata: { name: 'x' },
        spec: { images: [{ glob: '**' }], authorities: [{ key: { pem: 'x' } }] },
      },
    },
    {
      name: 'Kyverno rule with a misspelt attestor field',
      validate: kyvernoSchema,
      value: {
        apiVersion: 'kyverno.io/v1',
        kind: 'ClusterPolicy',
        metadata: { name: 'x' },
        spec: {
          rules: [
            {
              name: 'r',
              match: { any: [{ resources: { kinds: ['Pod'] } }] },
              verifyImages: [
                { imageReferences: ['*'], attestors: [{ entries: [{ keys: { publicKey: 'x' } }] }] },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'policy.json with two key fields in one requirement',
      validate: containersPolicySchema,
      value: {
        default: [{ type: 'reject' }],
        transports: { docker: { '': [{ type: 'sigstoreSigned', keyPath: '/a', keyData: 'Yg==' }] } },
      },
    },
  ])('rejects a $name', ({ validate, value }) => {
    expect(validate(value)).toBe(false);
  });
});
