import { z } from 'zod';
import { freeTextProblem } from './user-text.ts';

export const maxReviewTextLength = 5000;
export const maxReasonLength = 500;
export const maxReviewPageSize = 50;

export const starsSchema = z
  .number({ error: 'stars must be a whole number 1-5' })
  .int('stars must be a whole number 1-5')
  .min(1, 'stars must be a whole number 1-5')
  .max(5, 'stars must be a whole number 1-5');

/** Markdown (a safe subset is rendered); stored as typed, so HTML in it shows as text. */
export const reviewTextSchema = z
  .string({ error: 'text must be a string' })
  .max(maxReviewTextLength, `text must be at most ${maxReviewTextLength} characters`)
  .superRefine((text, context) => {
    if (text.trim() === '') {
      context.addIssue({
        code: 'custom',
        message: 'text must not be empty; leave it out to rate without text',
      });
      return;
    }
    const problem = freeTextProblem(text);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: `text ${problem}` });
  });

export const submitReviewBodySchema = z.strictObject({
  stars: starsSchema,
  /** Omit or send null to rate without text. */
  text: reviewTextSchema.nullable().optional(),
});
export type SubmitReviewBody = z.infer<typeof submitReviewBodySchema>;

export const editReviewBodySchema = z
  .strictObject({ stars: starsSchema.optional(), text: reviewTextSchema.nullable().optional() })
  .refine((body) => body.stars !== undefined || body.text !== undefined, 'give stars, text or both');
export type EditReviewBody = z.infer<typeof editReviewBodySchema>;

const reasonSchema = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(maxReasonLength, `${field} must be at most ${maxReasonLength} characters`)
    .superRefine((value, context) => {
      const problem = value === '' ? undefined : freeTextProblem(value);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: `${field} ${problem}` });
    });

export const reportReviewBodySchema = z.strictObject({ reason: reasonSchema('reason') });
export const hideReviewBodySchema = z.strictObject({ reason: reasonSchema('reason') });
export const restoreReviewBodySchema = z.strictObject({ reason: reasonSchema('reason').optional() });

/** Star counts and average; `distribution[0]` counts one-star reviews, `distribution[4]` five-star ones. */
export const ratingSummarySchema = z.object({
  average: z.number().nullable(),
  count: z.number().int(),
  distribution: z.array(z.number().int()).length(5),
});
export type RatingSummary = z.infer<typeof ratingSummarySchema>;

export const reviewSchema = z.object({
  id: z.string(),
  plugin: z.string(),
  version: z.string(),
  /** The image digest the version had when the review was last written. */
  digest: z.string().nullable(),
  /** False when the version's image now resolves to another digest (the tag moved since). */
  digestIsCurrent: z.boolean(),
  isLatestVersion: z.boolean(),
  author: z.object({ id: z.string(), displayName: z.string() }),
  stars: z.number().int(),
  text: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  editedAt: z.string().nullable(),
  /** True when the signed-in user wrote it. */
  mine: z.boolean(),
  /** Present for hidden reviews, which only their author and admins see. */
  hidden: z.object({ reason: z.string(), hiddenAt: z.string() }).nullable(),
});
export type Review = z.infer<typeof reviewSchema>;

export const reviewSortSchema = z.enum(['newest', 'highest', 'lowest'], {
  error: 'sort must be newest, highest or lowest',
});
export type ReviewSort = z.infer<typeof reviewSortSchema>;

/** Query of `GET /plugins/{name}/reviews`. */
export const reviewListQuerySchema = z.object({
  version: z.string().max(200).optional(),
  sort: reviewSortSchema.optional(),
  page: z.coerce
    .number({ error: 'page must be a whole number' })
    .int('page must be a whole number')
    .min(1, 'page must be 1 or more')
    .max(10_000, 'page must be at most 10000')
    .optional(),
  pageSize: z.coerce
    .number({ error: `pageSize must be 1-${maxReviewPageSize}` })
    .int(`pageSize must be 1-${maxReviewPageSize}`)
    .min(1, `pageSize must be 1-${maxReviewPageSize}`)
    .max(maxReviewPageSize, `pageSize must be 1-${maxReviewPageSize}`)
    .optional(),
});
export type ReviewListQuery = z.infer<typeof reviewListQuerySchema>;

export const reviewPageSchema = z.object({
  items: z.array(reviewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  sort: reviewSortSchema,
  /** The plugin's rating (each user's latest review), or the version's own when `version` was given. */
  summary: ratingSummarySchema,
  /** The signed-in user's review of `version`, hidden or not; null when there is none or no version was given. */
  mine: reviewSchema.nullable(),
});
export type ReviewPage = z.infer<typeof reviewPageSchema>;

export const pluginRatingsSchema = z.object({
  plugin: ratingSummarySchema,
  /** Newest version first. */
  versions: z.array(z.object({ version: z.string(), isLatest: z.boolean(), summary: ratingSummarySchema })),
});
export type PluginRatings = z.infer<typeof pluginRatingsSchema>;

export const submittedReviewSchema = z.object({
  review: reviewSchema,
  /** False when the submission edited the user's existing review of this version. */
  created: z.boolean(),
});
export type SubmittedReview = z.infer<typeof submittedReviewSchema>;

export const moderationStatusSchema = z.enum(['reported', 'hidden'], {
  error: 'status must be reported or hidden',
});

export const moderationQuerySchema = z.object({
  status: moderationStatusSchema.optional(),
  page: reviewListQuerySchema.shape.page,
  pageSize: reviewListQuerySchema.shape.pageSize,
});

export const reviewReportSchema = z.object({
  id: z.string(),
  reporter: z.object({ id: z.string(), displayName: z.string() }),
  reason: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type ReviewReport = z.infer<typeof reviewReportSchema>;

export const moderationItemSchema = z.object({
  review: reviewSchema,
  hiddenBy: z.string().nullable(),
  openReportCount: z.number().int(),
  reports: z.array(reviewReportSchema),
});
export type ModerationItem = z.infer<typeof moderationItemSchema>;

export const moderationPageSchema = z.object({
  items: z.array(moderationItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ModerationPage = z.infer<typeof moderationPageSchema>;

export const myReviewsSchema = z.object({ items: z.array(reviewSchema) });
