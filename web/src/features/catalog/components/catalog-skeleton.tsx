import { Skeleton } from '@/components/ui/skeleton';

export function CatalogSkeleton({ count = 6 }: { count?: number }) {
  return (
    <div aria-busy="true" className="grid gap-4 xl:grid-cols-2">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="mt-2 h-3 w-1/3" />
          <Skeleton className="mt-4 h-3 w-full" />
          <Skeleton className="mt-2 h-3 w-5/6" />
          <Skeleton className="mt-4 h-4 w-1/2" />
        </div>
      ))}
    </div>
  );
}
