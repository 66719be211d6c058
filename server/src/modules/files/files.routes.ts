import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../../common/src/schemas/common.js';
import { requireUser } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { attachmentHeader, contentTypeOf, readFile } from '../../platform/files.js';

// Generated files (exports, import error files, uploaded lists) are downloadable only by the user
// who made them; anyone else gets the same 404 as for a file that does not exist.
export async function registerFileRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/files/:id', { config: { access: 'authenticated' }, schema: { tags: ['files'], params: idParam } }, async (req, reply) => {
    const file = await readFile(db, req.params.id);
    if (!file || file.created_by !== requireUser(req.ctx).userId) throw notFound();
    reply.header('content-type', contentTypeOf(file.file_name));
    reply.header('content-disposition', attachmentHeader(file.file_name));
    return reply.send(file.content);
  });
}
