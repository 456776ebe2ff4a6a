import type { ManifestWarning } from '@assay/api/contract';
import { Badge } from '@/components/ui/badge';
import { focusRing } from '@/components/ui/button';
import { MutedText, Panel } from '@/components/ui/panel';

/** The deviations from the manifest schema that Assay tolerated, collapsed until the user opens them. */
export function WarningsPanel({ warnings }: { warnings: ManifestWarning[] }) {
  const count = warnings.length;
  return (
    <Panel
      title="Manifest warnings"
      aside={
        <Badge tone={count > 0 ? 'warning' : 'good'}>{count === 1 ? '1 warning' : `${count} warnings`}</Badge>
      }
    >
      {count === 0 ? (
        <MutedText>The manifest follows the schema; Assay did not need to tolerate any deviation.</MutedText>
      ) : (
        <details>
          <summary className={`cursor-pointer rounded text-sm font-medium ${focusRing}`}>
            Show {count === 1 ? 'the warning' : `all ${count} warnings`}
          </summary>
          <ul className="mt-3 space-y-3">
            {warnings.map((warning, index) => (
              <li
                key={`${index}-${warning.path}`}
                className="rounded border border-amber-200 bg-amber-50/60 p-2 text-sm dark:border-amber-800 dark:bg-amber-950/40"
              >
                <code className="font-mono text-xs break-all">{warning.path}</code>
                <p className="mt-1">{warning.problem}</p>
                {warning.expected && (
                  <p className="mt-1 text-slate-700 dark:text-slate-300">
                    <span className="font-medium">Expected:</span> {warning.expected}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Panel>
  );
}
