import { expect, test, type Page } from '@playwright/test';
import { e2eAccounts } from '../support/accounts.ts';
import { signedImage } from '../support/signed-image.ts';

const revokeReason = 'The key was left on a shared lab workstation';

async function signInAsAdmin(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(e2eAccounts.admin.username);
  await page.getByLabel('Password').fill(e2eAccounts.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Searches the catalog for the signed plugin and returns its card. */
async function catalogCard(page: Page) {
  await page.goto(`/?q=${encodeURIComponent('Kaggle Nuclei Segmentation')}`);
  return page
    .getByRole('region', { name: 'Results' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'Kaggle Nuclei Segmentation' }) });
}

async function openSigner(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signers' }).click();
  await page.getByRole('link', { name: signedImage.signer }).click();
  await expect(page.getByRole('heading', { level: 1, name: signedImage.signer })).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

test.describe('signers', () => {
  test('an admin approves a pending signer and the plugin badge changes', async ({ page }) => {
    await expect((await catalogCard(page)).getByText('Unapproved signer')).toBeVisible();

    await signInAsAdmin(page);
    await openSigner(page);
    await page.getByRole('button', { name: 'Approve signer…' }).click();
    const confirmation = page.getByRole('form', { name: 'Confirm the approval' });
    await expect(confirmation.getByText('This approval will cover every repository')).toBeVisible();
    await confirmation.getByRole('button', { name: 'Approve for every repository' }).click();

    await expect(page.getByRole('heading', { level: 1, name: signedImage.signer })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Revoke signer' })).toBeVisible();
    await expect((await catalogCard(page)).getByText('Approved signer')).toBeVisible();

    await page.goto(`/plugins/${signedImage.plugin}`);
    const panel = page.getByRole('region', { name: 'Signatures' });
    await expect(panel.getByText('Approved', { exact: true })).toBeVisible();
    await expect(panel.getByRole('link', { name: signedImage.signer })).toBeVisible();
  });

  test('an admin revokes a signer with a reason', async ({ page }) => {
    await signInAsAdmin(page);
    await openSigner(page);
    const revoke = page.getByRole('form', { name: 'Revoke this signer' });

    await revoke.getByRole('button', { name: 'Revoke signer' }).click();
    await expect(revoke.getByText('Enter a reason')).toBeVisible();
    await revoke.getByLabel('Reason for revoking').fill(revokeReason);
    await revoke.getByRole('button', { name: 'Revoke signer' }).click();

    await expect(page.getByText(`Revoked: ${revokeReason}`)).toBeVisible();
    await expect((await catalogCard(page)).getByText('Unapproved signer')).toBeVisible();

    await page.goto(`/plugins/${signedImage.plugin}`);
    const panel = page.getByRole('region', { name: 'Signatures' });
    await expect(panel.getByText('Signer revoked')).toBeVisible();
    await expect(panel.getByText(revokeReason)).toBeVisible();
  });

  test('visitors see signer statuses but no controls', async ({ page }) => {
    await page.goto(`/plugins/${signedImage.plugin}`);
    await page
      .getByRole('region', { name: 'Signatures' })
      .getByRole('link', { name: signedImage.signer })
      .click();

    await expect(page.getByRole('heading', { level: 1, name: signedImage.signer })).toBeVisible();
    await expect(page.getByText(`Revoked: ${revokeReason}`)).toBeVisible();
    await expect(page.getByRole('button', { name: /Approve/ })).toHaveCount(0);
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signers' }),
    ).toHaveCount(0);
  });
});
