import type { PluginRatings, Review, ReviewListQuery, ReviewPage } from '../contract/reviews.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { SessionUser } from '../http/auth.ts';
import { AppError } from '../http/errors.ts';
import { emptyRating, ratingSummaryOf } from './ratings.ts';
import { selectReviewRows, toReview } from './review-view.ts';

const defaultPageSize = 10;

async function findPlugin({ db }: DatabaseContext, name: string) {
  const plugin = await db
    .selectFrom('plugins')
    .select(['id', 'rating_count', 'rating_sum', 'rating_distribution'])
    .where('id', '=', name)
    .executeTakeFirst();
  if (!plugin) throw new AppError('not-found', `No plugin named "${name}".`);
  return plugin;
}

async function findVersionId({ db }: DatabaseContext, plugin: string, version: string): Promise<string> {
  const row = await db
    .selectFrom('plugin_versions')
    .select('id')
    .where('plugin_id', '=', plugin)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new AppError('not-found', `Plugin "${plugin}" has no version "${version}".`);
  return row.id;
}

async function versionRating({ db }: DatabaseContext, versionId: string) {
  const row = await db
    .selectFrom('version_ratings')
    .selectAll()
    .where('version_id', '=', versionId)
    .executeTakeFirst();
  return row ? ratingSummaryOf(row.rating_count, row.rating_sum, row.rating_distribution) : emptyRating;
}

/**
 * Returns one page of a plugin's reviews (or one version's), sorted, with the matching rating summary. Hidden
 * reviews appear only to their author, with the reason.
 */
export async function listReviews(
  context: DatabaseContext,
  pluginName: string,
  query: ReviewListQuery,
  viewer: SessionUser | undefined,
): Promise<ReviewPage> {
  const plugin = await findPlugin(context, pluginName);
  const versionId =
    query.version === undefined ? undefined : await findVersionId(context, plugin.id, query.version);
  const sort = query.sort ?? 'newest';
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? defaultPageSize;

  let listing = selectReviewRows(context.db)
    .where('r.plugin_id', '=', plugin.id)
    .where((eb) =>
      viewer
        ? eb.or([eb('r.hidden_at', 'is', null), eb('r.user_id', '=', viewer.id)])
        : eb('r.hidden_at', 'is', null),
    );
  if (versionId) listing = listing.where('r.version_id', '=', versionId);
  if (sort === 'highest') listing = listing.orderBy('r.stars', 'desc');
  if (sort === 'lowest') listing = listing.orderBy('r.stars', 'asc');
  listing = listing.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc');

  const [rows, total, summary, mine] = await Promise.all([
    listing
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    listing
      .clearSelect()
      .clearOrderBy()
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
    versionId
      ? versionRating(context, versionId)
      : Promise.resolve(ratingSummaryOf(plugin.rating_count, plugin.rating_sum, plugin.rating_distribution)),
    viewer && versionId
      ? selectReviewRows(context.db)
          .where('r.user_id', '=', viewer.id)
          .where('r.version_id', '=', versionId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);

  return {
    items: rows.map((row) => toReview(row, viewer)),
    total: Number(total.count),
    page,
    pageSize,
    sort,
    summary,
    mine: mine ? toReview(mine, viewer) : null,
  };
}

/** The plugin's rating and each version's, newest version first. */
export async function getPluginRatings(context: DatabaseContext, pluginName: string): Promise<PluginRatings> {
  const plugin = await findPlugin(context, pluginName);
  const latest = await context.db
    .selectFrom('plugins')
    .select('latest_version_id')
    .where('id', '=', plugin.id)
    .executeTakeFirstOrThrow();
  const versions = await context.db
    .selectFrom('plugin_versions as v')
    .leftJoin('version_ratings as vr', 'vr.version_id', 'v.id')
    .select(['v.id', 'v.version', 'vr.rating_count', 'vr.rating_sum', 'vr.rating_distribution'])
    .where('v.plugin_id', '=', plugin.id)
    .orderBy('v.sort_key', 'desc')
    .orderBy('v.created_at', 'desc')
    .execute();
  return {
    plugin: ratingSummaryOf(plugin.rating_count, plugin.rating_sum, plugin.rating_distribution),
    versions: versions.map((version) => ({
      version: version.version,
      isLatest: version.id === latest.latest_version_id,
      summary:
        version.rating_count === null
          ? emptyRating
          : ratingSummaryOf(
              version.rating_count,
              version.rating_sum ?? 0,
              version.rating_distribution ?? '[]',
            ),
    })),
  };
}

/** Lists every review the user wrote, hidden ones included with their reason, newest first. */
export async function listOwnReviews(context: DatabaseContext, user: SessionUser): Promise<Review[]> {
  const rows = await selectReviewRows(context.db)
    .where('r.user_id', '=', user.id)
    .orderBy('r.updated_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((row) => toReview(row, user));
}
