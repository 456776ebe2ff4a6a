import { useEffect, useState } from 'react';
import { copyText } from '@/lib/clipboard';
import { Button } from './button';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; message: string };

export interface CopyButtonProps {
  text: string;
  /** Accessible name, for example "Copy digest". */
  label: string;
  /** Visible text; defaults to "Copy". */
  children?: string;
  size?: 'sm' | 'md';
}

export function CopyButton({ text, label, children = 'Copy', size = 'sm' }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });

  useEffect(() => {
    if (state.kind !== 'copied') return;
    const timer = window.setTimeout(() => setState({ kind: 'idle' }), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await copyText(text);
      setState({ kind: 'copied' });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button size={size} aria-label={label} onClick={() => void copy()}>
        {state.kind === 'copied' ? 'Copied' : children}
      </Button>
      <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {state.kind === 'copied' && <span className="sr-only">Copied to the clipboard.</span>}
        {state.kind === 'failed' && `Copy failed: ${state.message}`}
      </span>
    </span>
  );
}
