import type { AuditEvent } from '@assay/api/contract';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AuditTable } from './audit-table';

function event(change: Partial<AuditEvent>): AuditEvent {
  return {
    id: 'event-1',
    occurredAt: '2026-02-01T10:00:00.000Z',
    actor: { id: 'user-1', name: 'ada' },
    action: 'signer.approve',
    targetType: 'signer',
    targetId: '0b7c5e2a-4a4e-4d7e-9d55-1f0f8f1c2a10',
    before: null,
    after: null,
    reason: null,
    requestId: null,
    ip: null,
    ...change,
  };
}

function renderTable(events: AuditEvent[]) {
  render(
    <MemoryRouter>
      <AuditTable events={events} />
    </MemoryRouter>,
  );
  return screen.getByRole('table', { name: 'Audit events, newest first' });
}

describe('AuditTable', () => {
  it('shows the target name next to its id, linked to its page', () => {
    const table = renderTable([event({ targetName: 'Lab release pipeline' })]);

    const link = within(table).getByRole('link', { name: 'Lab release pipeline' });
    expect(link).toHaveAttribute('href', '/signers/0b7c5e2a-4a4e-4d7e-9d55-1f0f8f1c2a10');
    expect(within(table).getByText('0b7c5e2a-4a4e-4d7e-9d55-1f0f8f1c2a10')).toBeInTheDocument();
  });

  it.each([
    {
      name: 'a plugin version',
      change: {
        targetType: 'plugin-version',
        targetId: 'nyxus-tool@0.1.9-dev0',
        targetName: 'Nyxus 0.1.9-dev0',
      },
      href: '/plugins/nyxus-tool/versions/0.1.9-dev0',
    },
    {
      name: 'a policy version',
      change: { targetType: 'trust-policy', targetId: '3', targetName: 'Trust policy version 3' },
      href: '/policy?version=3',
    },
  ])('links $name to its page', ({ change, href }) => {
    const table = renderTable([event(change)]);

    expect(within(table).getByRole('link', { name: change.targetName })).toHaveAttribute('href', href);
  });

  it('shows a target without a name by its type and id only', () => {
    const table = renderTable([
      event({ action: 'auth.failure-burst', targetType: 'address', targetId: '10.0.0.7' }),
    ]);

    expect(within(table).queryByRole('link')).not.toBeInTheDocument();
    expect(within(table).getByText('10.0.0.7')).toBeInTheDocument();
  });

  it('sits in a labelled scroll region', () => {
    renderTable([event({})]);

    expect(screen.getByRole('region', { name: 'Audit events' })).toBeInTheDocument();
  });
});
