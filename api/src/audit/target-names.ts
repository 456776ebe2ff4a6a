import type { Kysely } from 'kysely';
import type { AuditEvent } from '../contract/audit.ts';
import type { Database } from '../db/schema.ts';

/** Target ids of one type, and the names found for them. */
type NameMap = Map<string, string>;

// An image digest can be registered for several versions (a re-tagged image); the name lists a few.
const maxVersionsPerImage = 3;

function versionName(title: string, plugin: string, version: string): string {
  return `${title || plugin} ${version}`;
}

function idsOf(events: readonly AuditEvent[], targetType: string): string[] {
  return [
    ...new Set(events.filter((event) => event.targetType === targetType).map((event) => event.targetId)),
  ];
}

async function signerNames(db: Kysely<Database>, ids: string[]): Promise<NameMap> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('signers').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

function userName(displayName: string, username: string): string {
  return displayName === username ? username : `${displayName} (${username})`;
}

async function userNames(db: Kysely<Database>, ids: string[]): Promise<NameMap> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, userName(row.display_name, row.username)]));
}

async function reviewNames(db: Kysely<Database>, ids: string[]): Promise<NameMap> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('reviews as r')
    .innerJoin('plugins as p', 'p.id', 'r.plugin_id')
    .innerJoin('plugin_versions as v', 'v.id', 'r.version_id')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'p.id as plugin', 'p.title', 'v.version', 'u.username', 'u.display_name'])
    .where('r.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((row) => {
      const author =
        row.username === null
          ? 'a deleted account'
          : userName(row.display_name ?? row.username, row.username);
      return [row.id, `Review by ${author} of ${versionName(row.title, row.plugin, row.version)}`];
    }),
  );
}

async function invitationNames(db: Kysely<Database>, ids: string[]): Promise<NameMap> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('invitations')
    .select(['id', 'role', 'note'])
    .where('id', 'in', ids)
    .execute();
  return new Map(
    rows.map((row) => {
      const role = row.role === 'admin' ? 'Admin' : 'Reviewer';
      return [row.id, row.note.trim() === '' ? `${role} invitation` : `${role} invitation: ${row.note}`];
    }),
  );
}

/** Plugin versions are recorded as `plugin@version`; plugin ids are slugs, so the first `@` separates them. */
async function pluginVersionNames(db: Kysely<Database>, ids: string[]): Promise<NameMap> {
  const plugins = [...new Set(ids.map((id) => id.split('@', 1)[0]!))];
  if (plugins.length === 0) return new Map();
  const rows = await db.selectFrom('plugins').select(['id', 'title']).where('id', 'in', plugins).execute();
  const titles = new Map(rows.map((row) => [row.id, row.title]));
  const names: NameMap = new Map();
  for (const id of ids) {
    const at = id.indexOf('@');
    if (at <= 0) continue;
    const plugin = id.slice(0, at);
    const title = titles.get(plugin);
    if (title !== undefined) names.set(id, versionName(title, plugin, id.slice(at + 1)));
  }
  return names;
}

async function imageNames(db: Kysely<Database>, digests: string[]): Promise<NameMap> {
  if (digests.length === 0) return new Map();
  const rows = await db
    .selectFrom('plugin_versions as v')
    .innerJoin('plugins as p', 'p.id', 'v.plugin_id')
    .select(['v.registered_digest', 'v.current_digest', 'p.id as plugin', 'p.title', 'v.version'])
    .where((eb) => eb.or([eb('v.registered_digest', 'in', digests), eb('v.current_digest', 'in', digests)]))
    .orderBy('p.title')
    .orderBy('v.sort_key', 'desc')
    .execute();
  const versions = new Map<string, string[]>();
  for (const row of rows) {
    const name = versionName(row.title, row.plugin, row.version);
    for (const digest of new Set([row.registered_digest, row.current_digest])) {
      if (digest === null || !digests.includes(digest)) continue;
      const list = versions.get(digest) ?? [];
      if (!list.includes(name)) list.push(name);
      versions.set(digest, list);
    }
  }
  const names: NameMap = new Map();
  for (const [digest, list] of versions) {
    const listed = list.slice(0, maxVersionsPerImage).join(', ');
    const rest = list.length - maxVersionsPerImage;
    names.set(digest, rest > 0 ? `${listed} and ${rest} more` : listed);
  }
  return names;
}

/**
 * Names a deleted account by the user name its own events recorded (`user.delete` keeps it in
 * `before`), since the account row is gone.
 */
function recordedUserNames(events: readonly AuditEvent[], found: NameMap): NameMap {
  const names: NameMap = new Map();
  for (const event of events) {
    if (event.targetType !== 'user' || found.has(event.targetId) || names.has(event.targetId)) continue;
    for (const state of [event.before, event.after]) {
      const username = (state as { username?: unknown } | null)?.username;
      if (typeof username === 'string') {
        names.set(event.targetId, `${username} (deleted account)`);
        break;
      }
    }
  }
  return names;
}

/**
 * Adds `targetName` to each event whose target Assay can still name: the signer's or user's name,
 * the plugin version of a review, image or manifest, an invitation's role and note, or the policy
 * version. Names are read when the log is read, so a renamed signer shows its current name.
 */
export async function withTargetNames(db: Kysely<Database>, events: AuditEvent[]): Promise<AuditEvent[]> {
  if (events.length === 0) return events;
  const [signers, users, reviews, invitations, pluginVersions, images] = await Promise.all([
    signerNames(db, idsOf(events, 'signer')),
    userNames(db, idsOf(events, 'user')),
    reviewNames(db, idsOf(events, 'review')),
    invitationNames(db, idsOf(events, 'invitation')),
    pluginVersionNames(db, idsOf(events, 'plugin-version')),
    imageNames(db, idsOf(events, 'image')),
  ]);
  const deletedUsers = recordedUserNames(events, users);
  const byType: Record<string, NameMap> = {
    signer: signers,
    user: new Map([...deletedUsers, ...users]),
    review: reviews,
    invitation: invitations,
    'plugin-version': pluginVersions,
    image: images,
  };

  return events.map((event) => {
    const name =
      event.targetType === 'trust-policy' && /^\d+$/.test(event.targetId)
        ? `Trust policy version ${event.targetId}`
        : byType[event.targetType]?.get(event.targetId);
    return name === undefined ? event : { ...event, targetName: name };
  });
}
