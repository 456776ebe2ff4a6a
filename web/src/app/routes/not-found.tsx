import { Link, useLocation } from 'react-router';
import { linkClasses } from '@/components/ui/external-link';
import { paths } from '@/config/paths';

export function NotFoundRoute() {
  const location = useLocation();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <title>Page not found · Assay</title>
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 break-words text-slate-700 dark:text-slate-300">
        There is no page at <code className="font-mono">{location.pathname}</code>.
      </p>
      <p className="mt-4">
        <Link to={paths.catalog.build()} className={linkClasses}>
          Browse all plugins
        </Link>
      </p>
    </div>
  );
}
