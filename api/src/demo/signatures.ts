import type { Kysely } from 'kysely';
import type { CreateSignerBody } from '../contract/signer.ts';
import type { Database } from '../db/schema.ts';
import type { Descriptor } from '../registry/types.ts';
import { createSigner, identityRef, revokeSigner } from '../signers/service.ts';
import type { TrustRoots } from '../signers/trust-roots.ts';
import { describePublicKey } from '../signatures/index.ts';
import {
  createDemoRekorLog,
  readDemoFile,
  readDemoKey,
  signatureLayer,
  writeSignatureManifest,
  type DemoKey,
  type DemoSignatureLayer,
} from './demo-signing.ts';
import type { DemoImageSpec } from './images.ts';
import type { LayoutWriter } from './layout-writer.ts';

/** The demo keyless identity and the time its certificate signs at. */
export const demoKeyless = {
  san: 'release-bot@demo.assay.invalid',
  issuer: 'https://issuer.demo.assay.invalid',
  // Inside the certificate's ten minutes of validity, as Fulcio certificates are used.
  signedAt: Date.parse('2024-03-01T12:00:30Z'),
};

/** Demo signer records, created at start in demo mode; the outside contributor's key is left out on purpose. */
interface DemoSigner {
  displayName: string;
  status: 'approved' | 'pending' | 'revoked';
  scope: string[];
  keyFile?: string;
  identity?: { san: string; issuer: string };
  revokeReason?: string;
}

const demoSigners: DemoSigner[] = [
  {
    displayName: 'PolusAI release key (demo)',
    status: 'approved',
    scope: ['docker.io/polusai'],
    keyFile: 'release.key.pem',
  },
  {
    displayName: 'NIST WIPP team key (demo)',
    status: 'approved',
    scope: ['docker.io/wipp'],
    keyFile: 'wipp-team.key.pem',
  },
  {
    displayName: 'Release bot (demo keyless identity)',
    status: 'approved',
    scope: [],
    identity: { san: demoKeyless.san, issuer: demoKeyless.issuer },
  },
  { displayName: 'Lab CI key (demo)', status: 'pending', scope: [], keyFile: 'lab-ci.key.pem' },
  {
    displayName: 'Former maintainer key (demo)',
    status: 'revoked',
    scope: [],
    keyFile: 'former-maintainer.key.pem',
    revokeReason:
      'The key left the lab with a maintainer who moved on; images signed with it need a new signature (demo).',
  },
];

/** Returns the demo certificate authority and Rekor log key, which Assay trusts only in demo mode. */
export function demoTrustRoots(): TrustRoots {
  const chain = readDemoFile('ca-chain.pem');
  const root = chain.slice(chain.lastIndexOf('-----BEGIN CERTIFICATE-----'));
  return {
    certificateAuthorities: [{ name: 'assay-demo-ca', pem: root, requireSigningTime: true }],
    rekorKeys: [readDemoKey('rekor.key.pem').publicKeyPem],
  };
}

function signerBody(signer: DemoSigner): CreateSignerBody {
  const common = {
    displayName: signer.displayName,
    scope: signer.scope,
    approve: signer.status === 'approved',
  };
  if (signer.identity !== undefined) return { kind: 'identity', ...signer.identity, ...common };
  return { kind: 'key', publicKeyPem: readDemoKey(signer.keyFile ?? '').publicKeyPem, ...common };
}

function signerRefOf(body: CreateSignerBody): string {
  if (body.kind === 'identity') return identityRef(body.san, body.issuer);
  const key = describePublicKey(body.publicKeyPem.trim());
  if ('error' in key) throw new Error(`Demo key of ${body.displayName} is invalid: ${key.error}`);
  return key.fingerprint;
}

/**
 * Creates the demo signers that do not exist yet, audited as changes by Assay itself. Signers that
 * exist keep whatever status an administrator gave them since.
 */
