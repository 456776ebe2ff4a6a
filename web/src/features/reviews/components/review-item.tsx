import type { Review } from '@assay/api/contract';
import { Badge } from '@/components/ui/badge';
import { Callout } from '@/components/ui/callout';
import { formatTime, shortDigest } from '@/lib/format';
import { ReportForm } from './report-form';
import { ReviewMarkdown } from './review-markdown';
import { Stars } from './stars';

/** One review with the version and digest it is about; `canReport` for signed-in viewers who did not write it. */
export function ReviewItem({ review, canReport }: { review: Review; canReport: boolean }) {
  const created = formatTime(review.createdAt);
  const edited = review.editedAt ? formatTime(review.editedAt) : undefined;
  return (
    <article className="space-y-2 py-4" aria-label={`Review by ${review.author.displayName}`}>
      {review.hidden && (
        <Callout tone="warning" title="Hidden by an admin; only you can see this review">
          <p>
            Reason: <bdi>{review.hidden.reason}</bdi>
          </p>
        </Callout>
      )}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Stars value={review.stars} />
        <bdi className="font-medium break-all">{review.author.displayName}</bdi>
        {review.mine && <Badge tone="info">you</Badge>}
      </div>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        <span>
          Version <span className="font-mono">{review.version}</span>
        </span>
        {review.isLatestVersion ? <Badge tone="good">newest version</Badge> : <Badge>older version</Badge>}
        {review.digest && (
          <span className="font-mono" title={review.digest}>
            {shortDigest(review.digest)}
          </span>
        )}
        {!review.digestIsCurrent && <Badge tone="warning">image changed since</Badge>}
        {created && (
          <time dateTime={created.iso} title={created.absolute}>
            {created.relative}
          </time>
        )}
        {edited && (
          <span>
            (edited <time dateTime={edited.iso}>{edited.relative}</time>)
          </span>
        )}
      </p>
      {review.text && <ReviewMarkdown text={review.text} />}
      {canReport && !review.mine && <ReportForm reviewId={review.id} author={review.author.displayName} />}
    </article>
  );
}
