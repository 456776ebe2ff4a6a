import { maxReasonLength } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { isApiError } from '@/lib/api-client';
import { useReportReview } from '../api/report-review';

/** "Report" button that opens a reason field; admins see reports in the moderation queue. */
export function ReportForm({ reviewId, author }: { reviewId: string; author: string }) {
  const report = useReportReview();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');

  if (report.isSuccess)
    return <p className="text-xs text-slate-600 dark:text-slate-400">Reported. An admin will look at it.</p>;
  if (!open) {
    return (
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setOpen(true)}
        aria-label={`Report the review by ${author}`}
      >
        Report
      </Button>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    report.mutate({ id: reviewId, reason });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" noValidate>
      <TextField
        label="Why should an admin look at this review?"
        value={reason}
        maxLength={maxReasonLength}
        required
        onChange={(event) => setReason(event.target.value)}
        error={report.isError && isApiError(report.error) ? report.error.failure.message : undefined}
        className="min-w-56 flex-1"
      />
      <Button type="submit" size="sm" variant="primary" disabled={report.isPending || reason.trim() === ''}>
        Send report
      </Button>
      <Button size="sm" onClick={() => setOpen(false)}>
        Cancel
      </Button>
    </form>
  );
}