export async function seedDemoSigners(db: Kysely<Database>, now: Date): Promise<number> {
  let created = 0;
  for (const signer of demoSigners) {
    const body = signerBody(signer);
    const exists = await db
      .selectFrom('signers')
      .select('id')
      .where('signer_ref', '=', signerRefOf(body))
      .executeTakeFirst();
    if (exists !== undefined) continue;

    const change = { actor: null, now };
    const row = await createSigner(db, body, change, 'demo');
    if (signer.revokeReason !== undefined)
      await revokeSigner(db, row.id, { reason: signer.revokeReason }, change);
    created += 1;
  }
  return created;
}

/** An image of the demo registry as the layout builder wrote it. */
export interface DemoImage {
  spec: DemoImageSpec;
  descriptor: Descriptor;
}

type Plan =
  | 'approved'
  | 'keyless'
  | 'approved-and-pending'
  | 'pending'
  | 'revoked'
  | 'copied'
  | 'unsigned'
  | 'discovered'
  | 'wipp-key';

// Cycles through every case in sorted image order, so the demo shows each one several times and a
// rebuild gives every image the same case.
const plans: Plan[] = [
  'approved',
  'keyless',
  'approved-and-pending',
  'pending',
  'revoked',
  'copied',
  'unsigned',
  'approved',
  'discovered',
  'wipp-key',
];

/**
 * Signs the demo images with approved keys, a keyless identity, a pending and a revoked signer, and a
 * key with no signer record that a Rekor entry reveals. Some signatures lie outside their signer's
 * scope, some are copied from another image (invalid for this digest), and some images stay unsigned.
 */
export function addDemoSignatures(writer: LayoutWriter, images: DemoImage[]): void {
  const keys = {
    release: readDemoKey('release.key.pem'),
    wipp: readDemoKey('wipp-team.key.pem'),
    labCi: readDemoKey('lab-ci.key.pem'),
    formerMaintainer: readDemoKey('former-maintainer.key.pem'),
    outsideContributor: readDemoKey('outside-contributor.key.pem'),
    keyless: readDemoKey('keyless-leaf.key.pem'),
  };
  const certificate = { pem: readDemoFile('keyless-leaf.pem'), chainPem: readDemoFile('ca-chain.pem') };
  const log = createDemoRekorLog(readDemoKey('rekor.key.pem'));
  let lastApprovedLayer: DemoSignatureLayer | undefined;

  for (const [index, { spec, descriptor }] of images.entries()) {
    const plan = plans[index % plans.length];
    const digest = descriptor.digest;
    const namespaceKey: DemoKey = spec.repository.startsWith('wipp/') ? keys.wipp : keys.release;
    const sign = (key: DemoKey) => signatureLayer(key, spec.repository, digest);

    let layers: DemoSignatureLayer[] = [];
    switch (plan) {
      case 'approved':
        layers = [sign(namespaceKey)];
        lastApprovedLayer = layers[0];
        break;
      case 'keyless':
        layers = [
          signatureLayer(keys.keyless, spec.repository, digest, {
            certificate,
            rekor: { log, integratedTime: new Date(demoKeyless.signedAt + index * 1000) },
          }),
        ];
        break;
      case 'approved-and-pending':
        layers = [sign(namespaceKey), sign(keys.labCi)];
        break;
      case 'pending':
        layers = [sign(keys.labCi)];
        break;
      case 'revoked':
        layers = [sign(keys.formerMaintainer)];
        break;
      case 'copied':
        // Another image's valid signature pushed onto this digest: it names the other image's digest.
        layers = lastApprovedLayer === undefined ? [] : [lastApprovedLayer];
        break;
      case 'discovered':
        layers = [
          signatureLayer(keys.outsideContributor, spec.repository, digest, {
            rekor: { log, integratedTime: new Date(Date.parse('2024-06-01T09:00:00Z') + index * 60_000) },
          }),
        ];
        break;
      case 'wipp-key':
        layers = [sign(keys.wipp)];
        break;
      case 'unsigned':
      case undefined:
        break;
    }
    if (layers.length > 0) writeSignatureManifest(writer, spec.repository, digest, layers);
  }
}
