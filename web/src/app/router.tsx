import { createBrowserRouter, type RouteObject } from 'react-router';
import { paths } from '@/config/paths';
import { AdminOverviewRoute } from './routes/admin-overview';
import { AdminUsersRoute } from './routes/admin-users';
import { ImportManifestRoute } from './routes/import-manifest';
import { AuditLogRoute } from './routes/audit-log';
import { CatalogRoute } from './routes/catalog';
import { CompareRoute } from './routes/compare';
import { JoinRoute, SetupRoute, SignUpRoute } from './routes/create-account';
import { ModerationRoute } from './routes/moderation';
import { ExportsRoute } from './routes/exports';
import { NotFoundRoute } from './routes/not-found';
import { PluginRoute } from './routes/plugin';
import { PolicyRoute } from './routes/policy';
import { RootLayout } from './routes/root-layout';
import { RouteError } from './routes/route-error';
import { SignInRoute } from './routes/sign-in';
import { SignerRoute } from './routes/signer';
import { SignersRoute } from './routes/signers';
import { StaleScansRoute } from './routes/stale-scans';

// Each child route has its own error element, so an error in one page keeps the shell around it.
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    ErrorBoundary: RouteError,
    children: [
      { path: paths.catalog.pattern, element: <CatalogRoute />, ErrorBoundary: RouteError },
      { path: paths.plugin.pattern, element: <PluginRoute />, ErrorBoundary: RouteError },
      { path: paths.pluginVersion.pattern, element: <PluginRoute />, ErrorBoundary: RouteError },
      { path: paths.compare.pattern, element: <CompareRoute />, ErrorBoundary: RouteError },
      { path: paths.signIn.pattern, element: <SignInRoute />, ErrorBoundary: RouteError },
      { path: paths.signUp.pattern, element: <SignUpRoute />, ErrorBoundary: RouteError },
      { path: paths.setup.pattern, element: <SetupRoute />, ErrorBoundary: RouteError },
      { path: paths.join.pattern, element: <JoinRoute />, ErrorBoundary: RouteError },
      { path: paths.adminUsers.pattern, element: <AdminUsersRoute />, ErrorBoundary: RouteError },
      { path: paths.importManifest.pattern, element: <ImportManifestRoute />, ErrorBoundary: RouteError },
      { path: paths.moderation.pattern, element: <ModerationRoute />, ErrorBoundary: RouteError },
      { path: paths.signers.pattern, element: <SignersRoute />, ErrorBoundary: RouteError },
      { path: paths.signer.pattern, element: <SignerRoute />, ErrorBoundary: RouteError },
      { path: paths.policy.pattern, element: <PolicyRoute />, ErrorBoundary: RouteError },
      { path: paths.adminOverview.pattern, element: <AdminOverviewRoute />, ErrorBoundary: RouteError },
      { path: paths.staleScans.pattern, element: <StaleScansRoute />, ErrorBoundary: RouteError },
      { path: paths.auditLog.pattern, element: <AuditLogRoute />, ErrorBoundary: RouteError },
      { path: paths.exports.pattern, element: <ExportsRoute />, ErrorBoundary: RouteError },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
