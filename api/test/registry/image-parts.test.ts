import { describe, expect, test } from 'vitest';
import { isPlatformEntry, primaryPlatform, selectOtherTags } from '../../src/registry/image-parts.ts';
import { mediaTypes, type Descriptor } from '../../src/registry/types.ts';

const digest = `sha256:${'b'.repeat(64)}`;

function entry(extra: Partial<Descriptor>): Descriptor {
  return { mediaType: mediaTypes.ociManifest, digest, size: 100, ...extra };
}

describe('isPlatformEntry', () => {
  const cases: { name: string; descriptor: Descriptor; expected: boolean }[] = [
    {
      name: 'linux/amd64 image',
      descriptor: entry({ platform: { os: 'linux', architecture: 'amd64' } }),
      expected: true,
    },
    {
      name: 'Docker manifest for arm64/v8',
      descriptor: entry({
        mediaType: mediaTypes.dockerManifest,
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      }),
      expected: true,
    },
    {
      name: 'BuildKit attestation',
      descriptor: entry({
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: {
          'vnd.docker.reference.type': 'attestation-manifest',
          'vnd.docker.reference.digest': digest,
        },
      }),
      expected: false,
    },
    {
      name: 'unknown/unknown without annotation',
      descriptor: entry({ platform: { os: 'unknown', architecture: 'unknown' } }),
      expected: false,
    },
    { name: 'entry without platform', descriptor: entry({}), expected: false },
    {
      name: 'nested index',
      descriptor: entry({ mediaType: mediaTypes.ociIndex, platform: { os: 'linux', architecture: 'amd64' } }),
      expected: false,
    },
  ];

  test.each(cases)('classifies $name', ({ descriptor, expected }) => {
    expect(isPlatformEntry(descriptor)).toBe(expected);
  });
});

describe('primaryPlatform', () => {
  test('prefers linux/amd64 over earlier entries', () => {
    const arm = entry({ platform: { os: 'linux', architecture: 'arm64' } });
    const amd = entry({ platform: { os: 'linux', architecture: 'amd64' } });
    expect(primaryPlatform([arm, amd])).toBe(amd);
  });

  test('falls back to the first entry', () => {
    const arm = entry({ platform: { os: 'linux', architecture: 'arm64' } });
    const windows = entry({ platform: { os: 'windows', architecture: 'amd64' } });
    expect(primaryPlatform([arm, windows])).toBe(arm);
  });
});

describe('selectOtherTags', () => {
  const tags = [
    '0.1.0',
    '0.2.0',
    '0.3.0',
    `sha256-${'c'.repeat(64)}`,
    `sha256-${'c'.repeat(64)}.sig`,
    'latest',
  ];

  test('leaves out the current tag and signature tags', () => {
    expect(selectOtherTags(tags, '0.2.0', 10)).toEqual(['latest', '0.3.0', '0.1.0']);
  });

  test('keeps at most the bound, from the end of the listing', () => {
    expect(selectOtherTags(tags, undefined, 2)).toEqual(['latest', '0.3.0']);
  });
});
