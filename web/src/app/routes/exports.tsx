import { Link } from 'react-router';
import { linkClasses } from '@/components/ui/external-link';
import { paths } from '@/config/paths';
import { RequireRole } from '@/features/auth/components/require-role';
import { ExportFiles } from '@/features/policy/components/export-files';

export function ExportsRoute() {
  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-6 sm:px-6">
      <title>Policy exports · Assay</title>
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Policy exports</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          The approved signers as the files that enforce them where plugins run. Each download is recorded in
          the{' '}
          <Link to={paths.auditLog.build()} className={linkClasses}>
            audit log
          </Link>
          .
        </p>
      </div>
      <RequireRole role="admin">
        <ExportFiles />
      </RequireRole>
    </div>
  );
}
