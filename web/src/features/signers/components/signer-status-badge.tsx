import type { SignerStatus } from '@assay/api/contract';
import { Badge, type Tone } from '@/components/ui/badge';

export const signerStatusLabels: Record<SignerStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  revoked: 'Revoked',
};

const tones: Record<SignerStatus, Tone> = { pending: 'warning', approved: 'good', revoked: 'bad' };

export function SignerStatusBadge({ status, expired = false }: { status: SignerStatus; expired?: boolean }) {
  if (status === 'approved' && expired) return <Badge tone="warning">Approval expired</Badge>;
  return <Badge tone={tones[status]}>{signerStatusLabels[status]}</Badge>;
}
