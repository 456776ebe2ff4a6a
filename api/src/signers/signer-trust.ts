import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { buildSignatureTrust, type SignatureTrust } from '../signatures/index.ts';
import { trustRootsFingerprint, type TrustRoots } from './trust-roots.ts';

/** Parsed trust for verification, and the fingerprint of what it was built from. */
export interface CurrentTrust {
  trust: SignatureTrust;
  /**
   * `<roots hash>:<signers hash>`: the trust roots, then every signer's key or identity (not its
   * status). Stored with each version's results, so a new signer or root marks them for another check.
   */
  fingerprint: string;
}

/** Builds the verification trust from the signer table; one per process, shared by every request. */
export interface TrustProvider {
  readonly roots: TrustRoots;
  current(db: Kysely<Database>): Promise<CurrentTrust>;
}

/**
 * Creates a provider that reads every signer's key or identity, whatever its status: approval is
 * applied when results are read, so revoking a signer never requires verifying again. The parsed
 * trust is reused while the fingerprint stays the same.
 */
export function createTrustProvider(roots: TrustRoots): TrustProvider {
  const rootsPart = trustRootsFingerprint(roots);
  let cached: CurrentTrust | undefined;

  return {
    roots,
    async current(db) {
      const signers = await db
        .selectFrom('signers')
        .select(['kind', 'signer_ref', 'public_key_pem', 'identity_san', 'identity_issuer'])
        .orderBy('signer_ref')
        .execute();
      const hash = createHash('sha256');
      for (const signer of signers) hash.update(`${signer.signer_ref}\n`);
      const fingerprint = `${rootsPart}:${hash.digest('hex')}`;
      if (cached?.fingerprint === fingerprint) return cached;

      const trust = buildSignatureTrust({
        keys: signers.flatMap((signer) => (signer.public_key_pem === null ? [] : [signer.public_key_pem])),
        identities: signers.flatMap((signer) =>
          signer.identity_san === null || signer.identity_issuer === null
            ? []
            : [{ san: signer.identity_san, issuer: signer.identity_issuer }],
        ),
        certificateAuthorities: roots.certificateAuthorities,
        rekorKeys: roots.rekorKeys,
      });
      cached = { trust, fingerprint };
      return cached;
    },
  };
}

/** The trust-roots half of a fingerprint, which changes only with the configuration. */
export function rootsPartOf(fingerprint: string): string {
  return fingerprint.split(':')[0] ?? '';
}
