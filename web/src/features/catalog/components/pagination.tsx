import { Link } from 'react-router';
import { buttonClasses } from '@/components/ui/button';

export interface PaginationProps {
  page: number;
  pageCount: number;
  /** Builds the link of a page, keeping the rest of the search. */
  hrefForPage: (page: number) => string;
}

/** Page numbers to show: the first, the last, and two on each side of the current page, with gaps as null. */
export function visiblePages(page: number, pageCount: number): Array<number | null> {
  const pages: Array<number | null> = [];
  for (let candidate = 1; candidate <= pageCount; candidate += 1) {
    const nearCurrent = Math.abs(candidate - page) <= 2;
    if (candidate === 1 || candidate === pageCount || nearCurrent) {
      pages.push(candidate);
    } else if (pages.at(-1) !== null) {
      pages.push(null);
    }
  }
  return pages;
}

export function Pagination({ page, pageCount, hrefForPage }: PaginationProps) {
  if (pageCount <= 1) return null;
  const pages = visiblePages(page, pageCount);
  const disabledLink = 'pointer-events-none opacity-50';
  return (
    <nav aria-label="Pagination" className="mt-6">
      <ul className="flex flex-wrap items-center justify-center gap-1">
        <li>
          {page > 1 ? (
            <Link to={hrefForPage(page - 1)} className={buttonClasses('secondary', 'sm')} rel="prev">
              Previous<span className="sr-only"> page</span>
            </Link>
          ) : (
            <span aria-disabled="true" className={`${buttonClasses('secondary', 'sm')} ${disabledLink}`}>
              Previous<span className="sr-only"> page</span>
            </span>
          )}
        </li>
        {pages.map((candidate, index) =>
          candidate === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-slate-600 dark:text-slate-400">
              …
            </li>
          ) : (
            <li key={candidate}>
              <Link
                to={hrefForPage(candidate)}
                aria-current={candidate === page ? 'page' : undefined}
                aria-label={`Page ${candidate}`}
                className={`${buttonClasses(candidate === page ? 'primary' : 'ghost', 'sm')} min-w-9 tabular-nums`}
              >
                {candidate}
              </Link>
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <Link to={hrefForPage(page + 1)} className={buttonClasses('secondary', 'sm')} rel="next">
              Next<span className="sr-only"> page</span>
            </Link>
          ) : (
            <span aria-disabled="true" className={`${buttonClasses('secondary', 'sm')} ${disabledLink}`}>
              Next<span className="sr-only"> page</span>
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
