import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditListResponse, auditQuery, type AuditEntry } from '../../../../common/src/schemas/audit.js';
import { jobSchema } from '../../../../common/src/schemas/jobs.js';
import type { AuditLogTable } from '../../db/schema.js';
import { writeAuditNow } from '../../platform/audit.js';
import { requireUser } from '../../platform/context.js';
import { enqueueJob, registerJobHandler } from '../../platform/jobs.js';
import { decodeCursor, pageFrom } from '../../platform/pagination.js';
import { toCsvRow } from '../../platform/csv.js';
import { findJob, presentJob } from '../jobs/jobs.repository.js';
import { auditBatch, countAudit, listAudit, type AuditFilter } from './audit.repository.js';
import { verifyAuditChain } from './audit-verify.js';

const tags = ['audit'];

function presentEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    ip: row.ip,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    outcome: row.outcome as AuditEntry['outcome'],
    requestId: row.request_id,
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
  };
}

registerJobHandler('audit.verify', async (job) =>
  verifyAuditChain(job.db, (checked, total) => job.progress(total ? checked / total : 1, `${checked}/${total}`)),
);

const EXPORT_HEADER = ['seq', 'time', 'actor_id', 'actor', 'ip', 'action', 'object_type', 'object_id', 'outcome', 'request_id', 'detail', 'hash'];

export async function registerAuditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/audit', { config: { access: 'audit.read' }, schema: { tags, querystring: auditQuery, response: { 200: auditListResponse } } }, async (req) => {
    const { cursor, limit, ...filter } = req.query;
    const before = decodeCursor<{ seq: number }>(cursor, ['seq']);
    const rows = await listAudit(db, filter, { beforeSeq: before?.seq ?? null, limit: limit + 1 });
    const page = pageFrom(rows, limit, (row) => ({ seq: row.seq }));
    return { items: page.items.map(presentEntry), total: await countAudit(db, filter), nextCursor: page.nextCursor };
  });

  r.get('/audit/export', { config: { access: 'audit.export' }, schema: { tags, querystring: auditQuery.omit({ cursor: true, limit: true }) } }, async (req, reply) => {
    const filter: AuditFilter = req.query;
    const total = await countAudit(db, filter);
    await writeAuditNow(db, req.ctx, { action: 'audit.export', objectType: 'audit_log', detail: { filter, rows: total } });
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${stamp}.csv"`);
    // Stream in seq order, a batch at a time: memory stays flat however long the log is.
    const actor = requireUser(req.ctx);
    async function* rows() {
      yield `\uFEFF${toCsvRow([`# exported by ${actor.username} at ${new Date().toISOString()}`])}`;
      yield toCsvRow(EXPORT_HEADER);
      let after = 0;
      for (;;) {
        const batch = await auditBatch(db, after, 1000, filter);
        if (batch.length === 0) break;
        for (const row of batch) {
          after = row.seq;
          yield toCsvRow([row.seq, row.at, row.actor_id, row.actor_name, row.ip, row.action, row.object_type, row.object_id, row.outcome, row.request_id, row.detail, row.hash]);
        }
      }
    }
    return reply.send(Readable.from(rows()));
  });

  r.post('/audit/verify', { config: { access: 'audit.verify' }, schema: { tags, response: { 200: jobSchema } } }, async (req) => {
    const actor = requireUser(req.ctx);
    const id = await enqueueJob(db, 'audit.verify', {}, actor.userId);
    await writeAuditNow(db, req.ctx, { action: 'audit.verify', objectType: 'job', objectId: id });
    return presentJob((await findJob(db, id))!);
  });
}
