import type { Generated } from 'kysely';

// Storage conventions, decided once for both dialects: timestamps are ISO-8601 UTC strings
// (`2026-11-25T10:40:15.123Z`, sortable as text); booleans are integers 0/1; JSON is text.

export interface UnitsTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: string;
  code: string | null;
  name: string;
  name_en: string;
  /** Materialised path of ids, `/1/4/17/`, so a subtree is one index range scan. */
  path: string;
  depth: number;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface RolesTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  built_in: number;
  permissions: string;
  require_totp: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  unit_id: number;
  password_hash: string;
  must_change_password: number;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  locale: string;
  last_login_at: string | null;
  last_login_ip: string | null;
  prev_login_at: string | null;
  prev_login_ip: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: number;
  role_id: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a leaked database does not yield usable sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  stage: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  request_id: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  status: string;
  progress: number;
  message: string | null;
  payload: string;
  result: string | null;
  error: string | null;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  locked_by: string | null;
  heartbeat_at: string | null;
  attempts: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  uscc: string | null;
  kind: string | null;
  industry: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonsTable {
  id: Generated<number>;
  name: string;
  former_names: Generated<string>;
  pen_name: Generated<string>;
  sort_name: string;
  gender: string | null;
  ethnicity: string | null;
  birth_date: Generated<string>;
  resident_id_enc: string | null;
  resident_id_bidx: string | null;
  resident_id_tail_bidx: string | null;
  resident_id_masked: string | null;
  resident_id_valid: Generated<number>;
  mobile_enc: string | null;
  mobile_bidx: string | null;
  mobile_tail_bidx: string | null;
  mobile_masked: string | null;
  political: string | null;
  political2: string | null;
  party_join_date: string | null;
  party2_join_date: string | null;
  education: string | null;
  degree: string | null;
  school: Generated<string>;
  major: Generated<string>;
  organisation_id: number | null;
  post: Generated<string>;
  title: Generated<string>;
  qualification: Generated<string>;
  groups: Generated<string>;
  work_town_id: number | null;
  work_community_id: number | null;
  residence_town_id: number | null;
  residence_community_id: number | null;
  unit_id: number;
  tags: Generated<string>;
  rep_level: Generated<string>;
  status: Generated<string>;
  notes: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PersonGroupsTable {
  person_id: number;
  group_code: string;
  sub_group_code: string;
}

export interface PersonTagsTable {
  person_id: number;
  tag: string;
}

export interface PersonSearchTermsTable {
  term: string;
  person_id: number;
}

export interface SourcesTable {
  id: Generated<number>;
  name: string;
  kind: string;
  unit_id: number | null;
  created_at: string;
}

export interface UploadsTable {
  id: Generated<number>;
  sha256: string;
  file_name: string;
  size: number;
  content: Buffer;
  purpose: string;
  created_by: number | null;
  created_at: string;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  source_id: number;
  upload_id: number | null;
  file_name: string;
  file_sha256: string;
  sheet_name: string;
  header_row: number;
  mapping: string;
  status: string;
  total_rows: Generated<number>;
  created_rows: Generated<number>;
  linked_rows: Generated<number>;
  flagged_rows: Generated<number>;
  skipped_rows: Generated<number>;
  refused_rows: Generated<number>;
  job_id: number | null;
  error_file_id: number | null;
  error: string | null;
  unit_id: number;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  committed_at: string | null;
}

export interface SourceRecordsTable {
  id: Generated<number>;
  batch_id: number;
  source_id: number;
  row_number: number;
  name: string;
  raw_enc: string;
  flags: Generated<string>;
  resident_id_bidx: string | null;
  mobile_bidx: string | null;
  person_id: number | null;
  link_method: string | null;
  link_weight: number | null;
  created_at: string;
  link_run_id: number | null;
  link_evidence: string | null;
}

export interface PersonFieldHistoryTable {
  id: Generated<number>;
  person_id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source_record_id: number | null;
  actor_id: number | null;
  actor_name: string | null;
  at: string;
}

export interface SavedViewsTable {
  id: Generated<number>;
  user_id: number;
  module: string;
  name: string;
  state: string;
  created_at: string;
  updated_at: string;
}

export interface LinkRunsTable {
  id: Generated<number>;
  kind: string;
  status: string;
  pending_records: Generated<number>;
  existing_records: Generated<number>;
  linked_records: Generated<number>;
  merged_persons: Generated<number>;
  created_persons: Generated<number>;
  review_pairs: Generated<number>;
  persons_before: Generated<number>;
  persons_after: Generated<number>;
  settings: string;
  model: string | null;
  stats: string | null;
  error: string | null;
  started_by: number | null;
  started_by_name: string;
  started_at: string;
  finished_at: string | null;
}

export interface LinkPairsTable {
  id: Generated<number>;
  record_a: number;
  record_b: number;
  weight: number;
  contributions: string;
  status: string;
  run_id: number | null;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface PersonMergesTable {
  id: Generated<number>;
  survivor_id: number;
  merged_id: number;
  run_id: number | null;
  method: string;
  reason: Generated<string>;
  snapshot: string;
  actor_id: number | null;
  actor_name: string;
  at: string;
  undone_at: string | null;
  undone_by_name: string | null;
}

export interface SurveyCampaignsTable {
  id: Generated<number>;
  name: string;
  status: string;
  item_count: Generated<number>;
  opened_by: number | null;
  opened_by_name: string;
  opened_at: string;
  closed_at: string | null;
}

export interface SurveyItemsTable {
  id: Generated<number>;
  campaign_id: number;
  person_id: number;
  person_name: string;
  town_id: number | null;
  status: string;
  note: Generated<string>;
  verified_by: number | null;
  verified_by_name: string | null;
  verified_at: string | null;
}

export interface DB {
  units: UnitsTable;
  roles: RolesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  settings: SettingsTable;
  organisations: OrganisationsTable;
  persons: PersonsTable;
  person_groups: PersonGroupsTable;
  person_tags: PersonTagsTable;
  person_search_terms: PersonSearchTermsTable;
  sources: SourcesTable;
  uploads: UploadsTable;
  import_batches: ImportBatchesTable;
  source_records: SourceRecordsTable;
  person_field_history: PersonFieldHistoryTable;
  saved_views: SavedViewsTable;
  link_runs: LinkRunsTable;
  link_pairs: LinkPairsTable;
  person_merges: PersonMergesTable;
  survey_campaigns: SurveyCampaignsTable;
  survey_items: SurveyItemsTable;
}
