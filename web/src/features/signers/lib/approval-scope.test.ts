import type { SignedImage } from '@assay/api/contract';
import { describe, expect, it } from 'vitest';
import { approveButtonLabel, suggestedScope } from './approval-scope';

function image(repository: string): SignedImage {
  return {
    plugin: repository,
    pluginTitle: repository,
    version: '1.0.0',
    repository,
    digest: `sha256:${'a'.repeat(64)}`,
    state: 'pending',
    reason: 'ok',
  };
}

describe('suggestedScope', () => {
  it('lists each signed repository once, sorted', () => {
    const images = ['docker.io/polusai/b', 'docker.io/polusai/a', 'docker.io/polusai/b'].map(image);

    expect(suggestedScope(images)).toEqual(['docker.io/polusai/a', 'docker.io/polusai/b']);
  });

  it('falls back to namespaces when repositories exceed a scope', () => {
    const images = Array.from({ length: 21 }, (_, index) =>
      image(`docker.io/${index % 2 === 0 ? 'polusai' : 'labshare'}/tool-${index}`),
    );

    expect(suggestedScope(images)).toEqual(['docker.io/labshare', 'docker.io/polusai']);
  });
});

describe('approveButtonLabel', () => {
  it.each([
    { entries: [], label: 'Approve for every repository' },
    { entries: ['docker.io/polusai'], label: 'Approve for docker.io/polusai' },
    { entries: ['docker.io/polusai', 'ghcr.io/lab'], label: 'Approve for 2 repository prefixes' },
  ])('labels $entries.length entries', ({ entries, label }) => {
    expect(approveButtonLabel(entries)).toBe(label);
  });
});
