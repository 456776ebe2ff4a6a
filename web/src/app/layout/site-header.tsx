import { useEffect, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Link, NavLink, useLocation } from 'react-router';
import { Button, focusRing } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { useSession } from '@/features/auth/api/get-session';
import { UserMenu } from '@/features/auth/components/user-menu';
import { ThemeToggle } from '@/features/theme/components/theme-toggle';

function navLinkClasses({ isActive }: { isActive: boolean }): string {
  const state = isActive
    ? 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white'
    : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800';
  return `block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap ${state} ${focusRing}`;
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

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
    </svg>
  );
}

/** Renders the main navigation: the catalog for everyone, and the trust pages for admins. */
function MainNav({ isAdmin, stacked = false }: { isAdmin: boolean; stacked?: boolean }) {
  const links = [
    { to: paths.catalog.pattern, label: 'Plugins', end: true },
    ...(isAdmin
      ? [
          { to: paths.signers.pattern, label: 'Signers', end: false },
          { to: paths.adminOverview.pattern, label: 'Overview', end: true },
          { to: paths.auditLog.pattern, label: 'Audit log', end: false },
        ]
      : []),
  ];
  return (
    <nav aria-label="Main">
      <ul className={stacked ? 'flex flex-col gap-1' : 'flex items-center gap-1'}>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end} className={navLinkClasses}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Renders the header of every page. Visitors see every control in one row at any width. Signed-in users have
 * more links than fit in one row of a phone screen, so below the `lg` breakpoint their navigation and
 * account controls move behind a "Menu" button.
 */
export function SiteHeader() {
  const user = useSession().data?.user;
  const isAdmin = user?.role === 'admin';
  const location = useLocation();
  const menuId = useId();
  const menuButton = useRef<HTMLButtonElement>(null);
  const header = useRef<HTMLElement>(null);
  // The menu belongs to the page it was opened on, so following one of its links closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string>();
  const menuOpen = Boolean(user) && menuOpenOn === location.key;
  const wideOnly = user ? 'hidden lg:block' : undefined;

  // Escape closes the open menu wherever the focus is: on the Menu button right after opening it, in
  // the menu, or on the page. Focus returns to the button unless it had moved to other page content.
  useEffect(() => {
    if (!menuOpen) return;
    function closeOnEscape(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const focused = document.activeElement;
      const focusInHeader = focused === document.body || header.current?.contains(focused) === true;
      flushSync(() => setMenuOpenOn(undefined));
      if (focusInHeader) menuButton.current?.focus();
    }
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [menuOpen]);

  return (
    <header
      ref={header}
      className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <div className="flex min-w-0 items-center gap-6">
          <Link to={paths.catalog.build()} className={`flex items-center gap-2 rounded-md ${focusRing}`}>
            <Logo />
            <span className="text-lg font-bold tracking-tight">Assay</span>
          </Link>
          <div className={wideOnly}>
            <MainNav isAdmin={isAdmin} />
          </div>
        </div>
        <div className="flex items-center gap-2">
          <div className={wideOnly}>
            <UserMenu />
          </div>
          <ThemeToggle />
          {user && (
            <Button
              ref={menuButton}
              variant="ghost"
              className="lg:hidden"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              onClick={() => setMenuOpenOn(menuOpen ? undefined : location.key)}
            >
              <MenuIcon open={menuOpen} />
              Menu
            </Button>
          )}
        </div>
      </div>
      {user && (
        <div
          id={menuId}
          hidden={!menuOpen}
          className="border-t border-slate-200 lg:hidden dark:border-slate-800"
        >
          {/* Rendered only while open, so a closed menu adds no second copy of the links and the name. */}
          {menuOpen && (
            <div className="mx-auto max-w-7xl space-y-3 px-4 py-3 sm:px-6">
              <MainNav isAdmin={isAdmin} stacked />
              <UserMenu stacked />
            </div>
          )}
        </div>
      )}
    </header>
  );
}
