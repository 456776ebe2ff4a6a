import type { AuditFilter } from '@assay/api/contract';

const textKeys = ['actor', 'targetType', 'targetId', 'from', 'to'] as const;

/**
 * Reads the audit filters from the page's query string. Values are passed on as they are; the API
 * checks them and its error names the one that is wrong.
 */
export function parseAuditSearch(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  for (const key of textKeys) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  const actions = params.getAll('action').filter((action) => action !== '');
  if (actions.length > 0) filter.action = actions;
  return filter;
}

/** Writes the filters in a stable order, leaving out empty ones. */
export function toAuditSearchParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of textKeys) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  for (const action of filter.action ?? []) params.append('action', action);
  return params;
}

/** `2026-03-10T14:30` in the browser's time zone, for a datetime-local input; empty when not a date. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Converts a datetime-local value, read in the browser's time zone, to ISO; undefined when empty. */
export function fromLocalInput(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
