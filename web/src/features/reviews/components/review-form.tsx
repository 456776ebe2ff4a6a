import { maxReviewTextLength, type Review } from '@assay/api/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { TextAreaField } from '@/components/ui/text-field';
import { isApiError } from '@/lib/api-client';
import { useDeleteReview } from '../api/delete-review';
import { useSubmitReview } from '../api/submit-review';
import { StarInput } from './star-input';

function messageOf(error: unknown): string {
  return isApiError(error) ? error.failure.message : 'The review could not be saved. Try again.';
}

/** The viewer's review of this version: a new one, or their existing one to edit or delete. */
export function ReviewForm({
  plugin,
  version,
  mine,
}: {
  plugin: string;
  version: string;
  mine: Review | null;
}) {
  const submit = useSubmitReview(plugin, version);
  const remove = useDeleteReview(plugin);
  const [stars, setStars] = useState<number | undefined>(mine?.stars);
  const [text, setText] = useState(mine?.text ?? '');
  const [saved, setSaved] = useState<string>();
  const [missingStars, setMissingStars] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const deleteTrigger = useRef<HTMLButtonElement>(null);
  const confirmTitleId = useId();

  function cancelDelete() {
    // Render the "Delete review" button again before focusing it, so focus does not fall back to the page.
    flushSync(() => setConfirmingDelete(false));
    deleteTrigger.current?.focus();
  }

  function save(event: FormEvent) {
    event.preventDefault();
    if (stars === undefined) {
      setMissingStars(true);
      return;
    }
    setMissingStars(false);
    submit.mutate(
      { stars, text: text.trim() === '' ? null : text },
      {
        onSuccess: (result) =>
          setSaved(result.created ? 'Your review is published.' : 'Your review is updated.'),
      },
    );
  }

  return (
    <form
      onSubmit={save}
      className="space-y-3"
      aria-label={mine ? 'Edit your review' : 'Write a review'}
      noValidate
    >
      <h3 className="text-sm font-semibold">
        {mine ? `Your review of ${version}` : `Review version ${version}`}
      </h3>
      <StarInput value={stars} onChange={setStars} />
      {missingStars && <p className="text-xs text-red-700 dark:text-red-400">Choose 1 to 5 stars.</p>}
      <TextAreaField
        label="Review (optional)"
        hint={`Markdown: **bold**, *italic*, lists, links and code. At most ${maxReviewTextLength} characters.`}
        rows={4}
        maxLength={maxReviewTextLength}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={submit.isPending}>
          {mine ? 'Update review' : 'Publish review'}
        </Button>
        {mine && !confirmingDelete && (
          <Button ref={deleteTrigger} onClick={() => setConfirmingDelete(true)}>
            Delete review
          </Button>
        )}
      </div>
      {mine && confirmingDelete && (
        <div
          role="group"
          aria-labelledby={confirmTitleId}
          onKeyDown={(event) => {
            if (event.key === 'Escape') cancelDelete();
          }}
          className="rounded-md border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950"
        >
          <p id={confirmTitleId} className="text-sm font-medium">
            Delete your review of version {version}? Its stars and text cannot be restored.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            {/* Focus moves here when the step opens, so keyboard users land on the choice they must make. */}
            <Button
              variant="primary"
              autoFocus
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(mine.id, {
                  onSuccess: () => {
                    setConfirmingDelete(false);
                    setStars(undefined);
                    setText('');
                    setSaved('Your review is deleted.');
                  },
                })
              }
            >
              {remove.isPending ? 'Deleting…' : 'Delete my review'}
            </Button>
            <Button disabled={remove.isPending} onClick={cancelDelete}>
              Keep it
            </Button>
          </div>
        </div>
      )}
      <div aria-live="polite">
        {submit.isError && (
          <Callout tone="bad" title="Not saved" role="alert">
            <p>{messageOf(submit.error)}</p>
          </Callout>
        )}
        {remove.isError && (
          <Callout tone="bad" title="Not deleted" role="alert">
            <p>{messageOf(remove.error)}</p>
          </Callout>
        )}
        {saved && !submit.isPending && !submit.isError && (
          <p className="text-sm text-emerald-700 dark:text-emerald-400">{saved}</p>
        )}
      </div>
    </form>
  );
}
