import { z } from 'zod';
import * as contract from '../contract/index.ts';
import type { OperationMap } from '../http/openapi.ts';

function pathParameter(name: string, description: string) {
  return { name, in: 'path' as const, required: true, schema: { type: 'string' }, description };
}

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query' as const,
    schema: z.toJSONSchema(field as z.ZodType, { io: 'output', unrepresentable: 'any' }),
  }));
}

const pluginName = pathParameter('name', 'Plugin identity (normalised manifest name).');
const pluginVersion = pathParameter('version', 'Plugin version as written in the manifest, URL-encoded.');
const reviewId = pathParameter('id', 'Review id.');

export const reviewOperations: OperationMap = {
  '/plugins/{name}/reviews': {
    get: {
      summary:
        "A page of the plugin's (or one version's) reviews with the rating summary; hidden ones only for their author.",
      role: 'visitor',
      parameters: [pluginName, ...queryParameters(contract.reviewListQuerySchema)],
      response: contract.reviewPageSchema,
      errors: [400, 404],
    },
  },
  '/plugins/{name}/ratings': {
    get: {
      summary: "The plugin's rating over each user's latest review, and each version's own rating.",
      role: 'visitor',
      parameters: [pluginName],
      response: contract.pluginRatingsSchema,
      errors: [404],
    },
  },
  '/plugins/{name}/versions/{version}/reviews': {
    post: {
      summary: 'Rate and review a version; a second submission edits your review (201 created, 200 edited).',
      role: 'reviewer',
      parameters: [pluginName, pluginVersion],
      body: contract.submitReviewBodySchema,
      response: contract.submittedReviewSchema,
      errors: [400, 401, 403, 404, 429],
    },
  },
  '/account/reviews': {
    get: {
      summary: 'Your reviews, hidden ones included with the reason.',
      role: 'reviewer',
      response: contract.myReviewsSchema,
      errors: [401],
    },
  },
  '/reviews/{id}': {
    patch: {
      summary: 'Edit your review; it is marked as edited.',
      role: 'reviewer',
      parameters: [reviewId],
      body: contract.editReviewBodySchema,
      response: contract.reviewSchema,
      errors: [400, 401, 403, 404, 429],
    },
    delete: {
      summary: 'Delete your review.',
      role: 'reviewer',
      parameters: [reviewId],
      response: { contentType: 'text/plain', description: 'Deleted (204, no body).' },
      errors: [401, 403, 404, 429],
    },
  },
  '/reviews/{id}/reports': {
    post: {
      summary: "Report someone else's review with a reason.",
      role: 'reviewer',
      parameters: [reviewId],
      body: contract.reportReviewBodySchema,
      response: z.object({ reported: z.literal(true) }),
      errors: [400, 401, 404, 409, 429],
    },
  },
  '/moderation/reviews': {
    get: {
      summary: 'The moderation queue: reported reviews (default) or hidden ones, with their reports.',
      role: 'admin',
      parameters: queryParameters(contract.moderationQuerySchema),
      response: contract.moderationPageSchema,
      errors: [400, 401, 403],
    },
  },
  '/reviews/{id}/hide': {
    post: {
      summary: 'Hide a review with a reason its author sees; resolves its open reports (audited).',
      role: 'admin',
      parameters: [reviewId],
      body: contract.hideReviewBodySchema,
      response: contract.reviewSchema,
      errors: [400, 401, 403, 404, 409],
    },
  },
  '/reviews/{id}/restore': {
    post: {
      summary: 'Show a hidden review again (audited).',
      role: 'admin',
      parameters: [reviewId],
      body: contract.restoreReviewBodySchema,
      response: contract.reviewSchema,
      errors: [400, 401, 403, 404, 409],
    },
  },
  '/reviews/{id}/dismiss-reports': {
    post: {
      summary: "Resolve a review's open reports without hiding it (audited).",
      role: 'admin',
      parameters: [reviewId],
      body: contract.restoreReviewBodySchema,
      response: contract.reviewSchema,
      errors: [400, 401, 403, 404],
    },
  },
};
