import { maxScopeEntries, type SignedImage } from '@assay/api/contract';

/** Labels the button that confirms an approval with the repositories it will cover. */
export function approveButtonLabel(entries: readonly string[]): string {
  if (entries.length === 0) return 'Approve for every repository';
  if (entries.length === 1) return `Approve for ${entries[0]}`;
  return `Approve for ${entries.length} repository prefixes`;
}

function parentPrefix(repository: string): string {
  const slash = repository.lastIndexOf('/');
  return slash === -1 ? repository : repository.slice(0, slash);
}

/**
 * Suggests a scope from the images a signer signed: their repositories, sorted. When they are more than
 * a scope may list, it suggests the namespaces above them, and nothing when those are too many too.
 */
export function suggestedScope(images: readonly SignedImage[]): string[] {
  const repositories = [...new Set(images.map((image) => image.repository))].sort();
  if (repositories.length <= maxScopeEntries) return repositories;

  const namespaces = [...new Set(repositories.map(parentPrefix))].sort();
  return namespaces.length <= maxScopeEntries ? namespaces : [];
}
