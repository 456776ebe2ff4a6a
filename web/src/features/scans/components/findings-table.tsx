import type { Finding, FindingSort, FindingsPage } from '@assay/api/contract';
import type { ReactNode } from 'react';
import { SeverityBadge } from '@/components/severity-badge';
import { Button, focusRing } from '@/components/ui/button';
import { ExternalLink } from '@/components/ui/external-link';
import { advisoryLink, naturalOrder, type FindingsFilters } from '../lib/findings-filters';

const columns: Array<{ sort?: FindingSort; label: string; className?: string }> = [
  { sort: 'id', label: 'Vulnerability' },
  { sort: 'package', label: 'Package' },
  { label: 'Installed' },
  { label: 'Fixed in' },
  { sort: 'severity', label: 'Severity' },
  { sort: 'cvss', label: 'CVSS', className: 'text-right' },
];

function SortHeader({
  column,
  filters,
  onSort,
}: {
  column: (typeof columns)[number];
  filters: FindingsFilters;
  onSort: (sort: FindingSort) => void;
}) {
  const currentSort = filters.sort ?? 'severity';
  const active = column.sort !== undefined && column.sort === currentSort;
  const order = filters.order ?? naturalOrder[currentSort];
  const direction = order === 'asc' ? 'ascending' : 'descending';
  const ariaSort = active ? direction : undefined;
  const arrow = order === 'asc' ? '▲' : '▼';
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      className={`px-2 py-2 font-medium whitespace-nowrap ${column.className ?? 'text-left'}`}
    >
      {column.sort === undefined ? (
        column.label
      ) : (
        <button
          type="button"
          onClick={() => onSort(column.sort as FindingSort)}
          className={`inline-flex items-center gap-1 rounded-sm hover:underline ${focusRing}`}
        >
          {column.label}
          <span aria-hidden="true" className="text-xs">
            {active ? arrow : '↕'}
          </span>
          <span className="sr-only">{active ? `, sorted ${ariaSort}` : ', sort by this column'}</span>
        </button>
      )}
    </th>
  );
}

function FindingRow({ finding }: { finding: Finding }) {
  const link = advisoryLink(finding.vulnerabilityId, finding.links);
  return (
    <tr className="border-t border-slate-100 align-top dark:border-slate-800">
      <td className="px-2 py-2">
        <div className="font-mono text-xs">
          {link ? (
            <ExternalLink href={link}>{finding.vulnerabilityId}</ExternalLink>
          ) : (
            finding.vulnerabilityId
          )}
        </div>
        {finding.aliases.length > 0 && (
          <div className="text-xs text-slate-600 dark:text-slate-400">{finding.aliases.join(', ')}</div>
        )}
        {finding.title && (
          <div className="mt-0.5 text-xs text-slate-700 dark:text-slate-300">{finding.title}</div>
        )}
      </td>
      <td className="px-2 py-2 break-words">{finding.package}</td>
      <td className="px-2 py-2 font-mono text-xs whitespace-nowrap">{finding.installedVersion || '–'}</td>
      <td className="px-2 py-2 font-mono text-xs whitespace-nowrap">
        {finding.fixedVersion ?? <span className="font-sans text-slate-600 dark:text-slate-400">No fix</span>}
      </td>
      <td className="px-2 py-2">
        <SeverityBadge severity={finding.severity} />
      </td>
      <td className="px-2 py-2 text-right tabular-nums" title={finding.cvssVector}>
        {finding.cvssScore?.toFixed(1) ?? '–'}
      </td>
    </tr>
  );
}

