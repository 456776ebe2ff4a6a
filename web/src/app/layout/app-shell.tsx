import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { focusRing } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { DemoBanner } from '@/features/meta/components/demo-banner';
import { ServerInfo } from '@/features/meta/components/server-info';
import { ThemeToggle } from '@/features/theme/components/theme-toggle';
import { UserMenu } from '@/features/auth/components/user-menu';
import { useSession } from '@/features/auth/api/get-session';

function navLinkClasses({ isActive }: { isActive: boolean }): string {
  const state = isActive
    ? 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white'
    : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800';
  return `rounded-md px-3 py-2 text-sm font-medium ${state} ${focusRing}`;
}

function Logo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7">
      <rect width="32" height="32" rx="7" className="fill-blue-700 dark:fill-sky-500" />
      <path
        d="M11 7h10M13 7v7l-6 10a2 2 0 0 0 1.7 3h14.6a2 2 0 0 0 1.7-3l-6-10V7"
        fill="none"
        stroke="#fff"
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** The frame of every page: skip link, demo banner, header with navigation and theme toggle, main area and footer. */
export function AppShell({ children }: { children: ReactNode }) {
  const isAdmin = useSession().data?.user?.role === 'admin';
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="fixed top-2 left-2 z-50 -translate-y-24 rounded-md bg-blue-700 px-4 py-2 text-white transition-transform focus:translate-y-0 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-900"
      >
        Skip to main content
      </a>
      <DemoBanner />
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <div className="flex items-center gap-6">
            <Link to={paths.catalog.build()} className={`flex items-center gap-2 rounded-md ${focusRing}`}>
              <Logo />
              <span className="text-lg font-bold tracking-tight">Assay</span>
            </Link>
            <nav aria-label="Main">
              <ul className="flex items-center gap-1">
                <li>
                  <NavLink to={paths.catalog.pattern} end className={navLinkClasses}>
                    Plugins
                  </NavLink>
                </li>
                {isAdmin && (
                  <li>
                    <NavLink to={paths.signers.pattern} className={navLinkClasses}>
                      Signers
                    </NavLink>
                  </li>
                )}
                {isAdmin && (
                  <li>
                    <NavLink to={paths.adminOverview.pattern} end className={navLinkClasses}>
                      Overview
                    </NavLink>
                  </li>
                )}
                {isAdmin && (
                  <li>
                    <NavLink to={paths.auditLog.pattern} className={navLinkClasses}>
                      Audit log
                    </NavLink>
                  </li>
                )}
              </ul>
            </nav>
          </div>
          <div className="flex flex-wrap items-center justify-end gap-2">
            <UserMenu />
            <ThemeToggle />
          </div>
        </div>
      </header>
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
