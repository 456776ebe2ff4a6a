import type { CatalogVerdict, Verdict, VerdictReasonSeverity } from '@assay/api/contract';
import { useId } from 'react';
import { Link } from 'react-router';
import { focusRing } from './ui/button';
import { Badge, type Tone } from './ui/badge';

export const verdictLabels: Record<Verdict, string> = {
  trusted: 'Trusted',
  warning: 'Warning',
  untrusted: 'Untrusted',
};

/** Meaning of each verdict, for tooltips and screen readers. */
export const verdictDescriptions: Record<Verdict, string> = {
  trusted: 'Signed for this digest by an approved signer, and the scan passes the trust policy.',
  warning:
    'Signed by an approved signer, but the scan is missing, too old or lists findings the policy fails.',
  untrusted: 'No signature from an approved signer counts for this digest, or the tag moved.',
};

const verdictTones: Record<Verdict, Tone> = { trusted: 'good', warning: 'warning', untrusted: 'bad' };

const verdictSymbols: Record<Verdict, string> = { trusted: '✓', warning: '!', untrusted: '✕' };

export const reasonSymbols: Record<VerdictReasonSeverity, string> = {
  fail: '✕',
  warning: '!',
  info: 'i',
  pass: '✓',
};

export const reasonSeverityLabels: Record<VerdictReasonSeverity, string> = {
  fail: 'Fails',
  warning: 'Warning',
  info: 'Note',
  pass: 'Met',
};

export const reasonSymbolClasses: Record<VerdictReasonSeverity, string> = {
  fail: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  info: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200',
  pass: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
};

/** Shows the verdict as a coloured badge with a symbol, so it does not rely on colour alone. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <Badge tone={verdictTones[verdict]}>
      <span aria-hidden="true" className="mr-1 font-bold">
        {verdictSymbols[verdict]}
      </span>
      <span className="sr-only">Verdict: </span>
      {verdictLabels[verdict]}
    </Badge>
  );
}

/**
 * Shows the catalog's verdict badge as a link to the version's verdict panel, listing the reasons while
 * it is hovered or focused. The reason list is also the link's accessible description.
 */
export function VerdictBadgeWithReasons({ verdict, href }: { verdict: CatalogVerdict; href: string }) {
  const tooltipId = useId();
  const reasons = verdict.reasons.filter((reason) => reason.code !== 'policy-version');
  return (
    <span className="group relative inline-flex">
      <Link to={href} aria-describedby={tooltipId} className={`inline-flex rounded-full ${focusRing}`}>
        <VerdictBadge verdict={verdict.verdict} />
      </Link>
      <span
        id={tooltipId}
        role="tooltip"
        className="invisible absolute top-full left-0 z-20 mt-1 w-80 max-w-[80vw] rounded-md wrap-anywhere border border-slate-200 bg-white p-3 text-left text-xs text-slate-800 opacity-0 shadow-lg transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
      >
        <span className="mb-1 block font-semibold">
          {verdictLabels[verdict.verdict]} (version {verdict.version}, trust policy {verdict.policyVersion})
        </span>
        <span className="block space-y-1">
          {reasons.map((reason, index) => (
            <span key={`${reason.code}-${index}`} className="flex gap-1.5">
              <span
                aria-hidden="true"
                className={`mt-0.5 inline-flex size-4 shrink-0 items-center justify-center rounded-full text-[10px] font-bold ${reasonSymbolClasses[reason.severity]}`}
              >
                {reasonSymbols[reason.severity]}
              </span>
              <span>
                <span className="sr-only">{reasonSeverityLabels[reason.severity]}: </span>
                {reason.message}
              </span>
            </span>
          ))}
        </span>
      </span>
    </span>
  );
}
