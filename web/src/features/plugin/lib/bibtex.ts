import type { SoftwareCitation } from './citation';

// Characters that LaTeX treats as commands or parameters inside a BibTeX field value.
const latexEscapes: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Escapes text for a brace-delimited BibTeX field, so names and titles print literally. */
export function escapeBibtex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (character) => latexEscapes[character] ?? character);
}

/** Builds a citation key such as `nyxus-tool_0.1.9-dev0` from letters, digits and `-_.:` only. */
export function bibtexKey(citation: Pick<SoftwareCitation, 'name' | 'version'>): string {
  const clean = (text: string) => text.replace(/[^A-Za-z0-9_.:-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${clean(citation.name) || 'plugin'}_${clean(citation.version) || 'unversioned'}`;
}

/**
 * Formats a biblatex `@software` entry. The title is wrapped in a second pair of braces so
 * bibliography styles keep its capitals. The URL is written unescaped, as the `url` field is
 * read verbatim, with braces percent-encoded because they would end the field.
 */
export function toBibtex(citation: SoftwareCitation): string {
  const fields: Array<[string, string]> = [];
  if (citation.authors.length > 0) {
    fields.push(['author', `{${citation.authors.map(escapeBibtex).join(' and ')}}`]);
  }
  fields.push(['title', `{{${escapeBibtex(citation.title)}}}`]);
  fields.push(['version', `{${escapeBibtex(citation.version)}}`]);
  if (citation.year !== undefined) fields.push(['year', `{${citation.year}}`]);
  if (citation.url) {
    fields.push([
      'url',
      `{${citation.url.replace(/\{/g, '%7B').replace(/\}/g, '%7D').replace(/\s/g, '%20')}}`,
    ]);
  }

  const body = fields.map(([key, value]) => `  ${key} = ${value}`).join(',\n');
  return `@software{${bibtexKey(citation)},\n${body}\n}\n`;
}
