import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogPage } from '../../src/contract/catalog.ts';
import type { Review, ReviewPage } from '../../src/contract/reviews.ts';
import type { TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';
import { newerVersion, olderVersion, reviewedPlugin, startReviewAssay } from './review-assay.ts';

const reviewsPath = (version: string) =>
  `/api/v1/plugins/${reviewedPlugin}/versions/${encodeURIComponent(version)}/reviews`;

describe.each(engineCases)('review listing on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let stop: () => Promise<void>;
  const sessions: TestSession[] = [];

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    ({ assay, stop } = await startReviewAssay(database));
    // Five users rate the newer version 1-5 stars in that order; the last also rates the older one.
    for (const stars of [1, 2, 3, 4, 5]) {
      const session = await createUserAndSignIn(assay, 'reviewer', { displayName: `Rater ${stars}` });
      await session.fetch(reviewsPath(newerVersion), { method: 'POST', body: JSON.stringify({ stars }) });
      sessions.push(session);
    }
    await sessions[4]!.fetch(reviewsPath(olderVersion), {
      method: 'POST',
      body: JSON.stringify({ stars: 2 }),
    });
  });

  afterAll(async () => {
    await stop?.();
    await database?.drop();
  });

  const list = async (query: string) =>
    (await (
      await fetch(`${assay.url}/api/v1/plugins/${reviewedPlugin}/reviews?${query}`)
    ).json()) as ReviewPage;

  it.each([
    ['newest', [2, 5, 4, 3, 2, 1]],
    ['highest', [5, 4, 3, 2, 2, 1]],
    ['lowest', [1, 2, 2, 3, 4, 5]],
  ])('sorts by %s', async (sort, expected) => {
    if (unavailable) return;
    const page = await list(`sort=${sort}`);

    expect(page.items.map((item) => item.stars)).toEqual(expected);
  });

  it.skipIf(unavailable)('paginates', async () => {
    const first = await list('sort=lowest&pageSize=4&page=1');
    const second = await list('sort=lowest&pageSize=4&page=2');

    expect(first.total).toBe(6);
    expect(first.items).toHaveLength(4);
    expect(second.items.map((item) => item.stars)).toEqual([4, 5]);
  });

  it.each([
    ['an unknown sort', 'sort=best', 'sort must be newest, highest or lowest'],
    ['a page size above the limit', 'pageSize=500', 'pageSize must be 1-50'],
    ['page zero', 'page=0', 'page must be 1 or more'],
  ])('rejects %s', async (_case, query, message) => {
    if (unavailable) return;
    const response = await fetch(`${assay.url}/api/v1/plugins/${reviewedPlugin}/reviews?${query}`);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
  });

  it.skipIf(unavailable)("summarises the plugin over each user's latest review", async () => {
    const page = await list('');

    // The five-star rater's latest review is the two-star one of the older version.
    expect(page.summary).toEqual({ average: 2.4, count: 5, distribution: [1, 2, 1, 1, 0] });
  });

  it.skipIf(unavailable)('summarises one version on its own', async () => {
    const page = await list(`version=${olderVersion}`);

    expect(page.summary).toEqual({ average: 2, count: 1, distribution: [0, 1, 0, 0, 0] });
    expect(page.items[0]?.isLatestVersion).toBe(false);
  });

  it.skipIf(unavailable)("returns the viewer's own review of a version", async () => {
    const response = await sessions[2]!.fetch(
      `/api/v1/plugins/${reviewedPlugin}/reviews?version=${newerVersion}`,
    );
    const page = (await response.json()) as ReviewPage;

    expect(page.mine?.stars).toBe(3);
    expect(page.mine?.mine).toBe(true);
  });

  it.skipIf(unavailable)('shows the version, digest state and author of each review', async () => {
    const page = await list(`version=${newerVersion}&sort=highest`);
    const top = page.items[0] as Review;

    expect(top.version).toBe(newerVersion);
    expect(top.isLatestVersion).toBe(true);
    expect(top.digestIsCurrent).toBe(true);
    expect(top.author.displayName).toBe('Rater 5');
    expect(top.editedAt).toBeNull();
  });

  it.skipIf(unavailable)('marks an edit as edited', async () => {
    const mine = (await (
      await sessions[0]!.fetch(`/api/v1/plugins/${reviewedPlugin}/reviews?version=${newerVersion}`)
    ).json()) as ReviewPage;

    const response = await sessions[0]!.fetch(`/api/v1/reviews/${mine.mine?.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ text: 'Better after the 0.2.0 fix.' }),
    });
    const edited = (await response.json()) as Review;

    expect(response.status).toBe(200);
    expect(edited.editedAt).not.toBeNull();
    expect(edited.stars).toBe(1);
  });

  it.skipIf(unavailable)('sorts the catalog by rating', async () => {
    const response = await fetch(`${assay.url}/api/v1/plugins?sort=rating`);
    const page = (await response.json()) as CatalogPage;

    expect(page.items[0]?.name).toBe(reviewedPlugin);
    expect(page.items[0]?.rating).toBe(2.4);
    expect(page.items[0]?.ratingCount).toBe(5);
  });

  it.skipIf(unavailable)('deletes an own review and updates the rating', async () => {
    const mine = (await (
      await sessions[1]!.fetch(`/api/v1/plugins/${reviewedPlugin}/reviews?version=${newerVersion}`)
    ).json()) as ReviewPage;

    const response = await sessions[1]!.fetch(`/api/v1/reviews/${mine.mine?.id}`, { method: 'DELETE' });
    const page = await list('');

    expect(response.status).toBe(204);
    expect(page.summary.count).toBe(4);
  });

  it.skipIf(unavailable)("removes a deleted user's reviews from the rating", async () => {
    const admin = await createUserAndSignIn(assay, 'admin');

    const response = await admin.fetch(`/api/v1/users/${sessions[3]!.user.id}`, { method: 'DELETE' });
    const page = await list('');

    expect(response.status).toBe(204);
    expect(page.summary.count).toBe(3);
    expect(page.items.some((item) => item.author.id === sessions[3]!.user.id)).toBe(false);
  });
});
