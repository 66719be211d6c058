import { ALLOWED_PARENT_KINDS, type UnitKind } from '../../../../common/src/dictionaries/unit-kinds.js';
import type { UnitCreateBody, UnitUpdateBody } from '../../../../common/src/schemas/units.js';
import { errorMessage } from '../../../../common/src/i18n/errors.js';
import { writeAudit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors.js';
import type { Db, Executor } from '../../db/database.js';
import {
  countUnitMembers, deleteUnit, findUnitByCode, findUnitInScope, insertUnit, moveSubtree, updateUnit, type UnitRow,
} from './units.repository.js';

async function requireUnit(exec: Executor, ctx: Ctx, id: number): Promise<UnitRow> {
  const unit = await findUnitInScope(exec, ctx, id);
  if (!unit) throw notFound();
  return unit;
}

async function assertCodeFree(exec: Executor, code: string | null | undefined, exceptId?: number): Promise<void> {
  if (!code) return;
  const existing = await findUnitByCode(exec, code);
  if (existing && existing.id !== exceptId) throw new AppError(409, 'unit.codeTaken', { code }, { code: { key: 'unit.codeTaken', params: { code } } });
}

function assertKindFits(ctx: Ctx, kind: UnitKind, parent: UnitRow): void {
  if (!ALLOWED_PARENT_KINDS[kind].includes(parent.kind as UnitKind)) {
    const name = (k: string) => errorMessage(ctx.locale, `unitKind.${k as UnitKind}`);
    throw fieldError('kind', 'unit.kindNotAllowed', { kind: name(kind), parentKind: name(parent.kind) });
  }
}

export async function createUnit(db: Db, ctx: Ctx, body: UnitCreateBody): Promise<UnitRow> {
  return db.transaction().execute(async (trx) => {
    const parent = await findUnitInScope(trx, ctx, body.parentId);
    if (!parent) throw fieldError('parentId', 'unit.parentRequired');
    if (!parent.active) throw fieldError('parentId', 'unit.parentInactive');
    assertKindFits(ctx, body.kind, parent);
    const code = body.code || null;
    await assertCodeFree(trx, code);
    const id = await insertUnit(trx, { kind: body.kind, code, name: body.name, name_en: body.nameEn, sort_order: body.sortOrder }, parent);
    await writeAudit(trx, ctx, { action: 'unit.create', objectType: 'unit', objectId: id, detail: { parentId: parent.id, kind: body.kind } });
    return requireUnit(trx, ctx, id);
  });
}

export async function changeUnit(db: Db, ctx: Ctx, id: number, body: UnitUpdateBody): Promise<UnitRow> {
  return db.transaction().execute(async (trx) => {
    const unit = await requireUnit(trx, ctx, id);
    const isRoot = unit.parent_id === null;
    if (isRoot && (body.parentId !== undefined || body.active === false)) throw new AppError(400, 'unit.rootImmutable');

    if (body.parentId !== undefined && body.parentId !== unit.parent_id) {
      const parent = await findUnitInScope(trx, ctx, body.parentId);
      if (!parent) throw fieldError('parentId', 'unit.parentRequired');
      if (parent.path.startsWith(unit.path)) throw fieldError('parentId', 'unit.cycle');
      if (!parent.active) throw fieldError('parentId', 'unit.parentInactive');
      assertKindFits(ctx, unit.kind as UnitKind, parent);
      await moveSubtree(trx, unit, parent);
      await writeAudit(trx, ctx, { action: 'unit.move', objectType: 'unit', objectId: id, detail: { from: unit.parent_id, to: parent.id } });
    }

    if (body.active === false && unit.active) {
      // A deactivated unit must not leave working accounts or live sub-units behind it.
      const members = await countUnitMembers(trx, id, { activeOnly: true });
      if (members.children > 0 || members.users > 0) throw conflict('unit.hasActiveMembers', members);
    }
    if (body.code !== undefined) await assertCodeFree(trx, body.code || null, id);
    const changes = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.nameEn !== undefined ? { name_en: body.nameEn } : {}),
      ...(body.code !== undefined ? { code: body.code || null } : {}),
      ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
      ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
    };
    if (Object.keys(changes).length > 0) {
      await updateUnit(trx, id, changes);
      const action = body.active === false ? 'unit.deactivate' : body.active === true && !unit.active ? 'unit.reactivate' : 'unit.update';
      await writeAudit(trx, ctx, { action, objectType: 'unit', objectId: id, detail: { fields: Object.keys(changes) } });
    }
    return requireUnit(trx, ctx, id);
  });
}

export async function removeUnit(db: Db, ctx: Ctx, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unit = await requireUnit(trx, ctx, id);
    if (unit.parent_id === null) throw new AppError(400, 'unit.rootImmutable');
    const members = await countUnitMembers(trx, id);
    if (members.children > 0 || members.users > 0) throw conflict('unit.hasMembers', members);
    await deleteUnit(trx, id);
    await writeAudit(trx, ctx, { action: 'unit.delete', objectType: 'unit', objectId: id, detail: { name: unit.name, kind: unit.kind } });
  });
}
