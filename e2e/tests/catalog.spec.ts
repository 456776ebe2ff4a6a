import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test.describe('catalog', () => {
  test('users can search the catalog and open a plugin', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Plugins' })).toBeVisible();

    await page.getByRole('searchbox', { name: 'Search plugins' }).fill('nyxus');

    const results = page.getByRole('region', { name: 'Results' });
    await expect(results.getByRole('heading', { level: 3 })).toHaveCount(1);
    await expect(page).toHaveURL(/q=nyxus/);
    await results.getByRole('link', { name: /Nyxus/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Nyxus/ })).toBeVisible();
  });

  test('users can filter by input type and clear the filters', async ({ page }) => {
    await page.goto('/');
    const filters = page.getByRole('complementary', { name: 'Filters' });
    const status = page.getByText(/^(\d+ plugins|Showing \d+–\d+ of \d+ plugins)$/);
    const before = await status.textContent();

    // The list re-renders when the URL changes, so click and then wait for the checked state.
    const inputTypes = filters.getByRole('group', { name: 'Input types' });
    await filters.getByRole('button', { name: /^Show all \d+ input types$/ }).click();
    await inputTypes.getByRole('checkbox', { name: /^csvCollection/ }).click();

    await expect(page).toHaveURL(/inputType=csvCollection/);
    await expect(inputTypes.getByRole('checkbox', { name: /^csvCollection/ })).toBeChecked();
    await expect(status).not.toHaveText(before ?? '');
    for (const card of await page.getByRole('region', { name: 'Results' }).getByRole('article').all()) {
      await expect(card).toContainText('csvCollection');
    }
    await filters.getByRole('button', { name: 'Clear all' }).click();
    await expect(page).not.toHaveURL(/inputType=/);
  });

  test('users can open a bookmarked search', async ({ page }) => {
    await page.goto('/?q=threshold&sort=name');

    await expect(page.getByRole('searchbox', { name: 'Search plugins' })).toHaveValue('threshold');
    await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('name');
    const titles = await page
      .getByRole('region', { name: 'Results' })
      .getByRole('heading', { level: 3 })
      .allTextContents();
    expect(titles.length).toBeGreaterThan(1);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
  });

  test('users see an empty state they can leave', async ({ page }) => {
    await page.goto('/?q=zzzznothingmatches');

    await expect(page.getByText(/No plugins match/)).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(
      page.getByRole('region', { name: 'Results' }).getByRole('heading', { level: 3 }).first(),
    ).toBeVisible();
  });

  test('the catalog has no serious accessibility violations', async ({ page }) => {
    await page.goto('/');
    await expect(
      page.getByRole('region', { name: 'Results' }).getByRole('heading', { level: 3 }).first(),
    ).toBeVisible();

    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const serious = results.violations.filter((violation) =>
      ['serious', 'critical'].includes(violation.impact ?? ''),
    );
    expect(serious.map((violation) => violation.id)).toEqual([]);
  });
});
