import type { ReactNode } from 'react';
import { toSafeHttpUrl } from '@/lib/safe-url';
import { focusRing } from './button';

export const linkClasses = `text-blue-700 underline underline-offset-2 hover:text-blue-900 dark:text-sky-300 dark:hover:text-sky-200 rounded-sm ${focusRing}`;

/**
 * Links to a URL taken from data. Only http and https URLs become links; anything else is shown
 * as plain text, so a manifest cannot inject a `javascript:` link.
 */
export function ExternalLink({ href, children }: { href: string | undefined; children?: ReactNode }) {
  const safe = toSafeHttpUrl(href);
  if (!safe) return <span className="break-all">{href}</span>;
  return (
    <a href={safe} className={`${linkClasses} break-all`} target="_blank" rel="noopener noreferrer">
      {children ?? safe}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
