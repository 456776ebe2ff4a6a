/**
 * Returns the URL when it is absolute http or https, so manifest-supplied links can never run
 * script (`javascript:`) or open local schemes. Anything else returns undefined.
 */
export function toSafeHttpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}
