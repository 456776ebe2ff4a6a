import type { Kysely } from 'kysely';
import type { RatingSummary } from '../contract/reviews.ts';
import type { Database } from '../db/schema.ts';

interface Tally {
  count: number;
  sum: number;
  distribution: number[];
}

function tally(stars: Iterable<number>): Tally {
  const distribution = [0, 0, 0, 0, 0];
  let count = 0;
  let sum = 0;
  for (const value of stars) {
    distribution[value - 1]! += 1;
    count += 1;
    sum += value;
  }
  return { count, sum, distribution };
}

/** The API's view of stored aggregate columns. */
export function ratingSummaryOf(count: number, sum: number, distribution: string): RatingSummary {
  const parsed = JSON.parse(distribution) as number[];
  return {
    average: count > 0 ? Math.round((sum / count) * 100) / 100 : null,
    count: Number(count),
    distribution: parsed.length === 5 ? parsed : [0, 0, 0, 0, 0],
  };
}

export const emptyRating: RatingSummary = { average: null, count: 0, distribution: [0, 0, 0, 0, 0] };

/**
 * Recomputes the plugin's rating and each listed version's rating from the reviews table. Call it in
 * the transaction that changed the reviews, after locking the plugin (see `lockPlugin`), so concurrent
 * writers cannot each compute from a state without the other's change.
 */
export async function refreshRatings(
  trx: Kysely<Database>,
  pluginId: string,
  versionIds: readonly string[],
): Promise<void> {
  const visible = await trx
    .selectFrom('reviews')
    .select(['id', 'user_id', 'version_id', 'stars', 'updated_at'])
    .where('plugin_id', '=', pluginId)
    .where('hidden_at', 'is', null)
    .execute();

  // The plugin counts each user once, with the review they wrote or edited last, so reviewing every
  // version of a plugin does not multiply one person's weight.
  const latestByUser = new Map<string, (typeof visible)[number]>();
  for (const review of visible) {
    const current = latestByUser.get(review.user_id);
    const newer =
      !current ||
      review.updated_at > current.updated_at ||
      (review.updated_at === current.updated_at && review.id > current.id);
    if (newer) latestByUser.set(review.user_id, review);
  }
  const plugin = tally([...latestByUser.values()].map((review) => Number(review.stars)));
  await trx
    .updateTable('plugins')
    .set({
      rating_count: plugin.count,
      rating_sum: plugin.sum,
      rating_distribution: JSON.stringify(plugin.distribution),
    })
    .where('id', '=', pluginId)
    .execute();

  for (const versionId of new Set(versionIds)) {
    const version = tally(
      visible.filter((review) => review.version_id === versionId).map((review) => Number(review.stars)),
    );
    const row = {
      rating_count: version.count,
      rating_sum: version.sum,
      rating_distribution: JSON.stringify(version.distribution),
    };
    await trx
      .insertInto('version_ratings')
      .values({ version_id: versionId, plugin_id: pluginId, ...row })
      .onConflict((conflict) => conflict.column('version_id').doUpdateSet(row))
      .execute();
  }
}
