import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxReviewTextLength } from '../../src/contract/reviews.ts';
import type { TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, startVisitor, type TestSession } from '../support/session.ts';
import { newerVersion, reviewedPlugin, startReviewAssay } from './review-assay.ts';

const reviewsPath = (plugin: string, version: string) =>
  `/api/v1/plugins/${plugin}/versions/${encodeURIComponent(version)}/reviews`;

describe.each(engineCases)('review input checks on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let stop: () => Promise<void>;
  let reviewer: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    ({ assay, stop } = await startReviewAssay(database));
    reviewer = await createUserAndSignIn(assay, 'reviewer');
  });

  afterAll(async () => {
    await stop?.();
    await database?.drop();
  });

  const reviewCount = async () =>
    Number(
      (
        await assay.server.database.db
          .selectFrom('reviews')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow()
      ).count,
    );

  it.each([
    ['zero stars', { stars: 0 }, 400, 'stars must be a whole number 1-5'],
    ['six stars', { stars: 6 }, 400, 'stars must be a whole number 1-5'],
    ['fractional stars', { stars: 4.5 }, 400, 'stars must be a whole number 1-5'],
    ['stars as a string', { stars: '5' }, 400, 'stars must be a whole number 1-5'],
    ['missing stars', { text: 'Great' }, 400, 'stars must be a whole number 1-5'],
    ['empty text', { stars: 3, text: '' }, 400, 'text must not be empty'],
    ['whitespace text', { stars: 3, text: ' \n\t ' }, 400, 'text must not be empty'],
    ['zero width text', { stars: 3, text: '\u200b\u200b' }, 400, 'text must contain at least one letter'],
    [
      'an unterminated right-to-left override',
      { stars: 3, text: 'Fast \u202eon large images' },
      400,
      'text has a U+202E RIGHT-TO-LEFT OVERRIDE on line 1 that is not closed',
    ],
    ['a control character', { stars: 3, text: 'red\u001b[0m' }, 400, 'text must not contain U+001B'],
    [
      'oversized text',
      { stars: 3, text: 'x'.repeat(maxReviewTextLength + 1) },
      400,
      `at most ${maxReviewTextLength}`,
    ],
    ['text as a number', { stars: 3, text: 42 }, 400, 'text must be a string'],
    ['an unknown field', { stars: 3, hidden: false }, 400, 'hidden'],
  ])('rejects %s', async (_case, body, status, message) => {
    if (unavailable) return;
    const before = await reviewCount();

    const response = await reviewer.fetch(reviewsPath(reviewedPlugin, newerVersion), {
      method: 'POST',
      body: JSON.stringify(body),
    });
    const error = (await response.json()) as { error: { code: string; message: string } };

    expect(response.status).toBe(status);
    expect(error.error.message).toContain(message);
    expect(await reviewCount()).toBe(before);
  });

  it.each([
    ['a missing version', reviewedPlugin, '9.9.9', 'has no version "9.9.9"'],
    ['a missing plugin', 'no-such-plugin', '1.0.0', 'No plugin named "no-such-plugin"'],
  ])('answers 404 for %s', async (_case, plugin, version, message) => {
    if (unavailable) return;
    const before = await reviewCount();

    const response = await reviewer.fetch(reviewsPath(plugin, version), {
      method: 'POST',
      body: JSON.stringify({ stars: 5 }),
    });

    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    expect(await reviewCount()).toBe(before);
  });

  it.skipIf(unavailable)('rejects a body that is not JSON', async () => {
    const response = await reviewer.fetch(reviewsPath(reviewedPlugin, newerVersion), {
      method: 'POST',
      body: '{"stars": 5',
    });

    expect(response.status).toBe(400);
  });

  it.skipIf(unavailable)('answers 401 to a visitor and writes nothing', async () => {
    const visitor = await startVisitor(assay);
    const before = await reviewCount();

    const response = await fetch(`${assay.url}${reviewsPath(reviewedPlugin, newerVersion)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': visitor.csrfToken,
        cookie: visitor.jar.header(),
      },
      body: JSON.stringify({ stars: 5 }),
    });

    expect(response.status).toBe(401);
    expect(await reviewCount()).toBe(before);
  });

  it.skipIf(unavailable)('stores HTML and script text as given', async () => {
    const text = '<script>alert(1)</script><img src=x onerror=alert(2)> **bold**';

    const response = await reviewer.fetch(reviewsPath(reviewedPlugin, newerVersion), {
      method: 'POST',
      body: JSON.stringify({ stars: 3, text }),
    });
    const body = (await response.json()) as { review: { text: string } };

    expect(response.status).toBe(201);
    expect(body.review.text).toBe(text);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it.skipIf(unavailable)("forbids editing someone else's review", async () => {
    const author = await createUserAndSignIn(assay, 'reviewer');
    const created = await author.fetch(reviewsPath(reviewedPlugin, newerVersion), {
      method: 'POST',
      body: JSON.stringify({ stars: 4 }),
    });
    const { review } = (await created.json()) as { review: { id: string } };

    const edit = await reviewer.fetch(`/api/v1/reviews/${review.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ stars: 1 }),
    });
    const removal = await reviewer.fetch(`/api/v1/reviews/${review.id}`, { method: 'DELETE' });

    expect(edit.status).toBe(403);
    expect(removal.status).toBe(403);
  });
});
