import AxeBuilder from '@axe-core/playwright';
import { expect, request, test, type Page } from '@playwright/test';
import { e2eAccounts } from '../support/accounts.ts';
import { trustedImage } from '../support/trusted-image.ts';

const tighteningReason = 'High findings with a fix must be patched before plugins run';

async function signInAsAdmin(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(e2eAccounts.admin.username);
  await page.getByLabel('Password').fill(e2eAccounts.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Searches the catalog for the trusted plugin and returns its card. */
async function catalogCard(page: Page) {
  await page.goto(`/?q=${encodeURIComponent(trustedImage.title)}`);
  // Several plugins share the title, so the card is found by its plugin's address.
  return page
    .getByRole('region', { name: 'Results' })
    .getByRole('listitem')
    .filter({ has: page.locator(`a[href="/plugins/${trustedImage.plugin}"]`) });
}

/** Puts the default failing severities back, so later stories see the policy they expect. */
async function restoreDefaultPolicy(baseURL: string) {
  const context = await request.newContext({ baseURL });
  const state = (await (await context.get('/api/v1/session')).json()) as { csrfToken: string };
  const signedIn = await context.post('/api/v1/session', {
    headers: { 'x-csrf-token': state.csrfToken },
    data: { username: e2eAccounts.admin.username, password: e2eAccounts.admin.password },
  });
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  const current = (await (await context.get('/api/v1/policy')).json()) as {
    version: number;
    policy: { failSeverities: string[]; exceptions: unknown[] } & Record<string, unknown>;
  };
  if (current.policy.failSeverities.join() !== 'critical') {
    await context.put('/api/v1/policy', {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        baseVersion: current.version,
        reason: 'End of the verdict story: back to the default severities',
        policy: { ...current.policy, failSeverities: ['critical'] },
      },
    });
  }
  await context.dispose();
}

test.describe.configure({ mode: 'serial' });

test.describe('trust verdict', () => {
  test.afterAll(async ({ baseURL }) => {
    await restoreDefaultPolicy(baseURL ?? '');
  });

  test('visitors see why a plugin is trusted', async ({ page }) => {
    const card = await catalogCard(page);
    const badge = card.getByRole('link', { name: 'Verdict: Trusted' });
    await expect(badge).toBeVisible();

    await badge.hover();
    await expect(card.getByRole('tooltip')).toContainText(`Signed by ${trustedImage.signer}`);

    await badge.click();
    const verdict = page.getByRole('region', { name: 'Verdict' });
    await expect(verdict.getByText('Verdict: Trusted')).toBeVisible();
    await expect(verdict.getByText(/Scanned 1 day ago by trivy/i)).toBeVisible();
    await expect(verdict.getByRole('link', { name: /^Signer for: Signed by E2E release key/ })).toBeVisible();
  });

  test('an admin tightens the policy and the badge turns to a warning with the reason', async ({ page }) => {
    await signInAsAdmin(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await page
      .getByRole('navigation', { name: 'Trust administration' })
      .getByRole('link', { name: 'Trust policy' })
      .click();

    await page.getByRole('button', { name: 'Edit the policy' }).click();
    const editor = page.getByRole('form', { name: 'Edit the trust policy' });
    await editor.getByRole('checkbox', { name: 'High' }).check();
    await editor.getByRole('button', { name: /^Save as version/ }).click();
    await expect(
      editor.getByText('Reason for this change is required: say why the policy changes.'),
    ).toBeVisible();
    await editor.getByLabel('Reason for this change').fill(tighteningReason);
    await editor.getByRole('button', { name: /^Save as version/ }).click();
    await expect(page.getByText(/^Saved as version \d+$/)).toBeVisible();

    const card = await catalogCard(page);
    const badge = card.getByRole('link', { name: 'Verdict: Warning' });
    await expect(badge).toBeVisible();
    await badge.hover();
    await expect(card.getByRole('tooltip')).toContainText(`${trustedImage.highFinding} (high) in Werkzeug`);

    await badge.click();
    const verdict = page.getByRole('region', { name: 'Verdict' });
    await expect(verdict.getByText('Verdict: Warning')).toBeVisible();
    await expect(
      verdict.getByText(
        `1 finding fails the policy, which counts critical or high findings that have a fix: ${trustedImage.highFinding} (high) in Werkzeug.`,
      ),
    ).toBeVisible();
    await expect(verdict.getByRole('link', { name: /^Scan for: 1 finding fails/ })).toHaveAttribute(
      'href',
      '#vulnerabilities',
    );
  });

  test('an admin finds the policy change in the audit log', async ({ page }) => {
    await signInAsAdmin(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();

    const filters = page.getByRole('form', { name: 'Filter the audit log' });
    await filters.getByLabel('Action').selectOption('policy.update');
    await filters.getByRole('button', { name: 'Apply filters' }).click();

    await expect(page).toHaveURL(/action=policy\.update/);
    const events = page.getByRole('table', { name: 'Audit events, newest first' });
    await expect(events.getByText(tighteningReason)).toBeVisible();
    await expect(events.getByText(e2eAccounts.admin.username)).toBeVisible();
    const download = page.getByRole('link', { name: 'Download CSV' });
    await expect(download).toHaveAttribute(
      'href',
      /\/api\/v1\/audit-events\/export\?action=policy\.update&format=csv$/,
    );
  });

  test('the trust pages have no serious accessibility violations', async ({ page }) => {
    await signInAsAdmin(page);
    const pages = [
      { path: '/admin', ready: page.getByRole('list', { name: 'Plugins by verdict' }) },
      { path: '/policy', ready: page.getByRole('button', { name: 'Edit the policy' }) },
      { path: '/admin/audit', ready: page.getByRole('table', { name: 'Audit events, newest first' }) },
      { path: '/admin/exports', ready: page.getByRole('link', { name: 'Download policy.json' }) },
    ];
    for (const { path, ready } of pages) {
      await page.goto(path);
      await expect(ready).toBeVisible();

      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const serious = results.violations.filter((violation) =>
        ['serious', 'critical'].includes(violation.impact ?? ''),
      );
      expect(serious.map((violation) => `${path}: ${violation.id}`)).toEqual([]);
    }
  });
});
