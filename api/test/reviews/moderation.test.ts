import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModerationPage, PluginRatings, Review, ReviewPage } from '../../src/contract/reviews.ts';
import type { TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';
import { olderVersion, reviewedPlugin, startReviewAssay } from './review-assay.ts';

const reviewsPath = `/api/v1/plugins/${reviewedPlugin}/versions/${olderVersion}/reviews`;

describe.each(engineCases)('review moderation on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let stop: () => Promise<void>;
  let admin: TestSession;
  let author: TestSession;
  let reporter: TestSession;
  let review: Review;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    ({ assay, stop } = await startReviewAssay(database));
    admin = await createUserAndSignIn(assay, 'admin');
    author = await createUserAndSignIn(assay, 'reviewer');
    reporter = await createUserAndSignIn(assay, 'reviewer');
    const created = await author.fetch(reviewsPath, {
      method: 'POST',
      body: JSON.stringify({ stars: 5, text: 'Buy followers at example.com' }),
    });
    review = ((await created.json()) as { review: Review }).review;
  });

  afterAll(async () => {
    await stop?.();
    await database?.drop();
  });

  const audit = (action: string) =>
    assay.server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', action)
      .where('target_id', '=', review.id)
      .execute();

  const visibleTo = async (session: TestSession) => {
    const page = (await (
      await session.fetch(`/api/v1/plugins/${reviewedPlugin}/reviews`)
    ).json()) as ReviewPage;
    return page.items.find((item) => item.id === review.id);
  };

  it.skipIf(unavailable)('queues a reported review for admins', async () => {
    const report = await reporter.fetch(`/api/v1/reviews/${review.id}/reports`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'spam link' }),
    });
    const queue = (await (await admin.fetch('/api/v1/moderation/reviews')).json()) as ModerationPage;

    expect(report.status).toBe(201);
    expect(queue.items[0]?.review.id).toBe(review.id);
    expect(queue.items[0]?.openReportCount).toBe(1);
    expect(queue.items[0]?.reports[0]?.reason).toBe('spam link');
  });

  it.skipIf(unavailable)('refuses a report of your own review', async () => {
    const response = await author.fetch(`/api/v1/reviews/${review.id}/reports`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'testing' }),
    });

    expect(response.status).toBe(409);
  });

  it.skipIf(unavailable)('rejects hiding without a reason', async () => {
    const response = await admin.fetch(`/api/v1/reviews/${review.id}/hide`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(400);
    expect(await audit('review.hide')).toEqual([]);
  });

  it.skipIf(unavailable)('hides a review from others and shows its author the reason', async () => {
    const response = await admin.fetch(`/api/v1/reviews/${review.id}/hide`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Advertising is not a review.' }),
    });
    const forReporter = await visibleTo(reporter);
    const forAuthor = await visibleTo(author);
    const own = (await (await author.fetch('/api/v1/account/reviews')).json()) as { items: Review[] };
    const ratings = (await (
      await admin.fetch(`/api/v1/plugins/${reviewedPlugin}/ratings`)
    ).json()) as PluginRatings;
    const queue = (await (await admin.fetch('/api/v1/moderation/reviews')).json()) as ModerationPage;
    const hiddenQueue = (await (
      await admin.fetch('/api/v1/moderation/reviews?status=hidden')
    ).json()) as ModerationPage;
    const events = await audit('review.hide');

    expect(response.status).toBe(200);
    expect(forReporter).toBeUndefined();
    expect(forAuthor?.hidden?.reason).toBe('Advertising is not a review.');
    expect(own.items[0]?.hidden?.reason).toBe('Advertising is not a review.');
    expect(ratings.plugin.count).toBe(0);
    expect(queue.total).toBe(0);
    expect(hiddenQueue.items[0]?.hiddenBy).toBe(admin.user.username);
    expect(events).toHaveLength(1);
    expect(events[0]?.reason).toBe('Advertising is not a review.');
    expect(events[0]?.actor_id).toBe(admin.user.id);
  });

  it.skipIf(unavailable)('restores a hidden review and audits it', async () => {
    const response = await admin.fetch(`/api/v1/reviews/${review.id}/restore`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Appeal accepted.' }),
    });
    const forReporter = await visibleTo(reporter);
    const ratings = (await (
      await admin.fetch(`/api/v1/plugins/${reviewedPlugin}/ratings`)
    ).json()) as PluginRatings;

    expect(response.status).toBe(200);
    expect(forReporter?.hidden).toBeNull();
    expect(ratings.plugin.count).toBe(1);
    expect(await audit('review.restore')).toHaveLength(1);
  });

  it.skipIf(unavailable)('dismisses reports without hiding and audits it', async () => {
    await reporter.fetch(`/api/v1/reviews/${review.id}/reports`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'again' }),
    });

    const response = await admin.fetch(`/api/v1/reviews/${review.id}/dismiss-reports`, {
      method: 'POST',
      body: '{}',
    });
    const queue = (await (await admin.fetch('/api/v1/moderation/reviews')).json()) as ModerationPage;

    expect(response.status).toBe(200);
    expect(queue.total).toBe(0);
    expect(await audit('review.dismiss-reports')).toHaveLength(1);
  });

  it.skipIf(unavailable)('forbids moderation by a reviewer', async () => {
    const response = await reporter.fetch(`/api/v1/reviews/${review.id}/hide`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'I do not like it' }),
    });

    expect(response.status).toBe(403);
  });
});
