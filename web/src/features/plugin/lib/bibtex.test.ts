import { describe, expect, it } from 'vitest';
import { bibtexKey, escapeBibtex, toBibtex } from './bibtex';
import { citationFromManifest, formatCitationText, splitAuthors } from './citation';

// Author, title and version as they appear in PolusAI/image-tools features/nyxus-tool/plugin.json.
const nyxusManifest = {
  name: 'nyxus-tool',
  title: 'Nyxus',
  version: '0.1.9-dev0',
  author: 'Nick Schaub (author@example.org), Hamdah Shafqat Abbasi (author@example.org)',
  repository: 'https://github.com/PolusAI/image-tools',
  website: 'https://ncats.nih.gov/preclinical/core/informatics',
};

describe('splitAuthors', () => {
  it.each([
    { author: 'Nick Schaub (author@example.org)', expected: ['Nick Schaub'] },
    {
      author:
        'Nicholas Schaub (author@example.org),Antoine Gerardin (author@example.org), Najib Ishaq (author@example.org)',
      expected: ['Nicholas Schaub', 'Antoine Gerardin', 'Najib Ishaq'],
    },
    {
      author: 'Saket Prem(author@example.org), Matthew McIntyre(author@example.org)',
      expected: ['Saket Prem', 'Matthew McIntyre'],
    },
    { author: 'Mylene Simon & Peter Bajcsy', expected: ['Mylene Simon', 'Peter Bajcsy'] },
    {
      author: 'Ada Lovelace and Alexandra Anand <ada@example.org>',
      expected: ['Ada Lovelace', 'Alexandra Anand'],
    },
    { author: 'N/A', expected: [] },
    { author: '', expected: [] },
  ])('splits "$author"', ({ author, expected }) => {
    expect(splitAuthors(author)).toEqual(expected);
  });
});

describe('toBibtex', () => {
  it('writes a software entry from the manifest', () => {
    const entry = toBibtex(citationFromManifest(nyxusManifest, 2024));

    expect(entry).toBe(
      [
        '@software{nyxus-tool_0.1.9-dev0,',
        '  author = {Nick Schaub and Hamdah Shafqat Abbasi},',
        '  title = {{Nyxus}},',
        '  version = {0.1.9-dev0},',
        '  year = {2024},',
        '  url = {https://github.com/PolusAI/image-tools}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('leaves out the year when unknown', () => {
    const entry = toBibtex(citationFromManifest(nyxusManifest));

    expect(entry).not.toContain('year');
  });

  it('leaves out authors when the manifest has none', () => {
    const entry = toBibtex(citationFromManifest({ ...nyxusManifest, author: 'N/A' }));

    expect(entry).not.toContain('author');
  });

  it('uses the website when there is no repository', () => {
    const entry = toBibtex(citationFromManifest({ ...nyxusManifest, repository: undefined }));

    expect(entry).toContain('url = {https://ncats.nih.gov/preclinical/core/informatics}');
  });

  it('drops a URL that is not http or https', () => {
    const entry = toBibtex(
      citationFromManifest({ ...nyxusManifest, repository: 'javascript:alert(1)', website: undefined }),
    );

    expect(entry).not.toContain('url');
  });

  it('percent-encodes braces in the URL', () => {
    const entry = toBibtex({ ...citationFromManifest(nyxusManifest), url: 'https://example.org/?q={x}' });

    expect(entry).toContain('url = {https://example.org/?q=%7Bx%7D}');
  });

  it('falls back to the name for an empty title', () => {
    const entry = toBibtex(citationFromManifest({ ...nyxusManifest, title: '  ' }));

    expect(entry).toContain('title = {{nyxus-tool}}');
  });
});

describe('escapeBibtex', () => {
  it.each([
    { text: 'Smith & Jones', expected: 'Smith \\& Jones' },
    { text: '100% of_pixels', expected: '100\\% of\\_pixels' },
    { text: 'a {b} c', expected: 'a \\{b\\} c' },
    { text: '#1 $x$ ~y^', expected: '\\#1 \\$x\\$ \\textasciitilde{}y\\textasciicircum{}' },
    { text: 'back\\slash', expected: 'back\\textbackslash{}slash' },
  ])('escapes "$text"', ({ text, expected }) => {
    expect(escapeBibtex(text)).toBe(expected);
  });
});

describe('bibtexKey', () => {
  it.each([
    { name: 'nyxus-tool', version: '0.1.9-dev0', expected: 'nyxus-tool_0.1.9-dev0' },
    { name: 'polus/unet plugin', version: 'openmp-0.1.6', expected: 'polus-unet-plugin_openmp-0.1.6' },
    { name: '{}', version: ',', expected: 'plugin_unversioned' },
  ])('builds $expected', ({ name, version, expected }) => {
    expect(bibtexKey({ name, version })).toBe(expected);
  });
});

describe('formatCitationText', () => {
  it('writes authors, year, title, version and URL', () => {
    expect(formatCitationText(citationFromManifest(nyxusManifest, 2024))).toBe(
      'Nick Schaub, Hamdah Shafqat Abbasi (2024). Nyxus (version 0.1.9-dev0) [Computer software]. https://github.com/PolusAI/image-tools',
    );
  });
});
