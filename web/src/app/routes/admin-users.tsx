import { RequireRole } from '@/features/auth/components/require-role';
import { useSession } from '@/features/auth/api/get-session';
import { CreateUserForm } from '@/features/admin-users/components/create-user-form';
import { InvitationsPanel } from '@/features/admin-users/components/invitations-panel';
import { UsersTable } from '@/features/admin-users/components/users-table';
import { paths } from '@/config/paths';

function joinUrl(token: string): string {
  return new URL(paths.join.build(token), window.location.origin).toString();
}

export function AdminUsersRoute() {
  const session = useSession();
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <title>Users · Assay</title>
      <h1 className="text-2xl font-bold">Users and roles</h1>
      <RequireRole role="admin">
        {session.data?.user && <UsersTable viewer={session.data.user} />}
        <CreateUserForm />
        <InvitationsPanel joinUrl={joinUrl} />
      </RequireRole>
    </div>
  );
}
