import {
  signerKindSchema,
  signerStatusSchema,
  type SignerKind,
  type SignerListQuery,
  type SignerStatus,
} from '@assay/api/contract';

/** Reads the signer list state from a query string, dropping values the API would reject. */
export function parseSignerSearch(params: URLSearchParams): SignerListQuery {
  const query: SignerListQuery = {};
  const status = params
    .getAll('status')
    .filter((value): value is SignerStatus => signerStatusSchema.safeParse(value).success);
  if (status.length > 0) query.status = [...new Set(status)];
  const kind = params
    .getAll('kind')
    .filter((value): value is SignerKind => signerKindSchema.safeParse(value).success);
  if (kind.length > 0) query.kind = [...new Set(kind)];
  const q = params.get('q')?.trim().slice(0, 200);
  if (q) query.q = q;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1 && page <= 10_000) query.page = page;
  return query;
}

export function toSignerSearchParams(query: SignerListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of query.status ?? []) params.append('status', status);
  for (const kind of query.kind ?? []) params.append('kind', kind);
  if (query.q) params.set('q', query.q);
  if (query.page !== undefined && query.page > 1) params.set('page', String(query.page));
  return params;
}
