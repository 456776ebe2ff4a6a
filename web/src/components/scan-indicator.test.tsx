import type { ScanIndicator as Indicator } from '@assay/api/contract';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ScanIndicator } from './scan-indicator';

const clean: Indicator = {
  total: 0,
  fixable: 0,
  bySeverity: { critical: 0, high: 0, medium: 0, low: 0, negligible: 0, unknown: 0 },
  stale: false,
  verified: true,
};

describe('ScanIndicator', () => {
  it('shows a verified scan without findings as clean', () => {
    render(<ScanIndicator scan={clean} />);

    expect(screen.getByText('No findings')).toBeDefined();
  });

  it('shows an unverified claim without its counts', () => {
    render(<ScanIndicator scan={{ ...clean, verified: false }} />);

    expect(screen.getByText('Unverified scan')).toBeDefined();
    expect(screen.queryByText('No findings')).toBeNull();
  });

  it('marks an unverified stale scan', () => {
    render(<ScanIndicator scan={{ ...clean, verified: false, stale: true }} />);

    expect(screen.getByText(/stale/)).toBeDefined();
  });
});
