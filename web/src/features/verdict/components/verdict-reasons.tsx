import type { VerdictReason } from '@assay/api/contract';
import { reasonSeverityLabels, reasonSymbolClasses, reasonSymbols } from '@/components/verdict-badge';
import { EvidenceLink } from './evidence-link';

/** Lists the reasons of a verdict in the API's order, each with a link to its evidence. */
export function VerdictReasons({ reasons }: { reasons: VerdictReason[] }) {
  return (
    <ul className="space-y-2" aria-label="Reasons">
      {reasons.map((reason, index) => (
        <li key={`${reason.code}-${index}`} className="flex gap-2 text-sm">
          <span
            aria-hidden="true"
            className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${reasonSymbolClasses[reason.severity]}`}
          >
            {reasonSymbols[reason.severity]}
          </span>
          <div className="min-w-0">
            <p className="break-words">
              <span className="sr-only">{reasonSeverityLabels[reason.severity]}: </span>
              {reason.message}
            </p>
            <EvidenceLink evidence={reason.evidence} context={reason.message} />
          </div>
        </li>
      ))}
    </ul>
  );
}
