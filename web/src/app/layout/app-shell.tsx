import type { ReactNode } from 'react';
import { DemoBanner } from '@/features/meta/components/demo-banner';
import { ServerInfo } from '@/features/meta/components/server-info';
import { SiteHeader } from './site-header';

/** The frame of every page: skip link, demo banner, header with navigation and theme toggle, main area and footer. */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="fixed top-2 left-2 z-50 -translate-y-24 rounded-md bg-blue-700 px-4 py-2 text-white transition-transform focus:translate-y-0 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-900"
      >
        Skip to main content
      </a>
      <DemoBanner />
      <SiteHeader />
      <main id="main" tabIndex={-1} className="flex-1 bg-slate-50 outline-none dark:bg-slate-950">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white px-4 py-4 text-xs text-slate-600 sm:px-6 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
        <div className="mx-auto max-w-7xl">
          <ServerInfo />
        </div>
      </footer>
    </div>
  );
}
