import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorSchema, idParam, okSchema } from '../../../../common/src/schemas/common.js';
import { unitCreateBody, unitListQuery, unitListResponse, unitSchema, unitUpdateBody, type Unit } from '../../../../common/src/schemas/units.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { unitAbilities } from './units.policy.js';
import { findUnitInScope, listUnitsInScope, type UnitRow } from './units.repository.js';
import { changeUnit, createUnit, removeUnit } from './units.service.js';

const tags = ['units'];

export function presentUnit(ctx: Ctx, row: UnitRow): Unit {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind as Unit['kind'],
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    path: row.path,
    depth: row.depth,
    sortOrder: row.sort_order,
    active: row.active === 1,
    childCount: row.child_count,
    abilities: unitAbilities(ctx, row),
  };
}

export async function registerUnitRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/units', { config: { access: 'unit.read' }, schema: { tags, querystring: unitListQuery, response: { 200: unitListResponse } } }, async (req) => {
    const rows = await listUnitsInScope(db, req.ctx, { includeInactive: req.query.includeInactive });
    return { items: rows.map((row) => presentUnit(req.ctx, row)) };
  });

  r.get('/units/:id', { config: { access: 'unit.read' }, schema: { tags, params: idParam, response: { 200: unitSchema, 404: errorSchema } } }, async (req) => {
    const row = await findUnitInScope(db, req.ctx, req.params.id);
    if (!row) throw notFound();
    return presentUnit(req.ctx, row);
  });

  r.post('/units', { config: { access: 'unit.manage' }, schema: { tags, body: unitCreateBody, response: { 200: unitSchema } } }, async (req) =>
    presentUnit(req.ctx, await createUnit(db, req.ctx, req.body)),
  );

  r.patch('/units/:id', { config: { access: 'unit.manage' }, schema: { tags, params: idParam, body: unitUpdateBody, response: { 200: unitSchema } } }, async (req) =>
    presentUnit(req.ctx, await changeUnit(db, req.ctx, req.params.id, req.body)),
  );

  r.delete('/units/:id', { config: { access: 'unit.manage' }, schema: { tags, params: idParam, response: { 200: okSchema } } }, async (req) => {
    await removeUnit(db, req.ctx, req.params.id);
    return { ok: true as const };
  });
}
