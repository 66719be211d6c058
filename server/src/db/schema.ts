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
}
