import type { ReactNode } from 'react';
import type { ErrorText } from '@/lib/describe-error';
import { Button } from './button';
import { Callout } from './callout';

export interface ErrorStateProps {
  text: ErrorText;
  onRetry?: () => void;
  /** Extra actions, such as "Clear filters". */
  children?: ReactNode;
}

export function ErrorState({ text, onRetry, children }: ErrorStateProps) {
  return (
    <Callout tone="bad" title={text.title} role="alert">
      <p>{text.detail}</p>
      {(onRetry && text.retryable) || children ? (
        <div className="flex flex-wrap gap-2 pt-1">
          {onRetry && text.retryable && <Button onClick={onRetry}>Try again</Button>}
          {children}
        </div>
      ) : null}
    </Callout>
  );
}
