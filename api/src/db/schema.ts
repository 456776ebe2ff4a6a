// Timestamps are ISO 8601 UTC strings and booleans are 0/1 integers in both engines, so one query layer
// returns the same values from SQLite and PostgreSQL.

export interface PluginsTable {
  id: string;
  title: string;
  description: string;
  author: string;
  institution: string;
  repository: string | null;
  website: string | null;
  citation: string | null;
  latest_version: string;
  latest_version_id: string;
  container_id: string;
  version_count: number;
  input_types: string;
  output_types: string;
  registry_state: string;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface PluginVersionsTable {
  id: string;
  plugin_id: string;
  version: string;
  /** Zero-padded key that orders versions by semver precedence, then by first import. */
  sort_key: string;
  primary_manifest_id: string | null;
  container_id: string;
  image_registry: string;
  image_repository: string;
  image_reference: string;
  registered_digest: string | null;
  current_digest: string | null;
  resolution_status: string;
  resolution_error: string | null;
  media_type: string | null;
  platforms: string;
  size: number | null;
  image_created: string | null;
  labels: string;
  other_tags: string;
  checked_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PluginTypesTable {
  plugin_id: string;
  direction: 'input' | 'output';
  type: string;
}

export interface ManifestsTable {
  id: string;
  version_id: string;
  format: string;
  source: string;
  sha256: string;
  raw: string;
  normalised: string;
  warnings: string;
  warning_count: number;
  imported_at: string;
}

/** Digest-addressed manifests; content never changes for a digest, so rows are kept permanently. */
export interface RegistryManifestCacheTable {
  host: string;
  digest: string;
  media_type: string;
  body: Uint8Array;
  fetched_at: string;
}

export interface RegistryBlobCacheTable {
  host: string;
  digest: string;
  body: Uint8Array;
  fetched_at: string;
}

export interface TagCacheTable {
  host: string;
  repository: string;
  tag: string;
  digest: string;
  media_type: string;
  checked_at: string;
}

/** One row per scheduled run slot; the instance that inserts the row runs the job. */
export interface JobRunsTable {
  slot: string;
  job: string;
  instance: string;
  started_at: string;
  finished_at: string | null;
  outcome: string | null;
}

/** Append-only record of admin actions and sign-in failure bursts. JSON text in `before` and `after`. */
export interface AuditEventsTable {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string;
  target_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  request_id: string | null;
  ip: string | null;
}

export interface Database {
  plugins: PluginsTable;
  plugin_versions: PluginVersionsTable;
  plugin_types: PluginTypesTable;
  manifests: ManifestsTable;
  registry_manifest_cache: RegistryManifestCacheTable;
  registry_blob_cache: RegistryBlobCacheTable;
  tag_cache: TagCacheTable;
  job_runs: JobRunsTable;
  audit_events: AuditEventsTable;
}
