import type { AuditQuery } from '../../../../common/src/schemas/audit.js';
import type { Executor } from '../../db/database.js';
import type { AuditLogTable } from '../../db/schema.js';

export type AuditFilter = Omit<AuditQuery, 'cursor' | 'limit'>;

function filtered(exec: Executor, f: AuditFilter) {
  let q = exec.selectFrom('audit_log');
  // Stored times are UTC ISO strings; normalise the filter bounds the same way to compare as text.
  if (f.from) q = q.where('at', '>=', new Date(f.from).toISOString());
  if (f.to) q = q.where('at', '<=', new Date(f.to).toISOString());
  // Case-insensitive on both databases (SQLite's LIKE already is for ASCII; PostgreSQL's is not).
  if (f.actor) q = q.where((eb) => eb(eb.fn('lower', ['actor_name']), 'like', `%${f.actor!.toLowerCase()}%`));
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  return q;
}

/** Newest first; `beforeSeq` continues a page. */
export async function listAudit(exec: Executor, f: AuditFilter, page: { beforeSeq: number | null; limit: number }): Promise<AuditLogTable[]> {
  let q = filtered(exec, f).selectAll();
  if (page.beforeSeq !== null) q = q.where('seq', '<', page.beforeSeq);
  return q.orderBy('seq', 'desc').limit(page.limit).execute();
}

export async function countAudit(exec: Executor, f: AuditFilter): Promise<number> {
  const row = await filtered(exec, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Oldest first, in batches, for verification and export. */
export async function auditBatch(exec: Executor, afterSeq: number, limit: number, f: AuditFilter = {}): Promise<AuditLogTable[]> {
  return filtered(exec, f).selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

export async function auditHead(exec: Executor): Promise<{ seq: number; hash: string }> {
  return exec.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}

export async function firstAuditSeq(exec: Executor): Promise<number | null> {
  const row = await exec.selectFrom('audit_log').select((eb) => eb.fn.min('seq').as('s')).executeTakeFirst();
  return row?.s == null ? null : Number(row.s);
}
