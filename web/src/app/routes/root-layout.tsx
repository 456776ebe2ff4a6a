import { Outlet, ScrollRestoration, type Location } from 'react-router';
import { paths } from '@/config/paths';
import { AppShell } from '../layout/app-shell';

/**
 * Returns the key under which the scroll position of a page is saved. Catalog pages share a key per
 * result page, so ticking a filter keeps the scroll position while moving to another page starts
 * at the top. Other pages use one key per history entry.
 */
function scrollKey(location: Location): string {
  if (location.pathname !== paths.catalog.pattern) return location.key;
  const page = new URLSearchParams(location.search).get('page') ?? '1';
  return `catalog-page-${page}`;
}

export function RootLayout() {
  return (
    <AppShell>
      <Outlet />
      <ScrollRestoration getKey={scrollKey} />
    </AppShell>
  );
}
