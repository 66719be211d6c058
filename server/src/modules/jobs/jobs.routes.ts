import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../../common/src/schemas/common.js';
import { jobListResponse, jobSchema } from '../../../../common/src/schemas/jobs.js';
import { can, requireUser } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { findJob, listJobsOf, presentJob } from './jobs.repository.js';
import { jobSharedWith } from '../../platform/jobs.js';

const tags = ['jobs'];

export async function registerJobRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/jobs', { config: { access: 'authenticated' }, schema: { tags, response: { 200: jobListResponse } } }, async (req) => ({
    items: (await listJobsOf(db, requireUser(req.ctx).userId)).map((j) => presentJob(j, req.ctx.locale)),
  }));

  r.get('/jobs/:id', { config: { access: 'authenticated' }, schema: { tags, params: idParam, response: { 200: jobSchema } } }, async (req) => {
    // A job is visible to the user who started it; a kind shared with a permission, to its holders too.
    const row = await findJob(db, req.params.id);
    const shared = row ? jobSharedWith(row.kind) : undefined;
    if (!row || (row.created_by !== requireUser(req.ctx).userId && !(shared && can(req.ctx, shared)))) throw new AppError(404, 'job.notFound');
    return presentJob(row, req.ctx.locale);
  });
}
