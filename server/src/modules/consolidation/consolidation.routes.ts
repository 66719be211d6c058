import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  bulkAcceptBody,
  bulkAcceptResponse,
  decisionBody,
  decisionResponse,
  headcountSchema,
  linkRunsResponse,
  mergeBody,
  mergeResponse,
  personMergesResponse,
  reviewPageResponse,
  reviewPairSchema,
  reviewQuery,
  startRunResponse,
  undoBody,
  undoResponse,
  type LinkRun,
} from '../../../../common/src/schemas/consolidation.js';
import { idParam } from '../../../../common/src/schemas/common.js';
import { requireUser } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { enqueueJob, registerJobHandler } from '../../platform/jobs.js';
import { activeJobOf, countPendingRecords, listRuns, type LinkRunRow } from './consolidation.repository.js';
import { consolidate, type ConsolidateResult } from './consolidation.service.js';
import { headcount, headcountXlsx } from './headcount.service.js';
import { writeAuditNow } from '../../platform/audit.js';
import { attachmentHeader, contentTypeOf } from '../../platform/files.js';
import { acceptAbove, decide, getReviewPair, listMerges, listReview, mergeManually, undoMergeInScope } from './review.service.js';

const tags = ['consolidation'];
const RUN_JOB = 'consolidation.run';

// Every holder of person.consolidate may follow a run another started: it covers the whole registry.
registerJobHandler<null, ConsolidateResult>(RUN_JOB, async (job) => consolidate(job.db, await job.asCreator(), job.cipher, { progress: job.progress }), { sharedWith: 'person.consolidate' });

function presentRun(r: LinkRunRow): LinkRun {
  return {
    id: r.id,
    kind: r.kind as LinkRun['kind'],
    status: r.status as LinkRun['status'],
    pendingRecords: r.pending_records,
    existingRecords: r.existing_records,
    linkedRecords: r.linked_records,
    mergedPersons: r.merged_persons,
    createdPersons: r.created_persons,
    reviewPairs: r.review_pairs,
    personsBefore: r.persons_before,
    personsAfter: r.persons_after,
    error: r.error,
    startedByName: r.started_by_name,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export async function registerConsolidationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { cipher } = app.deps;

  r.get('/consolidation/runs', { config: { access: 'person.consolidate' }, schema: { tags, response: { 200: linkRunsResponse } } }, async () => {
    const [runs, pendingRecords, activeJobId] = await Promise.all([listRuns(db, 20), countPendingRecords(db), activeJobOf(db, RUN_JOB)]);
    return { items: runs.map(presentRun), pendingRecords, activeJobId };
  });

  r.post('/consolidation/runs', { config: { access: 'person.consolidate' }, schema: { tags, response: { 200: startRunResponse } } }, async (req) => {
    const jobId = await db.transaction().execute(async (trx) => {
      const active = await activeJobOf(trx, RUN_JOB);
      if (active) throw new AppError(409, 'consolidation.running', { jobId: active });
      return enqueueJob(trx, RUN_JOB, null, requireUser(req.ctx).userId);
    });
    return { jobId };
  });

  r.get('/consolidation/headcount', { config: { access: 'person.read' }, schema: { tags, response: { 200: headcountSchema } } }, async (req) => headcount(db, req.ctx));

  r.get('/consolidation/headcount/export', { config: { access: 'person.read' }, schema: { tags } }, async (req, reply) => {
    const actor = requireUser(req.ctx);
    const { fileName, content } = await headcountXlsx(await headcount(db, req.ctx), req.ctx.locale, `${actor.displayName}（${actor.username}）`);
    await writeAuditNow(db, req.ctx, { action: 'consolidation.headcountExport', objectType: 'headcount', detail: { fileName } });
    reply.header('content-type', contentTypeOf(fileName)).header('content-disposition', attachmentHeader(fileName));
    return reply.send(content);
  });

  r.get('/consolidation/review', { config: { access: 'person.merge' }, schema: { tags, querystring: reviewQuery, response: { 200: reviewPageResponse } } }, async (req) =>
    listReview(db, req.ctx, cipher, req.query),
  );

  r.get('/consolidation/review/:id', { config: { access: 'person.merge' }, schema: { tags, params: idParam, response: { 200: reviewPairSchema } } }, async (req) =>
    getReviewPair(db, req.ctx, cipher, req.params.id),
  );

  r.post(
    '/consolidation/review/:id/decision',
    { config: { access: 'person.merge' }, schema: { tags, params: idParam, body: decisionBody, response: { 200: decisionResponse } } },
    async (req) => decide(db, req.ctx, cipher, req.params.id, req.body.decision),
  );

  r.post('/consolidation/review/accept', { config: { access: 'person.merge' }, schema: { tags, body: bulkAcceptBody, response: { 200: bulkAcceptResponse } } }, async (req) =>
    acceptAbove(db, req.ctx, cipher, req.body.minWeight),
  );

  r.get('/persons/:id/merges', { config: { access: 'person.read' }, schema: { tags, params: idParam, response: { 200: personMergesResponse } } }, async (req) => ({
    items: await listMerges(db, req.ctx, req.params.id),
  }));

  r.post('/persons/:id/merge', { config: { access: 'person.merge' }, schema: { tags, params: idParam, body: mergeBody, response: { 200: mergeResponse } } }, async (req) =>
    mergeManually(db, req.ctx, cipher, req.params.id, req.body.otherId, req.body.reason),
  );

  r.post('/person-merges/:id/undo', { config: { access: 'person.merge' }, schema: { tags, params: idParam, body: undoBody, response: { 200: undoResponse } } }, async (req) =>
    undoMergeInScope(db, req.ctx, req.params.id, req.body.reason),
  );
}