/** Renders one finding as a card, for screens too narrow for the table's columns. */
function FindingCard({ finding }: { finding: Finding }) {
  const link = advisoryLink(finding.vulnerabilityId, finding.links);
  return (
    <li className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={finding.severity} />
        <span className="font-mono text-xs">
          {link ? (
            <ExternalLink href={link}>{finding.vulnerabilityId}</ExternalLink>
          ) : (
            finding.vulnerabilityId
          )}
        </span>
        {finding.cvssScore !== undefined && (
          <span
            className="text-xs text-slate-600 tabular-nums dark:text-slate-400"
            title={finding.cvssVector}
          >
            CVSS {finding.cvssScore.toFixed(1)}
          </span>
        )}
      </div>
      {finding.title && <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">{finding.title}</p>}
      <dl className="mt-1 grid grid-cols-[6rem_minmax(0,1fr)] gap-x-2 text-xs">
        <dt className="text-slate-600 dark:text-slate-400">Package</dt>
        <dd className="break-words">{finding.package}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Installed</dt>
        <dd className="font-mono break-words">{finding.installedVersion || '–'}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Fixed in</dt>
        <dd className="font-mono break-words">{finding.fixedVersion ?? 'No fix'}</dd>
      </dl>
    </li>
  );
}

/**
 * Shows findings as a table on wide screens and as a list of cards on narrow ones, where six columns
 * would push the severity off the screen. `header` renders the table's column headers.
 */
export function ResponsiveFindings({
  findings,
  caption,
  header,
}: {
  findings: Finding[];
  caption: string;
  header: ReactNode;
}) {
  return (
    <>
      <ul aria-label={caption} className="space-y-2 sm:hidden">
        {findings.map((finding, index) => (
          <FindingCard key={`${finding.vulnerabilityId}:${finding.package}:${index}`} finding={finding} />
        ))}
      </ul>
      <div className="relative hidden overflow-x-auto sm:block">
        <table className="w-full min-w-[40rem] text-sm">
          <caption className="sr-only">{caption}</caption>
          {header}
          <tbody>
            {findings.map((finding, index) => (
              <FindingRow
                key={`${finding.vulnerabilityId}:${finding.package}:${finding.installedVersion}:${finding.target ?? ''}:${index}`}
                finding={finding}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Renders the header of finding rows without sorting, for fixed lists such as a comparison. */
export function PlainFindingsHeader() {
  return (
    <thead>
      <tr className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
        {columns.map((column) => (
          <th
            key={column.label}
            scope="col"
            className={`px-2 py-2 font-medium whitespace-nowrap ${column.className ?? 'text-left'}`}
          >
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export interface FindingsTableProps {
  page: FindingsPage;
  filters: FindingsFilters;
  /** True while a newer page is loading and this one is still shown. */
  stale: boolean;
  onSort: (sort: FindingSort) => void;
  onPage: (page: number) => void;
}

/** Shows one page of findings with sortable columns and page buttons. The server filters and pages. */
export function FindingsTable({ page, filters, stale, onSort, onPage }: FindingsTableProps) {
  const pageCount = Math.max(1, Math.ceil(page.total / page.pageSize));
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const last = Math.min(page.total, page.page * page.pageSize);
  return (
    <div aria-busy={stale} className={stale ? 'opacity-60' : undefined}>
      <ResponsiveFindings
        findings={page.items}
        caption={`Findings, ${page.total} in total`}
        header={
          <thead>
            <tr className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
              {columns.map((column) => (
                <SortHeader key={column.label} column={column} filters={filters} onSort={onSort} />
              ))}
            </tr>
          </thead>
        }
      />
      {page.total === 0 ? (
        <p className="py-3 text-sm text-slate-600 dark:text-slate-400">
          {filters.severity?.length || filters.fixable !== undefined || filters.q
            ? 'No finding matches these filters.'
            : 'The report lists no findings.'}
        </p>
      ) : (
        <nav
          aria-label="Findings pages"
          className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm"
        >
          <p aria-live="polite">
            {first}–{last} of {page.total} findings
          </p>
          <div className="flex items-center gap-2">
            <Button size="sm" disabled={page.page <= 1} onClick={() => onPage(page.page - 1)}>
              Previous
            </Button>
            <span>
              Page {page.page} of {pageCount}
            </span>
            <Button size="sm" disabled={page.page >= pageCount} onClick={() => onPage(page.page + 1)}>
              Next
            </Button>
          </div>
        </nav>
      )}
    </div>
  );
}
