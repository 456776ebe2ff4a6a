import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses, focusRing } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { useSession } from '../api/get-session';
import { useSignOut } from '../api/sign-out';

function adminLinkClasses(stacked: boolean) {
  // Stacked links take the size of the main navigation's links above them in the header menu.
  const size = stacked ? 'px-3 py-2' : 'px-2 py-1';
  return ({ isActive }: { isActive: boolean }) =>
    `block rounded-md ${size} text-sm font-medium whitespace-nowrap ${isActive ? 'bg-slate-100 dark:bg-slate-800' : 'hover:bg-slate-100 dark:hover:bg-slate-800'} ${focusRing}`;
}

/**
 * Renders the header controls: a sign-in link for visitors; name, role, admin pages and sign-out for signed-in users.
 * `stacked` lays them out in a column, for the header's menu on narrow screens.
 */
export function UserMenu({ stacked = false }: { stacked?: boolean }) {
  const session = useSession();
  const signOut = useSignOut();
  const location = useLocation();
  const navigate = useNavigate();
  const user = session.data?.user;

  if (session.isPending) return null;
  if (!user) {
    if (location.pathname === paths.signIn.pattern) return null;
    return (
      <Link
        to={paths.signIn.build(location.pathname + location.search)}
        className={`${buttonClasses('secondary', 'sm')} whitespace-nowrap`}
      >
        Sign in
      </Link>
    );
  }

  return (
    <div
      className={
        stacked
          ? 'flex flex-col items-start gap-2 border-t border-slate-200 pt-3 dark:border-slate-800'
          : 'flex items-center gap-2'
      }
    >
      {user.role === 'admin' && (
        <nav
          aria-label="Administration"
          className={stacked ? 'flex flex-col gap-1 self-stretch' : 'flex items-center gap-1'}
        >
          <NavLink to={paths.adminUsers.pattern} className={adminLinkClasses(stacked)}>
            Users
          </NavLink>
          <NavLink to={paths.moderation.pattern} className={adminLinkClasses(stacked)}>
            Moderation
          </NavLink>
        </nav>
      )}
      <span
        className={`flex min-w-0 items-center gap-1.5 text-sm ${stacked ? 'px-3' : ''}`}
        aria-label={`Signed in as ${user.displayName}, ${user.role}`}
      >
        <span className={`truncate font-medium ${stacked ? 'max-w-60' : 'max-w-40'}`} title={user.username}>
          <bdi>{user.displayName}</bdi>
        </span>
        <Badge tone={user.role === 'admin' ? 'info' : 'neutral'}>{user.role}</Badge>
      </span>
      <Button
        size="sm"
        variant={stacked ? 'secondary' : 'ghost'}
        className={`whitespace-nowrap ${stacked ? 'ml-1' : ''}`}
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSuccess: () => void navigate(paths.catalog.build()) })}
      >
        Sign out
      </Button>
    </div>
  );
}
