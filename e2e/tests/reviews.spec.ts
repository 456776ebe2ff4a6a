import { expect, test, type Page } from '@playwright/test';
import { apiSignIn, e2eAccounts } from '../support/accounts.ts';

async function signInThroughPage(
  page: Page,
  account: { username: string; password: string },
  returnTo: string,
) {
  await page.goto(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${returnTo}$`));
}

test.describe('reviews', () => {
  test('a reviewer rates and reviews a version, edits it and sees the average change', async ({ page }) => {
    await signInThroughPage(page, e2eAccounts.reviewer, '/plugins/hdbscan-clustering');
    const reviews = page.getByRole('region', { name: 'Reviews' });
    await expect(page.getByRole('banner').getByText('Rey Reviewer')).toBeVisible();

    await reviews.getByRole('radio', { name: '5 stars: excellent' }).check();
    await reviews.getByLabel('Review (optional)').fill('Clusters **single-cell** features well.');
    await reviews.getByRole('button', { name: 'Publish review' }).click();

    await expect(reviews.getByText('Your review is published.')).toBeVisible();
    const versionSummary = reviews.getByRole('heading', { name: /^Version / }).locator('..');
    await expect(versionSummary.getByText('5.0')).toBeVisible();
    const review = reviews.getByRole('article', { name: 'Review by Rey Reviewer' });
    await expect(review.getByText('single-cell')).toHaveCSS('font-weight', '700');
    await expect(review.getByText('newest version')).toBeVisible();

    // Keyboard only: the star radios move with the arrow keys.
    await reviews.getByRole('radio', { name: '5 stars: excellent' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(reviews.getByRole('radio', { name: '3 stars: good' })).toBeChecked();
    await reviews.getByRole('button', { name: 'Update review' }).click();

    await expect(reviews.getByText('Your review is updated.')).toBeVisible();
    await expect(versionSummary.getByText('3.0')).toBeVisible();
    await expect(review.getByText(/\(edited/)).toBeVisible();
    await expect(review.getByRole('img', { name: '3 out of 5 stars' })).toBeVisible();
  });

  test('an admin hides a review with a reason that its author sees', async ({ page, browser, baseURL }) => {
    const author = await apiSignIn(baseURL!, e2eAccounts.reviewer.username, e2eAccounts.reviewer.password);
    const posted = await author.send('POST', '/plugins/k-means-clustering/versions/0.2.29/reviews', {
      stars: 1,
      text: 'Visit my shop for cheap licences.',
    });
    const reviewId = (posted.body as { review: { id: string } }).review.id;
    const reporter = await apiSignIn(baseURL!, e2eAccounts.reporter.username, e2eAccounts.reporter.password);
    expect(
      (await reporter.send('POST', `/reviews/${reviewId}/reports`, { reason: 'Advertising' })).status,
    ).toBe(201);

    await signInThroughPage(page, e2eAccounts.admin, '/admin/reviews');
    const queue = page.getByRole('region', { name: 'Reported reviews' });
    await expect(queue.getByText('Visit my shop for cheap licences.')).toBeVisible();
    await expect(queue.getByText('Advertising')).toBeVisible();
    await queue
      .getByLabel('Reason for hiding the review by Rey Reviewer (shown to its author)')
      .fill('Advertising is not a review.');
    await queue.getByRole('button', { name: 'Hide review' }).click();
    await expect(queue.getByText('No open reports.')).toBeVisible();

    const visitor = await browser.newPage();
    await visitor.goto('/plugins/k-means-clustering/versions/0.2.29');
    await expect(visitor.getByRole('region', { name: 'Reviews' }).getByText('No reviews yet.')).toBeVisible();
    await visitor.close();

    const authorPage = await browser.newPage();
    await signInThroughPage(authorPage, e2eAccounts.reviewer, '/plugins/k-means-clustering/versions/0.2.29');
    const hidden = authorPage
      .getByRole('region', { name: 'Reviews' })
      .getByRole('article', { name: 'Review by Rey Reviewer' });
    await expect(hidden.getByText('Hidden by an admin; only you can see this review')).toBeVisible();
    await expect(hidden.getByText('Reason: Advertising is not a review.')).toBeVisible();
    await authorPage.close();
    await author.dispose();
    await reporter.dispose();
  });

  test('a visitor cannot post a review', async ({ page, request }) => {
    await page.goto('/plugins/montage');
    const reviews = page.getByRole('region', { name: 'Reviews' });

    await expect(reviews.getByText('to rate and review this version.')).toBeVisible();
    await expect(reviews.getByRole('button', { name: 'Publish review' })).toHaveCount(0);
    const state = (await (await request.get('/api/v1/session')).json()) as { csrfToken: string };
    const response = await request.post('/api/v1/plugins/montage/versions/0.5.2/reviews', {
      headers: { 'x-csrf-token': state.csrfToken },
      data: { stars: 5 },
    });
    expect(response.status()).toBe(401);
  });
});
