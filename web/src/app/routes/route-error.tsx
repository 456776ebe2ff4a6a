import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/describe-error';

/** Shown in place of a route whose component threw; the header and navigation stay usable. */
export function RouteError() {
  const error = useRouteError();
  const text = isRouteErrorResponse(error)
    ? {
        title: `Error ${error.status}`,
        detail: error.statusText || 'The page could not be shown.',
        retryable: false,
      }
    : describeError(error);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <title>Error · Assay</title>
      <h1 className="mb-4 text-2xl font-bold">This page could not be shown</h1>
      <ErrorState text={text} onRetry={() => window.location.reload()}>
        <Link to={paths.catalog.build()} className={`self-center ${linkClasses}`}>
          Go to all plugins
        </Link>
      </ErrorState>
    </div>
  );
}
