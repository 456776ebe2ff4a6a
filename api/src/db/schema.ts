import type { Generated } from 'kysely';

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
  /** Signature badge of the newest version's current digest; see `signatureStateSchema`. */
  signature_state: Generated<string>;
  /** Rating over each user's latest visible review of any version; kept by the reviews module. */
  rating_count: Generated<number>;
  rating_sum: Generated<number>;
  /** JSON array of five counts: one star to five stars. */
  rating_distribution: Generated<string>;
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

export interface UsersTable {
  id: string;
  /** Lower-case sign-in name, unique. */
  username: string;
  display_name: string;
  role: 'reviewer' | 'admin';
  /** `$scrypt$...` string; null for accounts that sign in through OpenID Connect only. */
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

/** express-session rows; `data` is the session as JSON. */
export interface SessionsTable {
  sid: string;
  user_id: string | null;
  data: string;
  expires_at: string;
}

export interface InvitationsTable {
  id: string;
  token_hash: string;
  role: 'reviewer' | 'admin';
  note: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_user_id: string | null;
}

/** One-time tokens printed at start while no admin exists. */
export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at: string;
}

/** One row (id 1) whose revision a trigger increments on every write to plugins or plugin_types. */
export interface CatalogStateTable {
  id: number;
  revision: number;
}

/** One vulnerability report of one image digest; severity counts are kept with it for summaries. */
export interface ScanReportsTable {
  id: string;
  /** The digest a plugin version shows: an index or a manifest. */
  digest: string;
  /** The platform manifest the findings describe; equal to `digest` for single-platform images. */
  scanned_digest: string;
  registry_host: string;
  repository: string;
  source: string;
  format: string;
  /** Makes imports idempotent: the attestation layer digest, the upload's SHA-256 or the scan job id. */
  content_key: string;
  scanner_name: string;
  scanner_vendor: string | null;
  scanner_version: string | null;
  database_version: string | null;
  generated_at: string | null;
  imported_at: string;
  signer_ref: string | null;
  signature_status: string | null;
  signature_reason: string | null;
  signature_text: string | null;
  /** JSON: key fingerprint and certificate identity of an attestation's signature. */
  signature_details: string | null;
  uploaded_by_id: string | null;
  uploaded_by_name: string | null;
  job_id: string | null;
  finding_count: number;
  fixable_count: number;
  count_unknown: number;
  fixable_unknown: number;
  count_negligible: number;
  fixable_negligible: number;
  count_low: number;
  fixable_low: number;
  count_medium: number;
  fixable_medium: number;
  count_high: number;
  fixable_high: number;
  count_critical: number;
  fixable_critical: number;
  max_cvss: number | null;
  highest_severity: string | null;
  /** JSON array of `{ path, problem }`. */
  warnings: string;
}

/** One finding of a report; JSON text in `aliases` and `links`. */
export interface ScanFindingsTable {
  report_id: string;
  ordinal: number;
  vulnerability_id: string;
  aliases: string;
  package: string;
  installed_version: string;
  fixed_version: string | null;
  fixable: number;
  severity: string;
  /** Index in the severity scale, 0 (unknown) to 5 (critical). */
  severity_rank: number;
  cvss_score: number | null;
  cvss_vector: string | null;
  title: string | null;
  description: string | null;
  links: string;
  target: string | null;
  package_class: string | null;
  package_type: string | null;
  purl: string | null;
  status: string | null;
  data_source: string | null;
  /** Lower-case id, aliases, package and title, for the findings search. */
  search_text: string;
}

/** Counts of the report each digest shows, for the catalog's severity indicator. */
export interface ScanDigestSummariesTable {
  digest: string;
  report_id: string;
  finding_count: number;
  fixable_count: number;
  count_critical: number;
  count_high: number;
  count_medium: number;
  count_low: number;
  count_negligible: number;
  count_unknown: number;
  highest_severity: string | null;
  generated_at: string | null;
  updated_at: string;
  /** 1 when the summarised report comes from a verified source, 0 for an unverified attestation. */
  verified: Generated<number>;
}

/** One row (id 1) whose revision every write to scan_digest_summaries increments. */
export interface ScanStateTable {
  id: number;
  revision: number;
}

