import { useId, type ReactNode } from 'react';

export interface PanelProps {
  title: string;
  /** Heading level in the page outline; panels in the page body are h2. */
  level?: 2 | 3;
  /** Small text or controls next to the heading, such as a count. */
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** Titled page section, labelled by its heading so that screen readers list it as a region. */
export function Panel({ title, level = 2, aside, children, className = '' }: PanelProps) {
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section
      aria-labelledby={headingId}
      className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900 ${className}`}
    >
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <Heading id={headingId} className="text-lg font-semibold">
          {title}
        </Heading>
        {aside}
      </div>
      {children}
    </section>
  );
}

export function MutedText({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-600 dark:text-slate-400">{children}</p>;
}
