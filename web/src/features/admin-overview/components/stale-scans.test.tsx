import type { StaleScan } from '@assay/api/contract';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { StaleScans } from './stale-scans';

const scans: StaleScan[] = Array.from({ length: 10 }, (_, index) => ({
  plugin: `plugin-${index}`,
  title: `Plugin ${index}`,
  version: '1.0.0',
  status: 'missing',
}));

function renderPanel(total: number) {
  render(
    <MemoryRouter>
      <StaleScans scans={scans} total={total} />
    </MemoryRouter>,
  );
}

describe('StaleScans', () => {
  it('links to the full list when the overview shows only part of it', () => {
    renderPanel(35);

    expect(screen.getByRole('link', { name: 'All 35 plugins with scans to renew' })).toHaveAttribute(
      'href',
      '/admin/scans-to-renew',
    );
  });

  it('has no link to the full list when every plugin is shown', () => {
    renderPanel(10);

    expect(screen.queryByRole('link', { name: /plugins with scans to renew/ })).not.toBeInTheDocument();
  });
});