/** A scan through the scanner API; at most one `running` row per digest. */
export interface ScanJobsTable {
  id: string;
  digest: string;
  scanned_digest: string | null;
  registry_host: string | null;
  repository: string | null;
  /** `on-demand` (an admin asked) or `scheduled`. */
  reason: string;
  state: string;
  progress: string;
  error: string | null;
  report_id: string | null;
  requested_by_id: string | null;
  requested_by_name: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** The last search of a digest's registry for vulnerability attestations; `outcome` is JSON. */
export interface ScanAttestationChecksTable {
  registry_host: string;
  repository: string;
  digest: string;
  checked_at: string;
  outcome: string;
}

/** A key or keyless identity that signs images, with its approval status. JSON text in `scope`. */
export interface SignersTable {
  id: string;
  kind: 'key' | 'identity';
  /** What verification results name: the key fingerprint, or `san|issuer`. Unique. */
  signer_ref: string;
  display_name: string;
  public_key_pem: string | null;
  key_fingerprint: string | null;
  key_algorithm: string | null;
  identity_san: string | null;
  identity_issuer: string | null;
  status: 'pending' | 'approved' | 'revoked';
  scope: string;
  expires_at: string | null;
  status_changed_at: string;
  status_changed_by: string | null;
  status_reason: string | null;
  origin: 'admin' | 'discovered' | 'demo';
  created_at: string;
  updated_at: string;
}

/** The last signature lookup of a version. JSON text in `subjects`. */
export interface SignatureSyncsTable {
  version_id: string;
  subjects: string;
  /** Hash of the signer set and trust roots the results were verified with. */
  trust_fingerprint: string;
  checked_at: string;
  error: string | null;
}

/** One signature entry found for a version's digest, with its verification result. JSON text in `certificate`, `claims`, `location` and `entry`. */
export interface SignatureResultsTable {
  id: string;
  version_id: string;
  subject_digest: string;
  position: number;
  covered_digest: string;
  source: string | null;
  kind: string | null;
  status: string;
  reason: string;
  reason_text: string;
  signer_ref: string | null;
  key_fingerprint: string | null;
  certificate: string | null;
  claims: string | null;
  location: string;
  entry: string | null;
  verified_at: string;
}

export interface ReviewsTable {
  id: string;
  plugin_id: string;
  version_id: string;
  user_id: string;
  /** 1-5, also enforced by a CHECK constraint. */
  stars: number;
  /** Markdown as the author typed it; null for a rating without text. */
  body: string | null;
  /** The version's image digest when the review was last submitted or edited. */
  image_digest: string | null;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  hidden_at: string | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  open_report_count: Generated<number>;
}

export interface ReviewReportsTable {
  id: string;
  review_id: string;
  reporter_id: string;
  reason: string;
  created_at: string;
  resolved_at: string | null;
  /** `hidden` or `dismissed` once an admin acted on the report. */
  resolution: string | null;
}

/** One version's rating over its visible reviews. */
export interface VersionRatingsTable {
  version_id: string;
  plugin_id: string;
  rating_count: number;
  rating_sum: number;
  rating_distribution: string;
}

/** One version of the trust policy; the highest version is in force. `document` is the policy as JSON. */
export interface TrustPoliciesTable {
  version: number;
  document: string;
  /** Null for the default policy that the migration creates. */
  author_id: string | null;
  author_name: string | null;
  reason: string;
  created_at: string;
}

/** The verdict of each plugin's newest version, for the catalog. JSON text in `reasons`. */
export interface PluginVerdictsTable {
  plugin_id: string;
  version_id: string;
  version: string;
  digest: string | null;
  verdict: string;
  policy_version: number;
  reasons: string;
  scan_status: string;
  scan_generated_at: string | null;
  valid_until: string | null;
  computed_at: string;
}

/** A change of a stored catalog verdict. */
export interface VerdictChangesTable {
  id: string;
  plugin_id: string;
  version_id: string;
  version: string;
  previous: string;
  current: string;
  policy_version: number;
  summary: string;
  changed_at: string;
}

/** One row (id 1): what the stored verdicts were computed from, and until when they hold. */
export interface VerdictStateTable {
  id: number;
  inputs_stamp: string | null;
  valid_until: string | null;
  refreshed_at: string | null;
}

/** One row (id 1) whose revision triggers bump on every write to a table the trust verdict reads. */
export interface VerdictInputsStateTable {
  id: number;
  revision: number;
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
  catalog_state: CatalogStateTable;
  verdict_inputs_state: VerdictInputsStateTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  setup_tokens: SetupTokensTable;
  app_secrets: AppSecretsTable;
  rate_limits: RateLimitsTable;
  reviews: ReviewsTable;
  review_reports: ReviewReportsTable;
  version_ratings: VersionRatingsTable;
  scan_reports: ScanReportsTable;
  scan_findings: ScanFindingsTable;
  scan_digest_summaries: ScanDigestSummariesTable;
  scan_state: ScanStateTable;
  scan_jobs: ScanJobsTable;
  scan_attestation_checks: ScanAttestationChecksTable;
  signers: SignersTable;
  signature_syncs: SignatureSyncsTable;
  signature_results: SignatureResultsTable;
  trust_policies: TrustPoliciesTable;
  plugin_verdicts: PluginVerdictsTable;
  verdict_changes: VerdictChangesTable;
  verdict_state: VerdictStateTable;
}
