import type { Dirent } from 'node:fs';
import { open, opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { maxManifestBytes, parseManifest, type ManifestParseResult } from './parse.ts';

export interface FolderScanOptions {
  /** Most manifest files read; a further one ends the scan with an error entry. Default 10,000. */
  maxFiles?: number;
  /** Most directory entries looked at, manifests or not, so that a huge tree cannot stall start-up. Default 200,000. */
  maxEntries?: number;
  /** Deepest directory level walked below `dir`. Default 32. */
  maxDepth?: number;
  /** Largest manifest read, in bytes; larger files give an error entry. Default {@link maxManifestBytes}. */
  maxFileBytes?: number;
}

export interface FolderScanEntry {
  /** Path relative to the scanned folder, with `/` separators. */
  file: string;
  result: ManifestParseResult;
}

const defaults = { maxFiles: 10_000, maxEntries: 200_000, maxDepth: 32, maxFileBytes: maxManifestBytes };

/** Folders that never hold manifests of their own but can hold thousands of unrelated JSON files. */
const skippedFolders = new Set(['node_modules', '__pycache__']);

/**
 * Walks a folder tree in a fixed order (a folder's files, then its subfolders, each sorted by UTF-16
 * code units) and parses every `plugin.json`, `ict.yaml` and `ict.yml` (also with a prefix such as
 * `nyxus__plugin.json`), and every other `*.json` file that looks like a
 * manifest (an object with `containerId`, or with both `inputs` and `outputs`). Hidden folders and
 * `node_modules` are skipped. Symbolic links are followed only while their target stays inside the
 * folder, and each directory is walked once, so link loops end.
 */
export async function* scanManifestFolder(
  dir: string,
  options: FolderScanOptions = {},
): AsyncGenerator<FolderScanEntry> {
  const limits = { ...defaults, ...options };
  const root = await realpath(dir);
  const state = { files: 0, entries: 0, visited: new Set<string>([root]) };

  const pending: Array<{ real: string; relative: string; depth: number }> = [
    { real: root, relative: '', depth: 0 },
  ];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === undefined) break;

    const entries = await readSortedEntries(current.real);
    const subfolders: typeof pending = [];
    for (const entry of entries) {
      state.entries += 1;
      if (state.entries > limits.maxEntries) {
        yield limitEntry(
          current.relative,
          `the folder has more than ${limits.maxEntries} entries; the rest were not scanned.`,
        );
        return;
      }
      const relative = current.relative === '' ? entry.name : `${current.relative}/${entry.name}`;
      const target = await resolveEntry(root, path.join(current.real, entry.name), entry);
      if (target === undefined) continue;

      if (target.kind === 'directory') {
        if (
          current.depth < limits.maxDepth &&
          !state.visited.has(target.real) &&
          !isSkippedFolder(entry.name)
        ) {
          state.visited.add(target.real);
          subfolders.push({ real: target.real, relative, depth: current.depth + 1 });
        }
        continue;
      }
      if (!isCandidateName(entry.name)) continue;

      const result = await readManifest(target.real, entry.name, relative, target.size, limits.maxFileBytes);
      if (result === undefined) continue;
      state.files += 1;
      if (state.files > limits.maxFiles) {
        yield limitEntry(
          current.relative,
          `the folder has more than ${limits.maxFiles} manifests; the rest were not read.`,
        );
        return;
      }
      yield { file: relative, result };
    }
    // Reversed onto the stack, so that sibling folders are walked in sorted order.
    pending.push(...subfolders.reverse());
  }
}

async function readSortedEntries(directory: string): Promise<Dirent[]> {
  const entries: Dirent[] = [];
  for await (const entry of await opendir(directory)) {
    entries.push(entry);
  }
  // Plain code unit order, not localeCompare, so that the order is the same under every locale.
  return entries.sort((a, b) => {
    if (a.name === b.name) return 0;
    return a.name < b.name ? -1 : 1;
  });
}

type ResolvedEntry = { kind: 'directory'; real: string } | { kind: 'file'; real: string; size: number };

async function resolveEntry(
  root: string,
  fullPath: string,
  entry: Dirent,
): Promise<ResolvedEntry | undefined> {
  if (!entry.isSymbolicLink() && !entry.isDirectory() && !entry.isFile()) {
    return undefined;
  }
  let real = fullPath;
  if (entry.isSymbolicLink()) {
    try {
      real = await realpath(fullPath);
    } catch {
      return undefined;
    }
    if (!isInside(root, real)) return undefined;
  }
  const info = await stat(real).catch(() => undefined);
  if (info?.isDirectory()) return { kind: 'directory', real };
  if (info?.isFile()) return { kind: 'file', real, size: info.size };
  return undefined;
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || skippedFolders.has(name);
}

// Conventional names also match with a prefix (`nyxus__plugin.json`, `nyxus-ict.yaml`), the way
// collections of manifests copied out of many repositories name their files.
const ictName = /(^|[_.-])ict\.ya?ml$/i;
const pluginJsonName = /(^|[_.-])plugin\.json$/i;

function isCandidateName(name: string): boolean {
  return /\.json$/i.test(name) || ictName.test(name);
}

function isConventionalName(name: string): boolean {
  return pluginJsonName.test(name) || ictName.test(name);
}

/**
 * Reads and parses one file. Returns undefined for a `*.json` file that is not conventionally
 * named and does not look like a manifest, such as `package.json` or test data.
 */
async function readManifest(
  real: string,
  name: string,
  relative: string,
  size: number,
  maxFileBytes: number,
): Promise<ManifestParseResult | undefined> {
  if (size > maxFileBytes) {
    if (!isConventionalName(name)) return undefined;
    return {
      ok: false,
      errors: [
        {
          file: relative,
          path: '$',
          problem: `the file is ${size} bytes, more than the limit of ${maxFileBytes} bytes.`,
          expected: `at most ${maxFileBytes} bytes`,
        },
      ],
    };
  }
  const bytes = await readAtMost(real, maxFileBytes + 1);
  if (!isConventionalName(name) && !looksLikeManifest(bytes)) {
    return undefined;
  }
  return parseManifest({ bytes, fileName: relative });
}

// Reads with a bound even though the size was checked, because the file may grow in between.
async function readAtMost(file: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(maxBytes);
    let length = 0;
    while (length < maxBytes) {
      const { bytesRead } = await handle.read(buffer, length, maxBytes - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function looksLikeManifest(bytes: Uint8Array): boolean {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    // Broken JSON is shown as a rejected manifest only when it is named like one.
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  return 'containerId' in value || ('inputs' in value && 'outputs' in value);
}

function limitEntry(folder: string, problem: string): FolderScanEntry {
  const file = folder === '' ? '.' : folder;
  return { file, result: { ok: false, errors: [{ file, path: '$', problem }] } };
}
