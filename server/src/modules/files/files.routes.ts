import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../../common/src/schemas/common.js';
import { can, requireUser } from '../../platform/context.js';
import { errorFileInScope } from '../imports/imports.repository.js';
import { notFound } from '../../platform/errors.js';
import { attachmentHeader, contentTypeOf, readFile } from '../../platform/files.js';

// Generated files are downloadable by the user who made them; an import's error file also by
// whoever may import and sees the batch. Anyone else gets the same 404 as for a missing file.
export async function registerFileRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/files/:id', { config: { access: 'authenticated' }, schema: { tags: ['files'], params: idParam } }, async (req, reply) => {
    const file = await readFile(db, req.params.id);
    const own = file?.created_by === requireUser(req.ctx).userId;
    const shared = file?.purpose === 'importErrors' && can(req.ctx, 'person.import') && (await errorFileInScope(db, req.ctx, file.id));
    if (!file || !(own || shared)) throw notFound();
    reply.header('content-type', contentTypeOf(file.file_name));
    reply.header('content-disposition', attachmentHeader(file.file_name));
    return reply.send(file.content);
  });
}
