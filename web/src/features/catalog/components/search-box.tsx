import { useEffect, useId, useRef, useState } from 'react';
import { focusRing } from '@/components/ui/button';

// Long enough to skip the requests for half-typed words, short enough to feel immediate.
const debounceMs = 300;

export interface SearchBoxProps {
  /** The search text currently in the URL. */
  value: string;
  onSearch: (value: string) => void;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Search field that searches when the user pauses typing or presses Enter. Pressing `/` anywhere on the page focuses it. */
export function SearchBox({ value, onSearch }: SearchBoxProps) {
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(value);
  const [shownValue, setShownValue] = useState(value);

  // Back/forward or "Clear filters" changes the URL; the field then shows the URL's text.
  if (value !== shownValue) {
    setShownValue(value);
    setDraft(value);
  }

  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = window.setTimeout(() => onSearch(draft.trim()), debounceMs);
    return () => window.clearTimeout(timer);
  }, [draft, value, onSearch]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(draft.trim());
      }}
    >
      <label htmlFor={inputId} className="mb-1 block text-sm font-medium">
        Search plugins
      </label>
      <div className="relative">
        <input
          ref={inputRef}
          id={inputId}
          type="search"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          maxLength={200}
          placeholder="Name, description, author or type"
          aria-describedby={hintId}
          aria-keyshortcuts="/"
          autoComplete="off"
          className={`w-full rounded-md border border-slate-300 bg-white px-3 py-2 pr-10 text-base placeholder:text-slate-500 dark:border-slate-600 dark:bg-slate-900 dark:placeholder:text-slate-400 ${focusRing}`}
        />
        <kbd
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 rounded border border-slate-300 px-1.5 font-mono text-xs text-slate-600 sm:block dark:border-slate-600 dark:text-slate-400"
        >
          /
        </kbd>
      </div>
      <p id={hintId} className="sr-only">
        Results update as you type. Press slash anywhere on the page to return to this field.
      </p>
    </form>
  );
}
