import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { e2eAccounts } from '../support/accounts.ts';
import { rescannedPlugin, scannedPlugin } from '../support/scan-attestations.ts';
import { trustedImage } from '../support/trusted-image.ts';
import { mergedTrivyReport } from '../../api/test/scans/store-harness.ts';

const olderPage = `/plugins/${scannedPlugin.name}/versions/${scannedPlugin.older.version}`;
const newerPage = `/plugins/${scannedPlugin.name}/versions/${scannedPlugin.newer.version}`;

async function signInAsAdmin(page: Page, returnTo: string) {
  await page.goto(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('Username').fill(e2eAccounts.admin.username);
  await page.getByLabel('Password').fill(e2eAccounts.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${returnTo}$`));
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))
    .map((violation) => violation.id);
}

function findingRows(page: Page) {
  return page
    .getByRole('region', { name: 'Findings' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
}

test.describe('vulnerability scans', () => {
  test('a visitor reads the findings of a version and filters them', async ({ page }) => {
    await page.goto(olderPage);
    const panel = page.getByRole('region', { name: 'Vulnerabilities' });

    await expect(panel.getByText('Vulnerability attestation in the registry')).toBeVisible();
    await expect(panel.getByText('Unknown signer')).toBeVisible();
    await expect(panel.getByText('Unverified', { exact: true })).toBeVisible();
    await expect(panel.getByText('Found in the cosign attestation tag')).toBeVisible();
    await expect(panel.getByText('Trivy 0.50.1')).toBeVisible();
    await expect(panel.getByText('1 day ago')).toBeVisible();
    await expect(findingRows(page)).toHaveCount(4);
    await expect(panel.getByRole('link', { name: 'CVE-2019-18224' })).toHaveAttribute('href', /^https:\/\//);

    await panel.getByRole('checkbox', { name: 'Critical' }).check();
    await expect(findingRows(page)).toHaveCount(1);
    await expect(findingRows(page).first()).toContainText('libidn2-0');

    await panel.getByRole('checkbox', { name: 'Critical' }).uncheck();
    await panel.getByLabel('Search findings').fill('werkzeug');
    await expect(findingRows(page)).toHaveCount(2);

    await panel.getByLabel('Search findings').fill('');
    await panel.getByLabel('Fix').selectOption({ label: 'No fix yet' });
    await expect(findingRows(page)).toHaveCount(1);
    await expect(findingRows(page).first()).toContainText('bash');

    await panel.getByLabel('Fix').selectOption({ label: 'Any' });
    await panel.getByRole('button', { name: /^CVSS/ }).click();
    await expect(findingRows(page).first()).toContainText('CVE-2019-18224');
    await panel.getByRole('button', { name: /^CVSS/ }).click();
    await expect(findingRows(page).first()).toContainText('CVE-2020-28724');
  });

  test('a visitor compares the findings of two versions', async ({ page }) => {
    await page.goto(newerPage);
    await expect(
      page.getByRole('region', { name: 'Vulnerabilities' }).getByText('Found as a Sigstore bundle referrer'),
    ).toBeVisible();

    await page
      .getByRole('link', { name: `Compare findings with version ${scannedPlugin.older.version}` })
      .click();

    await expect(page).toHaveURL(/\/compare\?from=0\.5\.2-dev0&to=0\.5\.6$/);
    await expect(page.getByRole('heading', { name: '0 added, 2 fixed, 2 unchanged' })).toBeVisible();
    const fixed = page.getByRole('region', { name: /^Fixed/ });
    await expect(fixed.getByRole('link', { name: 'CVE-2019-18224' })).toBeVisible();
    await expect(fixed.getByRole('link', { name: 'CVE-2019-18276' })).toBeVisible();

    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('From version').selectOption(scannedPlugin.newer.version);
    await page.getByLabel('To version').selectOption(scannedPlugin.older.version);
    await expect(page.getByRole('heading', { name: '2 added, 0 fixed, 2 unchanged' })).toBeVisible();
  });

  test('a visitor keeps only plugins without critical findings in the catalog', async ({ page }) => {
    await page.goto('/');

    // The box is controlled by the URL, which updates after the click, so `check()` would see it unchanged.
    await page.getByRole('checkbox', { name: 'No critical findings' }).click();

    await expect(page).toHaveURL(/noCritical=true/);
    await expect(page.getByRole('checkbox', { name: 'No critical findings' })).toBeChecked();
    // Its attestation is signed by an approved key and lists a high finding only.
    await expect(page.getByRole('link', { name: trustedImage.title })).toBeVisible();
    // Its attestations come from a key without a signer record, so they claim findings but do not count.
    await expect(page.getByRole('link', { name: 'Binary Operations Plugin' })).toHaveCount(0);
    await expect(page.getByText('No scan')).toHaveCount(0);
  });

  test('an admin rescans a version and follows the progress', async ({ page }) => {
    const pagePath = `/plugins/${rescannedPlugin.name}/versions/${rescannedPlugin.version}`;
    await signInAsAdmin(page, pagePath);
    const panel = page.getByRole('region', { name: 'Vulnerabilities' });
    await expect(panel.getByText('No scan report exists for this image yet', { exact: false })).toBeVisible();

    await panel.getByRole('button', { name: 'Rescan now' }).click();

    await expect(panel.getByText(/^Scanning: /)).toBeVisible();
    await expect(panel.getByText('Scan finished; the report below is the new one.')).toBeVisible({
      timeout: 30_000,
    });
    await expect(panel.getByText('Scan by the configured scanner')).toBeVisible();
    await expect(panel.getByText('Trivy (Aqua Security) v0.44.0')).toBeVisible();
    await expect(findingRows(page)).toHaveCount(3);
  });

  test('an admin sees upload errors in place', async ({ page }) => {
    await signInAsAdmin(page, olderPage);
    const panel = page.getByRole('region', { name: 'Vulnerabilities' });
    await panel.getByText('Upload a report').click();
    const form = panel.getByRole('form', { name: 'Upload a scan report' });

    await form.getByRole('button', { name: 'Upload report' }).click();
    await expect(form.getByText('Choose a report file first.')).toBeVisible();

    await form.getByLabel('Report file').setInputFiles({
      name: 'report.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ SchemaVersion: 3, Results: [] })),
    });
    await form.getByRole('button', { name: 'Upload report' }).click();

    await expect(form.getByText(/SchemaVersion 3 is not supported/)).toBeVisible();
    await expect(form.getByLabel('Report file')).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('an admin uploads a report, then deletes it', async ({ page }) => {
    await signInAsAdmin(page, newerPage);
    const panel = page.getByRole('region', { name: 'Vulnerabilities' });
    await panel.getByText('Upload a report').click();
    const form = panel.getByRole('form', { name: 'Upload a scan report' });
    const report = { ...mergedTrivyReport(), CreatedAt: new Date().toISOString() };

    await form.getByLabel('Report file').setInputFiles({
      name: 'trivy.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(report)),
    });
    await form.getByRole('button', { name: 'Upload report' }).click();
    await expect(panel.getByLabel('Report shown')).toContainText('Current: Uploaded report');
    await expect(panel.getByText('Uploaded by')).toBeVisible();

    await panel.getByRole('button', { name: 'Delete this uploaded report' }).click();
    await panel.getByRole('button', { name: 'Delete report', exact: true }).click();

    await expect(panel.getByLabel('Report shown')).toHaveCount(0);
    await expect(panel.getByText('Found as a Sigstore bundle referrer')).toBeVisible();
  });
});
