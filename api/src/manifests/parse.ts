import type {
  ManifestError,
  ManifestFormat,
  ManifestWarning,
  NormalisedManifest,
} from '../contract/manifest.ts';
import { findNulCharacter, nulProblem } from '../lib/nul.ts';
import { detectFormat } from './detect.ts';
import { checkFieldLimits } from './field-limits.ts';
import { Diagnostics } from './diagnostics.ts';
import { normaliseIct } from './ict.ts';
import { parseDocumentText } from './syntax.ts';
import { describeType, isObject } from './values.ts';
import { normaliseWipp } from './wipp.ts';

export type ManifestParseResult =
  | { ok: true; format: ManifestFormat; manifest: NormalisedManifest; warnings: ManifestWarning[] }
  | { ok: false; errors: ManifestError[] };

/**
 * Largest manifest accepted, in bytes (1 MiB). The largest real manifest Assay was tested with is 86 KiB; the limit
 * bounds the memory and time spent on an upload before anything is parsed.
 */
export const maxManifestBytes = 1024 * 1024;

/**
 * Parses and normalises a WIPP (official, PolusAI or dict-keyed) or ICT manifest. Every deviation
 * from the format's schema becomes a warning with its JSON path. Only input that cannot be
 * understood is rejected (too large, not UTF-8, not JSON or YAML, not an object, no name, no image),
 * with errors that name the file and the path.
 */
export function parseManifest(input: { bytes: Uint8Array; fileName: string }): ManifestParseResult {
  const { bytes, fileName } = input;
  if (bytes.byteLength > maxManifestBytes) {
    return reject(
      fileName,
      `the file is ${bytes.byteLength} bytes, more than the limit of ${maxManifestBytes} bytes (1 MiB).`,
      `at most ${maxManifestBytes} bytes`,
    );
  }

  let text: string;
  try {
    // A UTF-8 byte order mark is dropped by the decoder, as RFC 8259 allows parsers to do.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return reject(fileName, 'the file is not UTF-8 text.', 'a UTF-8 encoded JSON or YAML file');
  }

  const parsed = parseDocumentText(text, fileName);
  if (!parsed.ok) {
    return parsed;
  }
  const doc = parsed.value;
  const nulPath = findNulCharacter(doc);
  if (nulPath) {
    return { ok: false, errors: [{ file: fileName, path: nulPath, problem: `the value ${nulProblem}.` }] };
  }
  if (!isObject(doc)) {
    return reject(
      fileName,
      `the top level is ${describeType(doc)}, not an object.`,
      'an object with name, version, containerId, inputs, outputs and ui',
    );
  }

  const format = detectFormat(doc, fileName);
  const diagnostics = new Diagnostics(fileName);
  diagnostics.warnings.push(...parsed.warnings);
  const manifest =
    format === 'ict'
      ? normaliseIct(doc, parsed.sourceText, diagnostics)
      : normaliseWipp(doc, format, parsed.sourceText, diagnostics);
  if (manifest === undefined || diagnostics.errors.length > 0) {
    return { ok: false, errors: diagnostics.errors };
  }
  const limitErrors = checkFieldLimits(manifest, fileName);
  if (limitErrors.length > 0) return { ok: false, errors: limitErrors };
  return { ok: true, format, manifest, warnings: diagnostics.warnings };
}

function reject(fileName: string, problem: string, expected: string): ManifestParseResult {
  return { ok: false, errors: [{ file: fileName, path: '$', problem, expected }] };
}
