import LinkHeader from 'http-link-header';

/**
 * Finds the `rel="next"` target of a `Link` header (RFC 8288), resolved against the URL of the
 * request that returned it: registries send root-relative links such as
 * `</v2/a/tags/list?last=b&n=50>; rel="next"`. Returns undefined when there is no next page.
 * Throws an Error naming the problem when the header cannot be parsed.
 */
export function findNextLink(header: string | null, requestUrl: string | URL): URL | undefined {
  if (header === null || header.trim() === '') return undefined;

  let next: string | undefined;
  try {
    next = LinkHeader.parse(header).rel('next')[0]?.uri;
  } catch (error) {
    throw new Error(`Invalid Link header: ${(error as Error).message}.`, { cause: error });
  }
  if (next === undefined) return undefined;

  try {
    return new URL(next, requestUrl);
  } catch (error) {
    throw new Error(`Invalid Link header: the next link ${JSON.stringify(next)} is not a URL.`, {
      cause: error,
    });
  }
}
