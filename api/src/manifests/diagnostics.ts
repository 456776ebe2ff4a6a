import type { ManifestError, ManifestWarning } from '../contract/manifest.ts';
import { formatJsonPath, type JsonPath } from './json-path.ts';

/** Collects the warnings and errors of one manifest while it is read. */
export class Diagnostics {
  readonly fileName: string;
  readonly warnings: ManifestWarning[] = [];
  readonly errors: ManifestError[] = [];

  constructor(fileName: string) {
    this.fileName = fileName;
  }

  warn(path: JsonPath, problem: string, expected?: string): void {
    this.warnings.push(withExpected({ path: formatJsonPath(path), problem }, expected));
  }

  fail(path: JsonPath, problem: string, expected?: string): void {
    this.errors.push(withExpected({ file: this.fileName, path: formatJsonPath(path), problem }, expected));
  }
}

function withExpected<T extends { problem: string }>(
  entry: T,
  expected: string | undefined,
): T & { expected?: string } {
  return expected === undefined ? entry : { ...entry, expected };
}
