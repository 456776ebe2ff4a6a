import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test.describe('plugin page', () => {
  test('users can switch versions', async ({ page }) => {
    await page.goto('/plugins/ome-converter');
    const versions = page.getByRole('combobox', { name: 'Version' });
    await expect(versions).toBeVisible();
    const options = await versions.getByRole('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);

    await versions.selectOption({ index: 1 });

    await expect(page).toHaveURL(/\/plugins\/ome-converter\/versions\//);
    await expect(page.getByText(/This is version .*, not the latest/)).toBeVisible();
  });

  test('users can copy the pull command pinned by digest', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/plugins/apply-flatfield');
    const image = page.getByRole('region', { name: 'Image' });
    await expect(image.getByText(/sha256:/).first()).toBeVisible();

    await image.getByRole('button', { name: 'Copy pull command' }).click();

    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^docker pull polusai\/apply-flatfield-tool@sha256:[0-9a-f]{64}$/);
  });

  test('users see that a tag moved since registration', async ({ page }) => {
    await page.goto('/plugins/nyxus-tool');

    const image = page.getByRole('region', { name: 'Image' });
    await expect(image.getByText('Tag moved')).toBeVisible();
    await expect(image.getByRole('button', { name: 'Copy registered digest' })).toBeVisible();
    await expect(image.getByRole('button', { name: 'Copy current digest' })).toBeVisible();
  });

  test('users see both platforms of a multi-platform image', async ({ page }) => {
    await page.goto('/plugins/ome-converter');

    const image = page.getByRole('region', { name: 'Image' });
    await expect(image.getByRole('button', { name: 'Copy linux/amd64 digest' })).toBeVisible();
    await expect(image.getByText(/linux\/arm64/)).toBeVisible();
  });

  test('users see the WIPP form with conditions and the manifest warnings', async ({ page }) => {
    await page.goto('/plugins/nyxus-tool');

    await expect(page.getByRole('form', { name: 'Form preview' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run plugin' })).toBeDisabled();
    await expect(page.getByRole('region', { name: 'Manifest warnings' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Inputs' })).toContainText('inpDir');
  });

  test('the plugin page has no serious accessibility violations', async ({ page }) => {
    await page.goto('/plugins/nyxus-tool');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(
      page
        .getByRole('region', { name: 'Image' })
        .getByText(/sha256:/)
        .first(),
    ).toBeVisible();

    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const serious = results.violations.filter((violation) =>
      ['serious', 'critical'].includes(violation.impact ?? ''),
    );
    expect(serious.map((violation) => violation.id)).toEqual([]);
  });
});

test.describe('registry down', () => {
  test('users see which registry failed and the page still works', async ({ page }) => {
    const downUrl = process.env.ASSAY_E2E_DOWN_URL;
    test.skip(!downUrl, 'global setup did not start the registry-down server');

    await page.goto(`${downUrl}/plugins/apply-flatfield`);

    const image = page.getByRole('region', { name: 'Image' });
    await expect(image.getByText('Registry error')).toBeVisible();
    await expect(image).toContainText('docker.io');
    await expect(page.getByRole('table', { name: 'Inputs' })).toBeVisible();
  });
});
