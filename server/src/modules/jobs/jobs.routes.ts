import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../../common/src/schemas/common.js';
import { jobListResponse, jobSchema } from '../../../../common/src/schemas/jobs.js';
import { requireUser } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { findJobOf, listJobsOf, presentJob } from './jobs.repository.js';

const tags = ['jobs'];

export async function registerJobRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/jobs', { config: { access: 'authenticated' }, schema: { tags, response: { 200: jobListResponse } } }, async (req) => ({
    items: (await listJobsOf(db, requireUser(req.ctx).userId)).map((j) => presentJob(j, req.ctx.locale)),
  }));

  r.get('/jobs/:id', { config: { access: 'authenticated' }, schema: { tags, params: idParam, response: { 200: jobSchema } } }, async (req) => {
    const row = await findJobOf(db, requireUser(req.ctx).userId, req.params.id);
    if (!row) throw new AppError(404, 'job.notFound');
    return presentJob(row, req.ctx.locale);
  });
}
