import { RequireRole } from '@/features/auth/components/require-role';
import { ModerationQueue } from '@/features/reviews/components/moderation-queue';

export function ModerationRoute() {
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8 sm:px-6">
      <title>Moderation · Assay</title>
      <h1 className="text-2xl font-bold">Review moderation</h1>
      <RequireRole role="admin">
        <ModerationQueue />
      </RequireRole>
    </div>
  );
}
