import { createBrowserRouter, type RouteObject } from 'react-router';
import { paths } from '@/config/paths';
import { CatalogRoute } from './routes/catalog';
import { NotFoundRoute } from './routes/not-found';
import { PluginRoute } from './routes/plugin';
import { RootLayout } from './routes/root-layout';
import { RouteError } from './routes/route-error';

// Each child route has its own error element, so an error in one page keeps the shell around it.
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    ErrorBoundary: RouteError,
    children: [
      { path: paths.catalog.pattern, element: <CatalogRoute />, ErrorBoundary: RouteError },
      { path: paths.plugin.pattern, element: <PluginRoute />, ErrorBoundary: RouteError },
      { path: paths.pluginVersion.pattern, element: <PluginRoute />, ErrorBoundary: RouteError },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
