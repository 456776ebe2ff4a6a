import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginRatings, ReviewPage, SubmittedReview } from '../../src/contract/reviews.ts';
import type { TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn } from '../support/session.ts';
import { newerVersion, olderVersion, reviewedPlugin, startReviewAssay } from './review-assay.ts';

const reviewsPath = (version: string) =>
  `/api/v1/plugins/${reviewedPlugin}/versions/${encodeURIComponent(version)}/reviews`;

describe.each(engineCases)('review flow on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    ({ assay, stop } = await startReviewAssay(database));
  });

  afterAll(async () => {
    await stop?.();
    await database?.drop();
  });

  it.skipIf(unavailable)('creates then edits one review per version', async () => {
    const session = await createUserAndSignIn(assay, 'reviewer');

    const first = await session.fetch(reviewsPath(newerVersion), {
      method: 'POST',
      body: JSON.stringify({ stars: 4, text: 'Works on **large** plates.' }),
    });
    const second = await session.fetch(reviewsPath(newerVersion), {
      method: 'POST',
      body: JSON.stringify({ stars: 2 }),
    });
    const firstBody = (await first.json()) as SubmittedReview;
    const secondBody = (await second.json()) as SubmittedReview;

    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(secondBody.review.id).toBe(firstBody.review.id);
    expect(secondBody.review.stars).toBe(2);
    expect(secondBody.review.editedAt).not.toBeNull();
    expect(secondBody.review.isLatestVersion).toBe(true);
  });

  it.skipIf(unavailable)('counts each user once in the plugin rating', async () => {
    const session = await createUserAndSignIn(assay, 'reviewer');

    await session.fetch(reviewsPath(olderVersion), { method: 'POST', body: JSON.stringify({ stars: 1 }) });
    await session.fetch(reviewsPath(newerVersion), { method: 'POST', body: JSON.stringify({ stars: 5 }) });
    const ratings = (await (
      await session.fetch(`/api/v1/plugins/${reviewedPlugin}/ratings`)
    ).json()) as PluginRatings;
    const page = (await (
      await session.fetch(`/api/v1/plugins/${reviewedPlugin}/reviews`)
    ).json()) as ReviewPage;

    expect(ratings.plugin.count).toBe(2);
    expect(ratings.versions.find((entry) => entry.version === olderVersion)?.summary.count).toBe(1);
    expect(page.total).toBe(3);
  });
});
