import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import {
  severities,
  type FindingSort,
  type FindingsPage,
  type ParsedFindingsQuery,
} from '../../contract/scan.ts';
import type { Database } from '../../db/schema.ts';
import { findingFromRow } from './report-rows.ts';

const defaultPageSize = 50;

type FindingsBuilder = ExpressionBuilder<Database, 'scan_findings'>;

/** Escapes LIKE wildcards with `!`, which the query names as its escape character. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`)}%`;
}

function filters(reportId: string, query: ParsedFindingsQuery) {
  return (eb: FindingsBuilder): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [eb('report_id', '=', reportId)];
    if (query.severity !== undefined && query.severity.length > 0) {
      conditions.push(
        eb(
          'severity_rank',
          'in',
          query.severity.map((severity) => severities.indexOf(severity)),
        ),
      );
    }
    if (query.fixable !== undefined) conditions.push(eb('fixable', '=', query.fixable ? 1 : 0));
    const text = query.q?.trim();
    if (text) conditions.push(sql<SqlBool>`search_text LIKE ${likePattern(text)} ESCAPE '!'`);
    return eb.and(conditions);
  };
}

/** The column a sort orders by first, and its direction when the query names none. */
const sortColumns: Record<FindingSort, { first: Expression<unknown>; naturalOrder: 'asc' | 'desc' }> = {
  severity: { first: sql`severity_rank`, naturalOrder: 'desc' },
  cvss: { first: sql`cvss_score`, naturalOrder: 'desc' },
  id: { first: sql`vulnerability_id`, naturalOrder: 'asc' },
  // Lower-cased, so both engines order `bash` before `Werkzeug` whatever the database collation.
  package: { first: sql`lower(package)`, naturalOrder: 'asc' },
};

/**
 * Reads one page of a report's findings with the filters, search and sort applied in SQL, and the
 * number of findings that match over all pages. After the sort column, ties break by severity,
 * CVSS score and id, so pages never overlap.
 */
export async function queryFindings(
  db: Kysely<Database>,
  reportId: string,
  query: ParsedFindingsQuery,
): Promise<FindingsPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? defaultPageSize;
  const sort = query.sort ?? 'severity';
  const { first, naturalOrder } = sortColumns[sort];
  const order = query.order ?? naturalOrder;

  let listing = db
    .selectFrom('scan_findings')
    .selectAll()
    .where(filters(reportId, query))
    // Missing CVSS scores sort last in both directions, so "highest score first" starts with real scores.
    .orderBy(first, (builder) => (order === 'asc' ? builder.asc().nullsLast() : builder.desc().nullsLast()));
  if (sort !== 'severity') listing = listing.orderBy('severity_rank', 'desc');
  if (sort !== 'cvss') listing = listing.orderBy('cvss_score', (builder) => builder.desc().nullsLast());
  listing = listing.orderBy('vulnerability_id').orderBy('ordinal');

  const [rows, count] = await Promise.all([
    listing
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('scan_findings')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(filters(reportId, query))
      .executeTakeFirstOrThrow(),
  ]);

  return { reportId, items: rows.map(findingFromRow), total: Number(count.count), page, pageSize };
}
