import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  buildSignatureTrust,
  SignatureTrustError,
  type CertificateAuthorityConfig,
} from '../signatures/index.ts';
import type { SignatureConfig } from './config.ts';

/** Certificate authorities and Rekor keys that vouch for signatures, whatever the signer table holds. */
export interface TrustRoots {
  certificateAuthorities: CertificateAuthorityConfig[];
  rekorKeys: string[];
}

/** Trust roots that cannot be loaded; `problems` names each file and what is wrong with it. */
export class TrustRootsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid signature trust roots:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'TrustRootsError';
    this.problems = problems;
  }
}

const shippedDir = path.resolve(import.meta.dirname, '../signatures/trust-roots');
const certificateExtensions = ['.pem', '.crt', '.cer'];
const keyExtensions = ['.pem', '.pub'];

async function pemFiles(dir: string, extensions: string[], variable: string, problems: string[]) {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => extensions.includes(path.extname(name).toLowerCase()));
  } catch (error) {
    problems.push(`${variable}: cannot read folder ${dir} (${(error as Error).message})`);
    return [];
  }
  if (names.length === 0) {
    problems.push(`${variable}: folder ${dir} has no ${extensions.join(', ')} files`);
  }
  return Promise.all(
    names.sort().map(async (name) => ({
      file: path.join(dir, name),
      text: await readFile(path.join(dir, name), 'utf8'),
    })),
  );
}

/** Checks one trust entry on its own, so that a problem names the file it came from. */
function checkEntry(file: string, config: Partial<TrustRoots>, problems: string[]): boolean {
  try {
    buildSignatureTrust({
      keys: [],
      identities: [],
      certificateAuthorities: config.certificateAuthorities ?? [],
      rekorKeys: config.rekorKeys ?? [],
    });
    return true;
  } catch (error) {
    if (!(error instanceof SignatureTrustError)) throw error;
    problems.push(...error.problems.map((problem) => `${file}: ${problem.replace(/^[^:]+: /, '')}`));
    return false;
  }
}

/**
 * Loads the trust roots the configuration names: the shipped Sigstore public-good Fulcio chain and
 * Rekor key, one certificate authority per PEM file of `trustRootsDir`, and the Rekor keys of
 * `rekorKeysDir`. `extra` adds roots from code, such as the demo's own authority. Throws
 * {@link TrustRootsError} listing every unreadable or invalid file.
 */
export async function loadTrustRoots(config: SignatureConfig, extra?: TrustRoots): Promise<TrustRoots> {
  const roots: TrustRoots = { certificateAuthorities: [], rekorKeys: [] };
  const problems: string[] = [];

  if (config.sigstorePublicGood) {
    roots.certificateAuthorities.push({
      name: 'sigstore-public-good',
      pem: await readFile(path.join(shippedDir, 'sigstore-fulcio.pem'), 'utf8'),
      // Fulcio certificates live ten minutes, so only a verified Rekor time can show they were valid.
      requireSigningTime: true,
    });
    roots.rekorKeys.push(await readFile(path.join(shippedDir, 'sigstore-rekor.pub'), 'utf8'));
  }

  if (config.trustRootsDir !== undefined) {
    for (const { file, text } of await pemFiles(
      config.trustRootsDir,
      certificateExtensions,
      'ASSAY_TRUST_ROOTS_DIR',
      problems,
    )) {
      const authority = {
        name: path.basename(file, path.extname(file)),
        pem: text,
        requireSigningTime: config.trustRootsSigningTime === 'required',
      };
      if (checkEntry(file, { certificateAuthorities: [authority] }, problems)) {
        roots.certificateAuthorities.push(authority);
      }
    }
  }

  if (config.rekorKeysDir !== undefined) {
    for (const { file, text } of await pemFiles(
      config.rekorKeysDir,
      keyExtensions,
      'ASSAY_REKOR_KEYS_DIR',
      problems,
    )) {
      if (checkEntry(file, { rekorKeys: [text] }, problems)) roots.rekorKeys.push(text);
    }
  }

  if (problems.length > 0) throw new TrustRootsError(problems);
  roots.certificateAuthorities.push(...(extra?.certificateAuthorities ?? []));
  roots.rekorKeys.push(...(extra?.rekorKeys ?? []));
  return roots;
}

/** Hashes the trust roots: the first part of the fingerprint that marks stored results for another check. */
export function trustRootsFingerprint(roots: TrustRoots): string {
  return createHash('sha256').update(JSON.stringify(roots)).digest('hex');
}
