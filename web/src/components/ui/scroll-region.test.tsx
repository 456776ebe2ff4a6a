import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { overflowOf, ScrollRegion } from './scroll-region';

/** Gives the region the sizes a browser would lay out; jsdom lays out nothing. */
function layOut(
  element: HTMLElement,
  sizes: { scrollWidth: number; clientWidth: number; scrollLeft: number },
) {
  for (const [name, value] of Object.entries(sizes)) {
    Object.defineProperty(element, name, { configurable: true, value });
  }
}

describe('overflowOf', () => {
  it.each([
    { name: 'content that fits', scrollWidth: 300, scrollLeft: 0, expected: { left: false, right: false } },
    { name: 'a sub-pixel excess', scrollWidth: 301, scrollLeft: 0, expected: { left: false, right: false } },
    {
      name: 'the start of wide content',
      scrollWidth: 800,
      scrollLeft: 0,
      expected: { left: false, right: true },
    },
    {
      name: 'the middle of wide content',
      scrollWidth: 800,
      scrollLeft: 200,
      expected: { left: true, right: true },
    },
    {
      name: 'the end of wide content',
      scrollWidth: 800,
      scrollLeft: 500,
      expected: { left: true, right: false },
    },
  ])('reports the hidden sides at $name', ({ scrollWidth, scrollLeft, expected }) => {
    expect(overflowOf({ scrollWidth, scrollLeft, clientWidth: 300 })).toEqual(expected);
  });
});

describe('ScrollRegion', () => {
  it('has no hint or tab stop when content fits', () => {
    render(
      <ScrollRegion label="Audit events">
        <table />
      </ScrollRegion>,
    );

    const region = screen.getByRole('region', { name: 'Audit events' });
    expect(region).not.toHaveAttribute('tabindex');
    expect(screen.queryByText(/Scroll sideways/)).not.toBeInTheDocument();
  });

  it('shows a hint for cut-off content', () => {
    render(
      <ScrollRegion label="Audit events">
        <table />
      </ScrollRegion>,
    );
    const region = screen.getByRole('region', { name: 'Audit events' });

    layOut(region, { scrollWidth: 800, clientWidth: 300, scrollLeft: 0 });
    fireEvent.scroll(region);

    expect(region).toHaveAttribute('tabindex', '0');
    expect(region).toHaveAccessibleDescription('Scroll sideways to see every column.');
  });

  it('hides the hint after growing to fit', () => {
    render(
      <ScrollRegion label="Audit events">
        <table />
      </ScrollRegion>,
    );
    const region = screen.getByRole('region', { name: 'Audit events' });
    layOut(region, { scrollWidth: 800, clientWidth: 300, scrollLeft: 0 });
    fireEvent.scroll(region);

    layOut(region, { scrollWidth: 800, clientWidth: 800, scrollLeft: 0 });
    fireEvent(window, new Event('resize'));

    expect(region).not.toHaveAttribute('tabindex');
    expect(screen.queryByText(/Scroll sideways/)).not.toBeInTheDocument();
  });
});
