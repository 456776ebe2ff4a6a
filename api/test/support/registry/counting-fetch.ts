/** A request seen by a counting fetch. */
export interface CountedRequest {
  method: string;
  url: URL;
}

/** Wraps the global fetch and records every request, so tests can assert how many requests an operation made. */
export function createCountingFetch(): { fetch: typeof fetch; requests: CountedRequest[] } {
  const requests: CountedRequest[] = [];
  const counting: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    requests.push({ method: init?.method ?? (input instanceof Request ? input.method : 'GET'), url });
    return fetch(input, init);
  };
  return { fetch: counting, requests };
}
