import { RequireRole } from '@/features/auth/components/require-role';
import { ImportManifestForm } from '@/features/manifest-import/components/import-manifest-form';

export function ImportManifestRoute() {
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6">
      <title>Import a manifest · Assay</title>
      <h1 className="text-2xl font-bold">Import a manifest</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Add a plugin version from its WIPP or ICT manifest. Assay normalises it, lists every deviation from
        the schema, and resolves its container image in the configured registries.
      </p>
      <RequireRole role="admin">
        <ImportManifestForm />
      </RequireRole>
    </div>
  );
}
