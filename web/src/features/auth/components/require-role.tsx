import type { AccountRole } from '@assay/api/contract';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Callout } from '@/components/ui/callout';
import { linkClasses } from '@/components/ui/external-link';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useSession } from '../api/get-session';

/** Shows `children` only to users with `role`; visitors get a sign-in link and others an explanation. */
export function RequireRole({ role, children }: { role: AccountRole; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Skeleton className="h-32" />;
  const user = session.data?.user;
  if (!user) {
    return (
      <Callout tone="info" title="Sign-in required">
        <p>
          <Link to={paths.signIn.build(location.pathname + location.search)} className={linkClasses}>
            Sign in
          </Link>{' '}
          to see this page.
        </p>
      </Callout>
    );
  }
  if (role === 'admin' && user.role !== 'admin') {
    return (
      <Callout tone="warning" title="Admins only">
        <p>This page needs the admin role; you are signed in as a {user.role}.</p>
      </Callout>
    );
  }
  return children;
}
