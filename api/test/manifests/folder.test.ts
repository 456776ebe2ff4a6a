import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  scanManifestFolder,
  type FolderScanEntry,
  type FolderScanOptions,
} from '../../src/manifests/folder.ts';
import { manifestFixtureDir } from './fixture-files.ts';

const nyxusJson = 'PolusAI__image-tools__features__nyxus-tool__plugin.json';
const nyxusIct = 'PolusAI__image-tools__features__nyxus-tool__ict.yaml';
const labelToVector =
  'PolusAI__polus-plugins__formats__polus-vector-converter-plugins__label_to_vector_plugin.json';

let workspace: string;
let root: string;

function copyFixture(fixture: string, target: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(path.join(manifestFixtureDir, fixture), target);
}

function write(target: string, text: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
}

async function scan(options?: FolderScanOptions): Promise<FolderScanEntry[]> {
  const entries: FolderScanEntry[] = [];
  for await (const entry of scanManifestFolder(root, options)) entries.push(entry);
  return entries;
}

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'assay-manifest-folder-'));
  root = path.join(workspace, 'manifests');
  const outside = path.join(workspace, 'outside');

  copyFixture(nyxusJson, path.join(root, 'nyxus/plugin.json'));
  copyFixture(nyxusIct, path.join(root, 'nyxus/ict.yaml'));
  copyFixture(labelToVector, path.join(root, 'vectors/label_to_vector_plugin.json'));
  write(
    path.join(root, 'vectors/package.json'),
    JSON.stringify({ name: 'not-a-manifest', version: '1.0.0' }),
  );
  write(path.join(root, 'vectors/broken-data.json'), '{ not json');
  write(path.join(root, 'vectors/settings.yaml'), 'name: not scanned\n');
  write(path.join(root, 'broken/plugin.json'), '{\n  "name": "Broken",\n}');
  write(path.join(root, '.git/plugin.json'), JSON.stringify({ name: 'hidden' }));
  write(path.join(root, 'node_modules/pkg/plugin.json'), JSON.stringify({ name: 'dependency' }));
  write(path.join(root, 'deep/1/2/3/plugin.json'), '{}');
  copyFixture(nyxusJson, path.join(outside, 'plugin.json'));

  mkdirSync(path.join(root, 'linked'));
  symlinkSync(path.join(root, 'nyxus/plugin.json'), path.join(root, 'linked/plugin.json'));
  symlinkSync(path.join(outside, 'plugin.json'), path.join(root, 'linked/ict.yml'));
  symlinkSync(outside, path.join(root, 'outside-link'));
  symlinkSync(path.join(root, 'nyxus'), path.join(root, 'zz-same-folder'));
  symlinkSync(root, path.join(root, 'deep/loop'));
  symlinkSync(path.join(workspace, 'missing'), path.join(root, 'dangling.json'));
});

afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
});

describe('scanManifestFolder', () => {
  it('finds manifests in a fixed order and skips what is not one', async () => {
    const files = (await scan()).map((entry) => entry.file);
    expect(files).toEqual([
      'broken/plugin.json',
      'deep/1/2/3/plugin.json',
      'linked/plugin.json',
      'nyxus/ict.yaml',
      'nyxus/plugin.json',
      'vectors/label_to_vector_plugin.json',
    ]);
  });

  it('returns the same entries on every run', async () => {
    expect(await scan()).toEqual(await scan());
  });

  it('parses each manifest and names the file in its errors', async () => {
    const entries = new Map((await scan()).map((entry) => [entry.file, entry.result]));
    expect(entries.get('nyxus/plugin.json')).toMatchObject({
      ok: true,
      format: 'wipp-polus',
      manifest: { name: 'Nyxus tool' },
    });
    expect(entries.get('nyxus/ict.yaml')).toMatchObject({ ok: true, format: 'ict' });
    expect(entries.get('vectors/label_to_vector_plugin.json')).toMatchObject({
      ok: true,
      manifest: { name: 'Label to Vector' },
    });
    expect(entries.get('broken/plugin.json')).toMatchObject({
      ok: false,
      errors: [{ file: 'broken/plugin.json', path: '$', line: 3, column: 1 }],
    });
  });

  it('follows a symbolic link only while it stays inside the folder', async () => {
    const files = (await scan()).map((entry) => entry.file);
    expect(files).toContain('linked/plugin.json');
    expect(files).not.toContain('linked/ict.yml');
    expect(files.some((file) => file.startsWith('outside-link/'))).toBe(false);
  });

  it('walks each directory once, so link loops and second links end', async () => {
    const files = (await scan()).map((entry) => entry.file);
    expect(files.some((file) => file.startsWith('deep/loop/'))).toBe(false);
    expect(files.some((file) => file.startsWith('zz-same-folder/'))).toBe(false);
  });

  it('stops at the depth limit', async () => {
    const files = (await scan({ maxDepth: 3 })).map((entry) => entry.file);
    expect(files).not.toContain('deep/1/2/3/plugin.json');
    expect(files).toContain('nyxus/plugin.json');
  });

  it('reports a file over the size limit without reading it', async () => {
    const entries = await scan({ maxFileBytes: 1000 });
    const nyxus = entries.find((entry) => entry.file === 'nyxus/plugin.json');
    expect(nyxus?.result).toMatchObject({
      ok: false,
      errors: [
        {
          file: 'nyxus/plugin.json',
          path: '$',
          problem: expect.stringMatching(/more than the limit of 1000 bytes/),
        },
      ],
    });
    // A name ending in `_plugin.json` counts as a manifest name, so its size problem is reported too.
    const vectors = entries.find((entry) => entry.file === 'vectors/label_to_vector_plugin.json');
    expect(vectors?.result.ok).toBe(false);
  });

  it('ends with an error entry when there are more manifests than allowed', async () => {
    const entries = await scan({ maxFiles: 2 });
    expect(entries.map((entry) => entry.file)).toEqual([
      'broken/plugin.json',
      'deep/1/2/3/plugin.json',
      'linked',
    ]);
    expect(entries[2]?.result).toMatchObject({
      ok: false,
      errors: [{ path: '$', problem: 'the folder has more than 2 manifests; the rest were not read.' }],
    });
  });

  it('ends with an error entry when the tree has more entries than allowed', async () => {
    const entries = await scan({ maxEntries: 5 });
    expect(entries.at(-1)?.result).toMatchObject({
      ok: false,
      errors: [{ problem: 'the folder has more than 5 entries; the rest were not scanned.' }],
    });
  });
});
