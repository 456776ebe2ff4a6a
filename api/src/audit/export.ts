import { Readable, type Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { AuditEvent } from '../contract/audit.ts';

/** Columns of the CSV export, in order; `before` and `after` hold the JSON text of the recorded state. */
export const auditCsvColumns = [
  'id',
  'occurred_at',
  'actor_id',
  'actor_name',
  'action',
  'target_type',
  'target_id',
  'target_name',
  'reason',
  'before',
  'after',
  'request_id',
  'ip',
] as const;

// Spreadsheets run a cell that starts with one of these characters as a formula (CSV injection), and
// audit cells hold text that users chose: review reasons, display names, policy justifications.
const formulaStart = /^[=+\-@\t\r]/;

/** Prefixes a cell that a spreadsheet would treat as a formula with `'`, which makes it plain text. */
export function neutraliseFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

function jsonCell(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

function csvRecord(event: AuditEvent): string[] {
  return [
    event.id,
    event.occurredAt,
    event.actor?.id ?? '',
    event.actor?.name ?? '',
    event.action,
    event.targetType,
    event.targetId,
    event.targetName ?? '',
    event.reason ?? '',
    jsonCell(event.before),
    jsonCell(event.after),
    event.requestId ?? '',
    event.ip ?? '',
  ].map(neutraliseFormula);
}

async function* csvRecords(batches: AsyncIterable<AuditEvent[]>): AsyncGenerator<string[]> {
  for await (const batch of batches) {
    for (const event of batch) yield csvRecord(event);
  }
}

/**
 * Creates the `stream.pipeline` stages that turn event batches into RFC 4180 CSV: a header row, CRLF
 * line ends, and fields that csv-stringify quotes when they contain a comma, a quote or a line break.
 */
export function auditCsvStages(batches: AsyncIterable<AuditEvent[]>): [Readable, Transform] {
  const stringifier = stringify({ header: true, columns: [...auditCsvColumns], record_delimiter: 'windows' });
  return [Readable.from(csvRecords(batches)), stringifier];
}

async function* jsonChunks(batches: AsyncIterable<AuditEvent[]>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const batch of batches) {
    for (const event of batch) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(event)}`;
      first = false;
    }
  }
  yield first ? ']\n' : '\n]\n';
}

/** Streams the events as one JSON array of the API's event objects, one event per line. */
export function auditJsonStream(batches: AsyncIterable<AuditEvent[]>): Readable {
  return Readable.from(jsonChunks(batches));
}
