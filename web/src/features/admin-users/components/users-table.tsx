import type { SessionUserView, User } from '@assay/api/contract';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { ErrorState } from '@/components/ui/error-state';
import { Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { useDeleteUser } from '../api/delete-user';
import { useUsers } from '../api/get-users';
import { useUpdateUser } from '../api/update-user';
import { errorMessage } from './error-message';
import { RoleSelect } from './role-select';

function UserRow({
  user,
  isSelf,
  onError,
}: {
  user: User;
  isSelf: boolean;
  onError: (message: string) => void;
}) {
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [confirming, setConfirming] = useState(false);
  const lastSignIn = user.lastSignInAt ? formatTime(user.lastSignInAt) : undefined;
  const signInMethod = user.signInMethod === 'oidc' ? 'Institution' : 'Password';
  const lastSignInText = lastSignIn ? (
    <time dateTime={lastSignIn.iso} title={lastSignIn.absolute}>
      {lastSignIn.relative}
    </time>
  ) : (
    'never'
  );

  return (
    <tr className="border-t border-slate-200 dark:border-slate-800">
      <td className="py-2 pr-3 break-words">
        <bdi className="font-medium">{user.displayName}</bdi>
        <span className="block font-mono text-xs break-all text-slate-600 dark:text-slate-400">
          {user.username}
        </span>
        {/* Narrow screens have no room for the sign-in columns, so their values go under the name. */}
        <span className="block text-xs text-slate-600 md:hidden dark:text-slate-400">
          {signInMethod} · last sign-in {lastSignInText}
        </span>
      </td>
      <td className="py-2 pr-3">
        <RoleSelect
          label={`Role of ${user.username}`}
          hideLabel
          value={user.role}
          disabled={update.isPending}
          onChange={(role) =>
            update.mutate({ id: user.id, role }, { onError: (error) => onError(errorMessage(error)) })
          }
        />
      </td>
      <td className="hidden py-2 pr-3 text-sm md:table-cell">{signInMethod}</td>
      <td className="hidden py-2 pr-3 text-sm md:table-cell">{lastSignInText}</td>
      <td className="py-2 text-right">
        {isSelf ? (
          <span className="text-xs text-slate-600 dark:text-slate-400">you</span>
        ) : confirming ? (
          <span className="inline-flex flex-wrap justify-end gap-1">
            <Button
              size="sm"
              variant="primary"
              disabled={remove.isPending}
              onClick={() => remove.mutate(user.id, { onError: (error) => onError(errorMessage(error)) })}
            >
              Delete {user.username} and their reviews
            </Button>
            <Button size="sm" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button size="sm" onClick={() => setConfirming(true)} aria-label={`Delete ${user.username}`}>
            Delete
          </Button>
        )}
      </td>
    </tr>
  );
}

export function UsersTable({ viewer }: { viewer: SessionUserView }) {
  const users = useUsers();
  const [problem, setProblem] = useState<string>();

  return (
    <Panel
      title="Users"
      aside={
        users.data && (
          <span className="text-sm">
            {users.data.items.length} {users.data.items.length === 1 ? 'account' : 'accounts'}
          </span>
        )
      }
    >
      {problem && (
        <div className="mb-3">
          <Callout tone="bad" title="The change was not saved" role="alert">
            <p>{problem}</p>
          </Callout>
        </div>
      )}
      {users.isPending && <Skeleton className="h-40" />}
      {users.isError && <ErrorState text={describeError(users.error)} onRetry={() => void users.refetch()} />}
      {users.data && (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="text-xs text-slate-600 uppercase dark:text-slate-400">
                <th scope="col" className="py-2 pr-3 font-medium">
                  User
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Role
                </th>
                <th scope="col" className="hidden py-2 pr-3 font-medium md:table-cell">
                  Sign-in
                </th>
                <th scope="col" className="hidden py-2 pr-3 font-medium md:table-cell">
                  Last sign-in
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => (
                <UserRow key={user.id} user={user} isSelf={user.id === viewer.id} onError={setProblem} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
