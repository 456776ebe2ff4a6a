import type { ReactNode } from 'react';
import type { Tone } from './badge';

const toneClasses: Record<Tone, string> = {
  neutral: 'border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-900',
  good: 'border-emerald-400 bg-emerald-50 dark:border-emerald-700 dark:bg-emerald-950/60',
  warning: 'border-amber-400 bg-amber-50 dark:border-amber-600 dark:bg-amber-950/60',
  bad: 'border-red-400 bg-red-50 dark:border-red-700 dark:bg-red-950/60',
  info: 'border-sky-400 bg-sky-50 dark:border-sky-700 dark:bg-sky-950/60',
};

export interface CalloutProps {
  tone?: Tone;
  title: string;
  children?: ReactNode;
  /** `alert` for failures that appear after the page loaded; `note` for static explanations. */
  role?: 'alert' | 'status' | 'note';
}

export function Callout({ tone = 'neutral', title, children, role = 'note' }: CalloutProps) {
  return (
    <div role={role} className={`rounded-md border-l-4 p-3 text-sm ${toneClasses[tone]}`}>
      <p className="font-semibold">{title}</p>
      {children && <div className="mt-1 space-y-2 text-slate-700 dark:text-slate-300">{children}</div>}
    </div>
  );
}
