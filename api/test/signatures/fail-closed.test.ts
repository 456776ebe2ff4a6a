import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signatureResultSchema } from '../../src/contract/signature.ts';
import {
  verifySignature,
  type CosignLayerCandidate,
  type SignatureCandidate,
} from '../../src/signatures/index.ts';
import { generateSigningKey, signLayer } from '../support/cosign/index.ts';
import { vectorTrust } from './trust-fixtures.ts';
import { imageDigest, layerCandidate } from './layer-candidates.ts';
import { vectorCandidates } from './vectors.ts';

const annotationKeys = [
  'dev.cosignproject.cosign/signature',
  'dev.sigstore.cosign/certificate',
  'dev.sigstore.cosign/chain',
  'dev.sigstore.cosign/bundle',
];

/** Deterministic pseudo-random numbers, so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function flipByte(bytes: Uint8Array, next: () => number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const position = Math.floor(next() * copy.length);
  copy[position] = (copy[position] ?? 0) ^ (1 + Math.floor(next() * 255));
  return copy;
}

function toPem(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

/**
 * Changes one byte of something the signature's validity depends on: the payload, the signature, the
 * signing certificate, or the Rekor entry's SET or integrated time.
 */
function corrupt(candidate: CosignLayerCandidate, next: () => number): CosignLayerCandidate {
  const annotations = { ...candidate.annotations };
  const certificate = annotations['dev.sigstore.cosign/certificate'];
  const bundle = annotations['dev.sigstore.cosign/bundle'];
  const targets = [
    'payload',
    'signature',
    ...(certificate ? ['certificate'] : []),
    ...(bundle ? ['set', 'time'] : []),
  ];
  const target = targets[Math.floor(next() * targets.length)];

  switch (target) {
    case 'payload':
      return { ...candidate, payload: flipByte(candidate.payload, next) };
    case 'signature': {
      const signature = Buffer.from(annotations['dev.cosignproject.cosign/signature'] ?? '', 'base64');
      annotations['dev.cosignproject.cosign/signature'] = Buffer.from(flipByte(signature, next)).toString(
        'base64',
      );
      break;
    }
    case 'certificate': {
      const der = Buffer.from((certificate ?? '').replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
      annotations['dev.sigstore.cosign/certificate'] = toPem(flipByte(der, next));
      break;
    }
    default: {
      const parsed = JSON.parse(bundle ?? '{}') as {
        SignedEntryTimestamp: string;
        Payload: { integratedTime: number };
      };
      if (target === 'set') {
        const set = Buffer.from(parsed.SignedEntryTimestamp, 'base64');
        parsed.SignedEntryTimestamp = Buffer.from(flipByte(set, next)).toString('base64');
      } else {
        parsed.Payload.integratedTime += next() < 0.5 ? -1 : 1;
      }
      annotations['dev.sigstore.cosign/bundle'] = JSON.stringify(parsed);
    }
  }
  return { ...candidate, annotations };
}

describe('fail-closed verification', () => {
  test('corrupted vectors never verify and never throw', async () => {
    const trust = await vectorTrust();
    const sources = [
      ...(await vectorCandidates('dir-img-cosign-valid')),
      ...(await vectorCandidates('dir-img-cosign-key-rekor-valid')),
      ...(await vectorCandidates('dir-img-cosign-fulcio-rekor-valid')),
      ...(await vectorCandidates('dir-img-cosign-pki-valid')),
    ];

    for (let seed = 1; seed <= 200; seed++) {
      const corrupted = corrupt(sources[seed % sources.length]!, random(seed));

      const result = await verifySignature(corrupted, trust, { now: new Date('2030-01-01T00:00:00Z') });

      expect(signatureResultSchema.safeParse(result).success, `seed ${seed}`).toBe(true);
      expect(result.status, `seed ${seed}: ${result.reasonText}`).not.toBe('valid');
    }
  });

  test('cut annotations never throw', async () => {
    const trust = await vectorTrust();
    const [source] = await vectorCandidates('dir-img-cosign-fulcio-rekor-valid');

    for (const key of annotationKeys) {
      const value = source!.annotations[key] ?? '';
      for (const length of [0, 1, Math.floor(value.length / 2), value.length - 30]) {
        const candidate = {
          ...source!,
          annotations: { ...source!.annotations, [key]: value.slice(0, length) },
        };

        const result = await verifySignature(candidate, trust);

        expect(signatureResultSchema.safeParse(result).success, `${key} cut at ${length}`).toBe(true);
      }
    }
  });

  test.each([
    {
      case: 'random payload bytes',
      payload: randomBytes(300),
      annotations: { [annotationKeys[0]!]: 'AAAA' },
    },
    {
      case: 'random annotations',
      payload: randomBytes(10),
      annotations: { [annotationKeys[1]!]: randomBytes(50).toString('latin1') },
    },
    {
      case: 'huge chain annotation',
      payload: randomBytes(10),
      annotations: { [annotationKeys[2]!]: 'x'.repeat(100_000) },
    },
  ])('$case gives a non-valid result', async ({ payload, annotations }) => {
    const candidate = layerCandidate({ payload: new Uint8Array(payload), annotations });

    const result = await verifySignature(candidate, await vectorTrust());

    expect(result.status).not.toBe('valid');
  });

  test('random bundle bytes give a non-valid result', async () => {
    for (let index = 0; index < 20; index++) {
      const candidate: SignatureCandidate = {
        format: 'sigstore-bundle',
        digest: imageDigest,
        location: {},
        mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        bytes: new Uint8Array(randomBytes(200 + index)),
      };

      const result = await verifySignature(candidate, await vectorTrust());

      expect(result.status).not.toBe('valid');
    }
  });

  test('chain annotation with too many certificates is malformed', async () => {
    const [fulcio] = await vectorCandidates('dir-img-cosign-fulcio-rekor-valid');
    const chain = fulcio!.annotations['dev.sigstore.cosign/chain'] ?? '';
    const candidate = {
      ...fulcio!,
      annotations: { ...fulcio!.annotations, 'dev.sigstore.cosign/chain': chain.repeat(6) },
    };

    const result = await verifySignature(candidate, await vectorTrust());

    expect(result.reason).toBe('malformed-payload');
  });

  test('valid signature with known key on an unparseable digest is still not valid', async () => {
    const key = generateSigningKey();
    const layer = signLayer({ key, digest: imageDigest });

    const result = await verifySignature(
      layerCandidate(layer, 'latest'),
      await vectorTrust({ keys: [key.publicKeyPem] }),
    );

    expect(result.reason).toBe('digest-mismatch');
  });
});
