import type { AuditEvent } from '@assay/api/contract';
import { paths } from '@/config/paths';

/**
 * Returns the page that shows an event's target, or undefined when no page does. Plugin versions are
 * recorded as `plugin@version`, and plugin ids never contain `@`.
 */
export function targetHref(event: Pick<AuditEvent, 'targetType' | 'targetId'>): string | undefined {
  const { targetType, targetId } = event;
  switch (targetType) {
    case 'signer':
      return paths.signer.build(targetId);
    case 'plugin-version': {
      const at = targetId.indexOf('@');
      return at > 0 ? paths.pluginVersion.build(targetId.slice(0, at), targetId.slice(at + 1)) : undefined;
    }
    case 'trust-policy':
      return /^\d+$/.test(targetId) ? paths.policy.build(Number(targetId)) : undefined;
    default:
      return undefined;
  }
}
