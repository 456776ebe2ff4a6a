import type { VerdictEvidence, VerdictEvidenceKind } from '@assay/api/contract';
import { Link, useLocation } from 'react-router';
import { linkClasses } from '@/components/ui/external-link';

const evidenceLabels: Record<VerdictEvidenceKind, string> = {
  signature: 'Signature',
  signer: 'Signer',
  scan: 'Scan',
  image: 'Image',
  policy: 'Policy',
  exception: 'Exception',
};

/**
 * Links to a reason's evidence. A panel on the same page gets a plain fragment link, so the browser
 * scrolls to it. Other pages open through the router.
 */
export function EvidenceLink({ evidence, context }: { evidence: VerdictEvidence; context: string }) {
  const location = useLocation();
  const label = evidenceLabels[evidence.kind];
  // Evidence links are paths inside Assay; anything else is not followed.
  if (!evidence.href.startsWith('/')) return null;
  const [path = '', fragment] = evidence.href.split('#');
  const accessibleName = `${label} for: ${context}`;
  if (fragment !== undefined && decodeURIComponent(path) === decodeURIComponent(location.pathname)) {
    return (
      <a href={`#${fragment}`} aria-label={accessibleName} className={`text-xs ${linkClasses}`}>
        {label}
      </a>
    );
  }
  return (
    <Link to={evidence.href} aria-label={accessibleName} className={`text-xs ${linkClasses}`}>
      {label}
    </Link>
  );
}
