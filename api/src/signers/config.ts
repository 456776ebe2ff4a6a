import path from 'node:path';
import { z } from 'zod';
import { defaultSignatureLimits, type SignatureLimits } from '../signatures/index.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const count = (fallback: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, `must be 1-${max}`)
    .max(max, `must be 1-${max}`)
    .default(fallback);

/** Environment variables of signature verification, merged into the configuration schema. */
export const signatureEnvShape = {
  ASSAY_SIGSTORE_PUBLIC_GOOD: booleanFlag.default(true),
  ASSAY_TRUST_ROOTS_DIR: z.string().optional(),
  ASSAY_TRUST_ROOTS_SIGNING_TIME: z
    .enum(['required', 'optional'], { error: 'must be required or optional' })
    .default('required'),
  ASSAY_REKOR_KEYS_DIR: z.string().optional(),
  // A few hundred layers already cost a few hundred blob downloads per refresh.
  ASSAY_SIGNATURE_MAX_LAYERS: count(defaultSignatureLimits.maxSignatureLayers, 1000),
  ASSAY_SIGNATURE_MAX_REFERRERS: count(defaultSignatureLimits.maxReferrers, 1000),
  ASSAY_SIGNATURE_TTL_SECONDS: count(3600, 7 * 24 * 3600),
};

type SignatureEnv = z.output<z.ZodObject<typeof signatureEnvShape>>;

export interface SignatureConfig {
  /** Trust Sigstore's public Fulcio root and Rekor key shipped in `api/src/signatures/trust-roots`. */
  sigstorePublicGood: boolean;
  /** Folder of PEM files, each one private certificate authority (a root, and intermediates if needed). */
  trustRootsDir: string | undefined;
  /**
   * `required`: certificates from the private authorities count only with a verified Rekor time, as
   * Fulcio's do. `optional`: without one, their chain is checked at the time of verification.
   */
  trustRootsSigningTime: 'required' | 'optional';
  /** Folder of PEM public keys of further Rekor logs. */
  rekorKeysDir: string | undefined;
  limits: SignatureLimits;
  /** How long a version's signatures are reused before the registry is asked again. */
  ttlSeconds: number;
}

export function readSignatureConfig(values: SignatureEnv): SignatureConfig {
  return {
    sigstorePublicGood: values.ASSAY_SIGSTORE_PUBLIC_GOOD,
    trustRootsDir: values.ASSAY_TRUST_ROOTS_DIR ? path.resolve(values.ASSAY_TRUST_ROOTS_DIR) : undefined,
    trustRootsSigningTime: values.ASSAY_TRUST_ROOTS_SIGNING_TIME,
    rekorKeysDir: values.ASSAY_REKOR_KEYS_DIR ? path.resolve(values.ASSAY_REKOR_KEYS_DIR) : undefined,
    limits: {
      ...defaultSignatureLimits,
      maxSignatureLayers: values.ASSAY_SIGNATURE_MAX_LAYERS,
      maxReferrers: values.ASSAY_SIGNATURE_MAX_REFERRERS,
    },
    ttlSeconds: values.ASSAY_SIGNATURE_TTL_SECONDS,
  };
}
