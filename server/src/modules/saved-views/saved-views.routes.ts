import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, okSchema } from '../../../../common/src/schemas/common.js';
import { savedViewListQuery, savedViewListResponse, savedViewSaveBody, savedViewSchema, type SavedView } from '../../../../common/src/schemas/saved-views.js';
import { requireUser } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { nowIso } from '../../db/database.js';
import { deleteSavedView, listSavedViews, upsertSavedView, type SavedViewRow } from './saved-views.repository.js';

const tags = ['saved-views'];

function present(row: SavedViewRow): SavedView {
  return { id: row.id, module: row.module as SavedView['module'], name: row.name, state: JSON.parse(row.state) as Record<string, unknown>, updatedAt: row.updated_at };
}

// Views belong to the signed-in user; no one else can list, change or delete them.
export async function registerSavedViewRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/saved-views', { config: { access: 'authenticated' }, schema: { tags, querystring: savedViewListQuery, response: { 200: savedViewListResponse } } }, async (req) => ({
    items: (await listSavedViews(db, requireUser(req.ctx).userId, req.query.module)).map(present),
  }));

  r.put('/saved-views', { config: { access: 'authenticated' }, schema: { tags, body: savedViewSaveBody, response: { 200: savedViewSchema } } }, async (req) =>
    present(await upsertSavedView(db, requireUser(req.ctx).userId, req.body.module, req.body.name, JSON.stringify(req.body.state), nowIso())),
  );

  r.delete('/saved-views/:id', { config: { access: 'authenticated' }, schema: { tags, params: idParam, response: { 200: okSchema } } }, async (req) => {
    if (!(await deleteSavedView(db, requireUser(req.ctx).userId, req.params.id))) throw notFound();
    return { ok: true as const };
  });
}
