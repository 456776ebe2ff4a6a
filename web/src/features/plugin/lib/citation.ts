import type { NormalisedManifest } from '@assay/api/contract';
import { toSafeHttpUrl } from '@/lib/safe-url';

/** Fields of a software citation for one plugin version. */
export interface SoftwareCitation {
  /** Plugin name, used for the BibTeX key. */
  name: string;
  authors: string[];
  title: string;
  version: string;
  year?: number;
  url?: string;
}

// Manifests write placeholders such as "N/A" when the author is unknown.
const placeholderAuthors = new Set(['n/a', 'na', 'none', 'unknown', '-']);

/**
 * Splits a manifest's free-text author field into names. Real manifests separate names with
 * commas, "&" or "and", and append e-mail addresses in parentheses or angle brackets, which
 * are removed.
 */
export function splitAuthors(author: string): string[] {
  const withoutAddresses = author.replace(/\([^)]*\)/g, ' ').replace(/<[^>]*>/g, ' ');
  return withoutAddresses
    .split(/,|;|&|\band\b/)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name !== '' && !placeholderAuthors.has(name.toLowerCase()));
}

/** Builds the citation of a manifest version. `year` is usually the image's creation year, since manifests carry no date. */
export function citationFromManifest(
  manifest: Pick<NormalisedManifest, 'name' | 'title' | 'version' | 'author' | 'repository' | 'website'>,
  year?: number,
): SoftwareCitation {
  return {
    name: manifest.name,
    authors: splitAuthors(manifest.author),
    title: manifest.title.trim() || manifest.name,
    version: manifest.version,
    year,
    url: toSafeHttpUrl(manifest.repository) ?? toSafeHttpUrl(manifest.website),
  };
}

/** Formats a one-paragraph citation, for example `Nick Schaub, Najib Ishaq (2024). Nyxus (version 0.1.9) [Computer software]. https://…`. */
export function formatCitationText(citation: SoftwareCitation): string {
  const authors = citation.authors.length > 0 ? citation.authors.join(', ') : 'Unknown author';
  const year = citation.year !== undefined ? ` (${citation.year})` : '';
  const url = citation.url ? ` ${citation.url}` : '';
  return `${authors}${year}. ${citation.title} (version ${citation.version}) [Computer software].${url}`;
}
