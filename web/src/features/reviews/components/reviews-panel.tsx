import type { ReviewSort, SessionUserView } from '@assay/api/contract';
import { useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Button, focusRing } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { MutedText, Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/describe-error';
import { useRatings } from '../api/get-ratings';
import { useReviews } from '../api/get-reviews';
import { RatingSummary } from './rating-summary';
import { ReviewForm } from './review-form';
import { ReviewItem } from './review-item';

export interface ReviewsPanelProps {
  plugin: string;
  version: string;
  /** Image digest of the version; undefined when the image could not be resolved. */
  digest?: string;
  /** The signed-in user; null or undefined for visitors. */
  viewer?: SessionUserView | null;
}

const pageSize = 10;
const sortLabels: Record<ReviewSort, string> = {
  newest: 'Newest',
  highest: 'Highest rated',
  lowest: 'Lowest rated',
};

function Summaries({ plugin, version }: { plugin: string; version: string }) {
  const ratings = useRatings(plugin);
  if (ratings.isPending) return <Skeleton className="h-24" />;
  if (ratings.isError)
    return <ErrorState text={describeError(ratings.error)} onRetry={() => void ratings.refetch()} />;
  const own = ratings.data.versions.find((entry) => entry.version === version);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {own && (
        <RatingSummary
          title={`Version ${version}`}
          summary={own.summary}
          countNouns={['rating', 'ratings']}
        />
      )}
      <RatingSummary
        title="All versions (each person's latest)"
        summary={ratings.data.plugin}
        countNouns={['person', 'people']}
      />
    </div>
  );
}

export function ReviewsPanel({ plugin, version, viewer }: ReviewsPanelProps) {
  const [sort, setSort] = useState<ReviewSort>('newest');
  const [allVersions, setAllVersions] = useState(false);
  const [page, setPage] = useState(1);
  const sortId = useId();
  const location = useLocation();
  const reviews = useReviews(plugin, { version: allVersions ? undefined : version, sort, page, pageSize });
  // The form needs the viewer's own review of this version, which only a version-scoped list returns.
  const own = useReviews(plugin, { version, pageSize: 1 });
  const pages = reviews.data ? Math.max(1, Math.ceil(reviews.data.total / pageSize)) : 1;

  return (
    <Panel
      title="Reviews"
      aside={
        reviews.data && (
          <span className="text-sm">
            {reviews.data.total} {reviews.data.total === 1 ? 'review' : 'reviews'}
          </span>
        )
      }
    >
      <div className="space-y-5">
        <Summaries plugin={plugin} version={version} />

        {viewer ? (
          // While the list of the previous version is shown as placeholder data, `mine` belongs to that
          // version, and the form copies `mine` into its state only when it mounts.
          own.isPending || own.isPlaceholderData ? (
            <Skeleton className="h-32" />
          ) : (
            <ReviewForm key={version} plugin={plugin} version={version} mine={own.data?.mine ?? null} />
          )
        ) : (
          <MutedText>
            <Link to={paths.signIn.build(location.pathname)} className={linkClasses}>
              Sign in
            </Link>{' '}
            to rate and review this version.
          </MutedText>
        )}

        <div className="flex flex-wrap items-end justify-between gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={allVersions}
              onChange={(event) => {
                setAllVersions(event.target.checked);
                setPage(1);
              }}
              className={focusRing}
            />
            Show reviews of all versions
          </label>
          <div className="flex items-center gap-2 text-sm">
            <label htmlFor={sortId}>Sort</label>
            <select
              id={sortId}
              value={sort}
              onChange={(event) => {
                setSort(event.target.value as ReviewSort);
                setPage(1);
              }}
              className={`rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950 ${focusRing}`}
            >
              {Object.entries(sortLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>

        {reviews.isPending && <Skeleton className="h-32" />}
        {reviews.isError && (
          <ErrorState text={describeError(reviews.error)} onRetry={() => void reviews.refetch()} />
        )}
        {reviews.data && reviews.data.items.length === 0 && <MutedText>No reviews yet.</MutedText>}
        {reviews.data && reviews.data.items.length > 0 && (
          <div
            className="divide-y divide-slate-200 dark:divide-slate-800"
            aria-busy={reviews.isPlaceholderData}
          >
            {reviews.data.items.map((review) => (
              <ReviewItem key={review.id} review={review} canReport={Boolean(viewer)} />
            ))}
          </div>
        )}
        {pages > 1 && (
          <nav aria-label="Review pages" className="flex items-center justify-between text-sm">
            <Button size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Previous
            </Button>
            <span>
              Page {page} of {pages}
            </span>
            <Button size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              Next
            </Button>
          </nav>
        )}
      </div>
    </Panel>
  );
}
