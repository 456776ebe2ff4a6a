import type { SignatureState } from '@assay/api/contract';
import { Badge, type Tone } from './ui/badge';

export const signatureStateLabels: Record<SignatureState, string> = {
  approved: 'Approved signer',
  unapproved: 'Unapproved signer',
  invalid: 'Invalid signature',
  unsigned: 'Unsigned',
};

/** What each badge means, for the badge's tooltip and for screen readers. */
export const signatureStateDescriptions: Record<SignatureState, string> = {
  approved: 'Signed for this exact digest by a signer the administrators approved.',
  unapproved: 'Signed, but only by signers that are pending, revoked, expired, out of scope or unknown.',
  invalid: 'Every signature failed verification or could not be checked.',
  unsigned: 'No signature was found for this digest.',
};

const signatureStateTones: Record<SignatureState, Tone> = {
  approved: 'good',
  unapproved: 'warning',
  invalid: 'bad',
  unsigned: 'neutral',
};

/** The signature badge of a plugin or digest. */
export function SignatureStateBadge({ state }: { state: SignatureState }) {
  return (
    <span title={signatureStateDescriptions[state]} className="inline-flex">
      <Badge tone={signatureStateTones[state]}>
        <span className="sr-only">Signature: </span>
        {signatureStateLabels[state]}
      </Badge>
    </span>
  );
}
