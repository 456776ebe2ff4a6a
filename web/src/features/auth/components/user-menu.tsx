import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses, focusRing } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { useSession } from '../api/get-session';
import { useSignOut } from '../api/sign-out';

const adminLinkClasses = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-2 py-1 text-sm font-medium ${isActive ? 'bg-slate-100 dark:bg-slate-800' : 'hover:bg-slate-100 dark:hover:bg-slate-800'} ${focusRing}`;

/** Header controls: a sign-in link for visitors; name, role, admin pages and sign-out for signed-in users. */
export function UserMenu() {
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
        className={buttonClasses('secondary', 'sm')}
      >
        Sign in
      </Link>
    );
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {user.role === 'admin' && (
        <nav aria-label="Administration" className="flex items-center gap-1">
          <NavLink to={paths.adminUsers.pattern} className={adminLinkClasses}>
            Users
          </NavLink>
          <NavLink to={paths.moderation.pattern} className={adminLinkClasses}>
            Moderation
          </NavLink>
        </nav>
      )}
      <span
        className="flex items-center gap-1.5 text-sm"
        aria-label={`Signed in as ${user.displayName}, ${user.role}`}
      >
        <span className="max-w-40 truncate font-medium" title={user.username}>
          {user.displayName}
        </span>
        <Badge tone={user.role === 'admin' ? 'info' : 'neutral'}>{user.role}</Badge>
      </span>
      <Button
        size="sm"
        variant="ghost"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSuccess: () => void navigate(paths.catalog.build()) })}
      >
        Sign out
      </Button>
    </div>
  );
}
