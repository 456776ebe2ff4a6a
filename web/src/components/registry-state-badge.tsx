import type { RegistryState } from '@assay/api/contract';
import { Badge, type Tone } from './ui/badge';

export const registryStateLabels: Record<RegistryState, string> = {
  resolved: 'Image resolved',
  'tag-moved': 'Tag moved',
  pending: 'Not checked yet',
  'registry-not-configured': 'Registry not configured',
  'not-found': 'Image not found',
  error: 'Registry error',
};

const registryStateTones: Record<RegistryState, Tone> = {
  resolved: 'good',
  'tag-moved': 'bad',
  pending: 'neutral',
  'registry-not-configured': 'info',
  'not-found': 'warning',
  error: 'warning',
};

export function RegistryStateBadge({ state }: { state: RegistryState }) {
  return <Badge tone={registryStateTones[state]}>{registryStateLabels[state]}</Badge>;
}
