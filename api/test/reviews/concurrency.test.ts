import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginRatings, ReviewPage } from '../../src/contract/reviews.ts';
import type { TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn } from '../support/session.ts';
import { newerVersion, olderVersion, reviewedPlugin, startReviewAssay } from './review-assay.ts';

const reviewsPath = (version: string) =>
  `/api/v1/plugins/${reviewedPlugin}/versions/${encodeURIComponent(version)}/reviews`;

describe.each(engineCases)('concurrent reviews on $engine', ({ create, unavailable }) => {
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

  it.skipIf(unavailable)('keeps one review for many parallel submissions of one user', async () => {
    const session = await createUserAndSignIn(assay, 'reviewer');

    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        session.fetch(reviewsPath(olderVersion), {
          method: 'POST',
          body: JSON.stringify({ stars: (index % 5) + 1, text: `attempt ${index}` }),
        }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    const rows = await assay.server.database.db
      .selectFrom('reviews')
      .select(['stars', 'body'])
      .where('user_id', '=', session.user.id)
      .execute();
    const ratings = (await (
      await session.fetch(`/api/v1/plugins/${reviewedPlugin}/ratings`)
    ).json()) as PluginRatings;
    const version = ratings.versions.find((entry) => entry.version === olderVersion);

    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(23);
    expect(rows).toHaveLength(1);
    expect(version?.summary.count).toBe(1);
    expect(version?.summary.average).toBe(rows[0]?.stars);
  });

  it.skipIf(unavailable)('keeps exact aggregates for many users in parallel', async () => {
    const sessions = await Promise.all(
      Array.from({ length: 15 }, () => createUserAndSignIn(assay, 'reviewer')),
    );
    const stars = sessions.map((_, index) => (index % 5) + 1);

    await Promise.all(
      sessions.flatMap((session, index) => [
        session.fetch(reviewsPath(newerVersion), {
          method: 'POST',
          body: JSON.stringify({ stars: stars[index] }),
        }),
        session.fetch(reviewsPath(newerVersion), {
          method: 'POST',
          body: JSON.stringify({ stars: stars[index] }),
        }),
      ]),
    );
    const ratings = (await (
      await sessions[0]!.fetch(`/api/v1/plugins/${reviewedPlugin}/ratings`)
    ).json()) as PluginRatings;
    const page = (await (
      await sessions[0]!.fetch(
        `/api/v1/plugins/${reviewedPlugin}/reviews?version=${newerVersion}&pageSize=50`,
      )
    ).json()) as ReviewPage;
    const version = ratings.versions.find((entry) => entry.version === newerVersion);

    expect(version?.summary).toEqual({ average: 3, count: 15, distribution: [3, 3, 3, 3, 3] });
    expect(page.total).toBe(15);
    // The user from the first test reviewed only the older version, so the plugin counts 16 people.
    expect(ratings.plugin.count).toBe(16);
  });
});
