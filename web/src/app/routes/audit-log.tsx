import { useSearchParams } from 'react-router';
import { Panel } from '@/components/ui/panel';
import { RequireRole } from '@/features/auth/components/require-role';
import { parseAuditSearch, toAuditSearchParams } from '@/features/audit/lib/audit-search';
import { AuditFilters } from '@/features/audit/components/audit-filters';
import { AuditLog } from '@/features/audit/components/audit-log';

export function AuditLogRoute() {
  const [search, setSearch] = useSearchParams();
  const filter = parseAuditSearch(search);
  const key = search.toString();

  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-6 sm:px-6">
      <title>Audit log · Assay</title>
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Audit log</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Every administrator action and every burst of failed sign-ins, with who, when, what and the state
          before and after.
        </p>
      </div>
      <RequireRole role="admin">
        <Panel title="Filters">
          {/* Remounts when the address changes, so back and forward restore the form too. */}
          <AuditFilters key={key} filter={filter} onApply={(next) => setSearch(toAuditSearchParams(next))} />
        </Panel>
        <AuditLog filter={filter} />
      </RequireRole>
    </div>
  );
}
