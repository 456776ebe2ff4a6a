import { QueryErrorResetBoundary } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { describeError } from '@/lib/describe-error';
import { ErrorState } from './error-state';
import { Panel } from './panel';

/**
 * Keeps a failing secondary panel from blanking the page: its error replaces only that panel,
 * under the panel's own heading, with a retry that resets failed queries inside it.
 */
export function PanelErrorBoundary({ title, children }: { title: string; children: ReactNode }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <ErrorBoundary
          onReset={reset}
          fallbackRender={({ error, resetErrorBoundary }) => (
            <Panel title={title}>
              <ErrorState text={describeError(error)} onRetry={resetErrorBoundary} />
            </Panel>
          )}
        >
          {children}
        </ErrorBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}
