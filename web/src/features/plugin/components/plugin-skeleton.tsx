import { Skeleton } from '@/components/ui/skeleton';

export function VersionSkeleton() {
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_26rem]">
      <p role="status" className="sr-only">
        Loading…
      </p>
      <div className="space-y-6">
        <Skeleton className="h-48 w-full" />
        <Skeleton className="h-32 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
      <div className="space-y-6">
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-72 w-full" />
      </div>
    </div>
  );
}

export function PluginSkeleton() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
      <Skeleton className="mb-6 h-4 w-40" />
      <Skeleton className="h-8 w-2/3 max-w-xl" />
      <Skeleton className="mt-2 h-4 w-48" />
      <Skeleton className="mt-4 h-4 w-full max-w-3xl" />
      <Skeleton className="mt-2 h-4 w-5/6 max-w-3xl" />
      <VersionSkeleton />
    </div>
  );
}
