import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { ThemeProvider } from '@/features/theme/components/theme-provider';
import { createQueryClient } from '@/lib/query-client';

/** Last-resort screen when even the shell fails to render. It uses no app state or providers, which may be what failed. */
function AppCrash({ error }: { error: unknown }) {
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-bold">Assay could not start</h1>
      <p className="mt-2">{error instanceof Error ? error.message : String(error)}</p>
      <p className="mt-4">
        <button type="button" className="underline" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </p>
    </main>
  );
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <ErrorBoundary FallbackComponent={AppCrash}>
      <ThemeProvider>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </ThemeProvider>
    </ErrorBoundary>
  );
}
