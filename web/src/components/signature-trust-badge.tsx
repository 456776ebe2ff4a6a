import type { SignatureTrustState } from '@assay/api/contract';
import { Badge, type Tone } from './ui/badge';

export const trustStateLabels: Record<SignatureTrustState, string> = {
  approved: 'Approved',
  pending: 'Signer pending',
  revoked: 'Signer revoked',
  'signer-expired': 'Approval expired',
  'out-of-scope': 'Out of scope',
  'unknown-signer': 'Unknown signer',
  invalid: 'Invalid',
  unverifiable: 'Not verifiable',
  ignored: 'Not counted',
};

const trustStateTones: Record<SignatureTrustState, Tone> = {
  approved: 'good',
  pending: 'warning',
  revoked: 'bad',
  'signer-expired': 'warning',
  'out-of-scope': 'warning',
  'unknown-signer': 'warning',
  invalid: 'bad',
  unverifiable: 'neutral',
  ignored: 'neutral',
};

export function TrustStateBadge({ state }: { state: SignatureTrustState }) {
  return <Badge tone={trustStateTones[state]}>{trustStateLabels[state]}</Badge>;
}
