import { Router, type RequestHandler } from 'express';
import {
  editReviewBodySchema,
  hideReviewBodySchema,
  moderationQuerySchema,
  reportReviewBodySchema,
  restoreReviewBodySchema,
  reviewListQuerySchema,
  submitReviewBodySchema,
  type SubmittedReview,
} from '../contract/reviews.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { auditContext, currentUser, requireRole } from '../http/auth.ts';
import { parseBody, parseQuery } from '../http/validate.ts';
import { getPluginRatings, listOwnReviews, listReviews } from './list.ts';
import { moderateReview, moderationQueue, reportReview } from './moderation.ts';
import { deleteReview, editReview, submitReview } from './write.ts';

export interface ReviewRouteDeps {
  context: DatabaseContext;
  /** Per-user limit on review submissions, edits, deletions and reports. */
  reviewWriteLimit: RequestHandler;
}

export function reviewRoutes({ context, reviewWriteLimit }: ReviewRouteDeps): Router {
  const router = Router();
  const reviewer = [requireRole('reviewer'), reviewWriteLimit];

  router.get('/plugins/:name/reviews', async (request, response) => {
    const query = parseQuery(request, reviewListQuerySchema);
    response.json(await listReviews(context, String(request.params.name), query, request.user));
  });

  router.get('/plugins/:name/ratings', async (request, response) => {
    response.json(await getPluginRatings(context, String(request.params.name)));
  });

  router.post('/plugins/:name/versions/:version/reviews', ...reviewer, async (request, response) => {
    const body = parseBody(request, submitReviewBodySchema);
    const target = { plugin: String(request.params.name), version: String(request.params.version) };

    const result: SubmittedReview = await submitReview(context, target, currentUser(request), body);

    response.status(result.created ? 201 : 200).json(result);
  });

  router.get('/account/reviews', requireRole('reviewer'), async (request, response) => {
    response.json({ items: await listOwnReviews(context, currentUser(request)) });
  });

  router.patch('/reviews/:id', ...reviewer, async (request, response) => {
    const body = parseBody(request, editReviewBodySchema);
    response.json(await editReview(context, String(request.params.id), currentUser(request), body));
  });

  router.delete('/reviews/:id', ...reviewer, async (request, response) => {
    await deleteReview(context, String(request.params.id), currentUser(request));
    response.status(204).end();
  });

  router.post('/reviews/:id/reports', ...reviewer, async (request, response) => {
    const body = parseBody(request, reportReviewBodySchema);
    await reportReview(context, String(request.params.id), currentUser(request), body.reason);
    response.status(201).json({ reported: true });
  });

  router.get('/moderation/reviews', requireRole('admin'), async (request, response) => {
    const query = parseQuery(request, moderationQuerySchema);
    response.json(await moderationQueue(context, query));
  });

  router.post('/reviews/:id/hide', requireRole('admin'), async (request, response) => {
    const body = parseBody(request, hideReviewBodySchema);
    response.json(
      await moderateReview(context, String(request.params.id), 'hide', body.reason, auditContext(request)),
    );
  });

  router.post('/reviews/:id/restore', requireRole('admin'), async (request, response) => {
    const body = parseBody(request, restoreReviewBodySchema);
    response.json(
      await moderateReview(context, String(request.params.id), 'restore', body.reason, auditContext(request)),
    );
  });

  router.post('/reviews/:id/dismiss-reports', requireRole('admin'), async (request, response) => {
    const body = parseBody(request, restoreReviewBodySchema);
    response.json(
      await moderateReview(
        context,
        String(request.params.id),
        'dismiss-reports',
        body.reason,
        auditContext(request),
      ),
    );
  });

  return router;
}
