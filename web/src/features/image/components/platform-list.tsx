import type { Platform } from '@assay/api/contract';
import { formatBytes } from '@/lib/format';
import { Digest } from './digest';

export function platformName(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

export function PlatformList({ platforms }: { platforms: Platform[] }) {
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800">
      {platforms.map((platform) => (
        <li key={platform.digest} className="py-1.5">
          <div className="flex items-baseline justify-between gap-3">
            <span className="font-mono text-xs font-medium">{platformName(platform)}</span>
            <span className="text-xs text-slate-600 dark:text-slate-400">{formatBytes(platform.size)}</span>
          </div>
          <Digest digest={platform.digest} label={`${platformName(platform)} digest`} />
        </li>
      ))}
    </ul>
  );
}
