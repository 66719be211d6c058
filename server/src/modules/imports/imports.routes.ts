import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERSON_IMPORT_FIELDS } from '../../../../common/src/dictionaries/person-fields.js';
import { idParam } from '../../../../common/src/schemas/common.js';
import {
  commitResponse,
  importBatchListResponse,
  importBatchSchema,
  importPreviewSchema,
  mappingBody,
  previewQuery,
  sourceListResponse,
  uploadQuery,
  type ImportJobResult,
  type Source,
} from '../../../../common/src/schemas/imports.js';
import { requireUser } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { attachmentHeader, collect, contentTypeOf } from '../../platform/files.js';
import { enqueueJob, registerJobHandler } from '../../platform/jobs.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { writeXlsx } from '../../platform/spreadsheets/write-xlsx.js';
import { listBatchesInScope, listSources, updateBatch } from './imports.repository.js';
import type { StoredMapping } from './import-analysis.js';
import { actorOf, assertNameMapped, assertNotImported, createDraft, presentBatch, previewDraft, remapDraft, requireBatch, runImport } from './imports.service.js';

const tags = ['imports'];
const MAX_UPLOAD = 50 * 1024 * 1024;

registerJobHandler<{ batchId: number }, ImportJobResult>('person.import', async (job) => {
  const ctx = await job.asCreator();
  return runImport(job.db, ctx, job.cipher, job.payload.batchId, { progress: job.progress });
});

export async function registerImportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { cipher } = app.deps;


  r.get('/sources', { config: { access: 'person.read' }, schema: { tags, response: { 200: sourceListResponse } } }, async () => ({
    items: (await listSources(db)).map((s) => ({ id: s.id, name: s.name, kind: s.kind as Source['kind'], batchCount: s.batch_count })),
  }));

  r.get('/imports/template', { config: { access: 'person.import' }, schema: { tags } }, async (req, reply) => {
    const zh = req.ctx.locale === 'zh-CN';
    const fields = PERSON_IMPORT_FIELDS.filter((f) => f.field !== 'employerAndPost');
    const sink = collect();
    const example: Record<string, string> = { name: '张三', gender: '男', ethnicity: '汉族', birthDate: '1985-03-07', residentId: '370302198503071234', mobile: '13800138000', political: '群众', education: '大学本科', employer: '淄博某某律师事务所', post: '合伙人', group: '中介组织', subGroup: '律师', workTown: '般阳路街道' };
    const written = writeXlsx(
      sink.stream,
      { sheetName: zh ? '人员名单' : 'Persons', title: zh ? '新的社会阶层人士名单（导入模板；示例行请删除）' : 'List of persons (import template; delete the example row)', columns: fields.map((f) => ({ header: zh ? f.zh : f.en })) },
      [fields.map((f) => example[f.field] ?? '')],
    );
    const [, content] = await Promise.all([written, sink.done]);
    const fileName = zh ? '人员名单导入模板.xlsx' : 'person-import-template.xlsx';
    reply.header('content-type', contentTypeOf(fileName)).header('content-disposition', attachmentHeader(fileName));
    return reply.send(content);
  });

  // Uploads are the file's raw bytes (no multipart), up to 50 MB, accepted by this route only.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD }, (_req, body, done) => done(null, body));
    const u = scope.withTypeProvider<ZodTypeProvider>();
    u.post(
    '/imports',
    { bodyLimit: MAX_UPLOAD, config: { access: 'person.import' }, schema: { tags, querystring: uploadQuery, response: { 200: importPreviewSchema } } },
    async (req) => {
      const bytes = req.body;
      if (!Buffer.isBuffer(bytes)) throw new AppError(415, 'unsupportedMediaType');
      if (bytes.length === 0) throw fieldError('file', 'spreadsheet.empty');
      const { batchId } = await createDraft(db, req.ctx, actorOf(req.ctx), { bytes, fileName: req.query.fileName, source: req.query.source });
      return previewDraft(db, req.ctx, cipher, batchId, { offset: 0, limit: 100, filter: 'all' });
    },
  );

  });

  r.get('/imports', { config: { access: 'person.import' }, schema: { tags, querystring: z.object({ cursor: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: importBatchListResponse } } }, async (req) => {
    const before = decodeCursor<{ id: number }>(req.query.cursor, ['id']);
    const rows = await listBatchesInScope(db, req.ctx, before?.id ?? null, req.query.limit);
    const items = rows.slice(0, req.query.limit);
    return { items: items.map(presentBatch), nextCursor: rows.length > req.query.limit ? encodeCursor({ id: items[items.length - 1]!.id }) : null };
  });

  r.get('/imports/:id', { config: { access: 'person.import' }, schema: { tags, params: idParam, response: { 200: importBatchSchema } } }, async (req) =>
    presentBatch(await requireBatch(db, req.ctx, req.params.id)),
  );

  r.get('/imports/:id/preview', { config: { access: 'person.import' }, schema: { tags, params: idParam, querystring: previewQuery, response: { 200: importPreviewSchema } } }, async (req) =>
    previewDraft(db, req.ctx, cipher, req.params.id, req.query),
  );

  r.put('/imports/:id/mapping', { config: { access: 'person.import' }, schema: { tags, params: idParam, body: mappingBody, response: { 200: importPreviewSchema } } }, async (req) => {
    await remapDraft(db, req.ctx, req.params.id, req.body);
    return previewDraft(db, req.ctx, cipher, req.params.id, { offset: 0, limit: 100, filter: 'all' });
  });

  r.post('/imports/:id/commit', { config: { access: 'person.import' }, schema: { tags, params: idParam, response: { 200: commitResponse } } }, async (req) => {
    const batch = await requireBatch(db, req.ctx, req.params.id);
    if (batch.status !== 'draft' && batch.status !== 'failed') throw new AppError(409, 'import.notDraft');
    assertNameMapped(JSON.parse(batch.mapping) as StoredMapping[]);
    await assertNotImported(db, batch);
    const jobId = await db.transaction().execute(async (trx) => {
      const id = await enqueueJob(trx, 'person.import', { batchId: batch.id }, requireUser(req.ctx).userId);
      await updateBatch(trx, batch.id, { status: 'queued', job_id: id, error: null });
      return id;
    });
    return { jobId, batchId: batch.id };
  });
}
