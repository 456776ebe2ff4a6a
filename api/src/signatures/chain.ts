import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { ParsedCertificate } from './certificate.ts';
import type { TrustedCertificateAuthority } from './trust.ts';

// An explicit engine instead of pkijs.setEngine, which would set process-wide state.
type WebCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
const cryptoEngine = new pkijs.CryptoEngine({
  name: 'node-webcrypto',
  crypto: webcrypto as unknown as WebCrypto,
});

/** A chain that verified: the certificate authority it ends at. */
export interface VerifiedChain {
  authority: TrustedCertificateAuthority;
}

/**
 * Builds and validates a path from `leaf` through the untrusted `intermediates` to a certificate of one
 * of `authorities`, with every certificate valid at `at`, issuers marked as CAs, signatures verified and
 * basic-constraints path lengths respected. Returns the authority, or the reasons each one failed.
 */
export async function verifyCertificateChain(
  leaf: ParsedCertificate,
  intermediates: ParsedCertificate[],
  authorities: TrustedCertificateAuthority[],
  at: Date,
): Promise<VerifiedChain | string> {
  if (authorities.length === 0) return 'no certificate authority is configured';

  const problems: string[] = [];
  for (const authority of authorities) {
    const problem = await chainProblem(leaf, intermediates, authority, at);
    if (problem === undefined) return { authority };
    problems.push(`${authority.name}: ${problem}`);
  }
  return problems.join('; ');
}

async function chainProblem(
  leaf: ParsedCertificate,
  intermediates: ParsedCertificate[],
  authority: TrustedCertificateAuthority,
  at: Date,
): Promise<string | undefined> {
  // pkijs treats the last entry of `certs` as the end-entity certificate.
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: authority.certificates.map((entry) => entry.certificate),
    certs: [...intermediates.map((entry) => entry.certificate), leaf.certificate],
    checkDate: at,
  });

  let outcome: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    outcome = await engine.verify({}, cryptoEngine);
  } catch (error) {
    return `chain validation failed (${(error as Error).message})`;
  }
  if (!outcome.result) return outcome.resultMessage || 'no valid certificate path';

  // After verify(), engine.certs is the path from the end-entity certificate to the trust anchor. pkijs
  // drops duplicates, so a leaf equal to a trusted certificate would leave another certificate first.
  const path = engine.certs;
  if (path[0] !== leaf.certificate) return 'the validated path does not start at the signing certificate';
  return pathLengthProblem(path);
}

/** RFC 5280 pathLenConstraint: the number of intermediate CAs below a CA may not exceed its value. */
function pathLengthProblem(path: pkijs.Certificate[]): string | undefined {
  for (let index = 1; index < path.length; index++) {
    const certificate = path[index];
    const constraints = certificate?.extensions?.find(
      (extension) => extension.extnID === '2.5.29.19',
    )?.parsedValue;
    if (!(constraints instanceof pkijs.BasicConstraints) || constraints.pathLenConstraint === undefined) {
      continue;
    }

    const limit = Number(
      typeof constraints.pathLenConstraint === 'number'
        ? constraints.pathLenConstraint
        : constraints.pathLenConstraint.valueBlock.valueDec,
    );
    const intermediatesBelow = index - 1;
    if (intermediatesBelow > limit) {
      return `path length constraint ${limit} exceeded by ${intermediatesBelow} intermediate certificates`;
    }
  }
  return undefined;
}
