import { useCallback, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { focusRing } from './button';

interface Overflow {
  left: boolean;
  right: boolean;
}

const noOverflow: Overflow = { left: false, right: false };

// Sub-pixel layouts can leave scrollWidth a pixel above clientWidth without anything being hidden.
const tolerancePx = 1;

/** Tells which sides of an element hide content that horizontal scrolling would show. */
export function overflowOf(
  element: Pick<HTMLElement, 'scrollLeft' | 'scrollWidth' | 'clientWidth'>,
): Overflow {
  const hidden = element.scrollWidth - element.clientWidth;
  if (hidden <= tolerancePx) return noOverflow;
  return { left: element.scrollLeft > tolerancePx, right: element.scrollLeft < hidden - tolerancePx };
}

export interface ScrollRegionProps {
  /** Accessible name of the region, such as "Audit events". */
  label: string;
  children: ReactNode;
  className?: string;
}

/**
 * Wraps content that may be wider than the screen, such as a table, in a horizontally scrollable
 * region named by `label`. While content is cut off, the region shows a hint above it and fades the
 * cut edge. It then also takes keyboard focus, so arrow keys scroll it.
 *
 * Adopt it by wrapping the `<table>`: `<ScrollRegion label="Users"><table className="min-w-[40rem]">`.
 */
export function ScrollRegion({ label, children, className = '' }: ScrollRegionProps) {
  const hintId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState<Overflow>(noOverflow);

  const measure = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const next = overflowOf(element);
    setOverflow((previous) =>
      previous.left === next.left && previous.right === next.right ? previous : next,
    );
  }, []);

  useLayoutEffect(() => {
    measure();
    const element = scroller.current;
    // jsdom and very old browsers have no ResizeObserver; the window's resize event still updates the hint.
    if (!element || typeof ResizeObserver === 'undefined') {
      window.addEventListener('resize', measure);
      return () => window.removeEventListener('resize', measure);
    }
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [measure]);

  const scrollable = overflow.left || overflow.right;
  return (
    <div className={className}>
      {scrollable && (
        <p id={hintId} className="mb-1 text-xs text-slate-600 dark:text-slate-400">
          <span aria-hidden="true">↔ </span>
          Scroll sideways to see every column.
        </p>
      )}
      <div className="relative">
        <div
          ref={scroller}
          role="region"
          aria-label={label}
          aria-describedby={scrollable ? hintId : undefined}
          // Focusable only while something is hidden, so a table that fits adds no extra tab stop.
          tabIndex={scrollable ? 0 : undefined}
          onScroll={measure}
          className={`overflow-x-auto rounded-sm ${focusRing}`}
        >
          {children}
        </div>
        {overflow.left && (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-y-0 left-0 w-6 bg-linear-to-r from-white to-transparent dark:from-slate-900"
          />
        )}
        {overflow.right && (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-y-0 right-0 w-6 bg-linear-to-l from-white to-transparent dark:from-slate-900"
          />
        )}
      </div>
    </div>
  );
}
