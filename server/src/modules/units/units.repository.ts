import { sql } from 'kysely';
import { scopePath, type Ctx } from '../../platform/context.js';
import { unitPathInScope } from '../../platform/scope.js';
import { nowIso, type Executor } from '../../db/database.js';
import type { UnitsTable } from '../../db/schema.js';

export interface UnitRow {
  id: number;
  parent_id: number | null;
  kind: string;
  code: string | null;
  name: string;
  name_en: string;
  path: string;
  depth: number;
  sort_order: number;
  active: number;
  child_count: number;
}

function selectUnits(exec: Executor, ctx: Ctx) {
  return exec
    .selectFrom('units as u')
    .select(['u.id', 'u.parent_id', 'u.kind', 'u.code', 'u.name', 'u.name_en', 'u.path', 'u.depth', 'u.sort_order', 'u.active'])
    .select((eb) => eb.selectFrom('units as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 'u.id').as('child_count'))
    .where(unitPathInScope(ctx, 'u.path'));
}

export async function listUnitsInScope(exec: Executor, ctx: Ctx, opts: { includeInactive: boolean }): Promise<UnitRow[]> {
  let q = selectUnits(exec, ctx);
  if (!opts.includeInactive) q = q.where('u.active', '=', 1);
  const rows = await q.orderBy('u.depth').orderBy('u.sort_order').orderBy('u.id').execute();
  return rows.map(normalise);
}

export async function findUnitInScope(exec: Executor, ctx: Ctx, id: number): Promise<UnitRow | undefined> {
  const row = await selectUnits(exec, ctx).where('u.id', '=', id).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

function normalise<T extends { child_count: unknown }>(row: T): T & { child_count: number } {
  return { ...row, child_count: Number(row.child_count ?? 0) };
}

/** Active units under the actor's own unit (the unit itself not counted), by kind. */
export async function countSubUnitsByKindInScope(exec: Executor, ctx: Ctx): Promise<Record<string, number>> {
  const rows = await exec
    .selectFrom('units as u')
    .select(['u.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where(unitPathInScope(ctx, 'u.path'))
    .where('u.path', '!=', scopePath(ctx))
    .where('u.active', '=', 1)
    .groupBy('u.kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

export async function findUnitByCode(exec: Executor, code: string): Promise<{ id: number } | undefined> {
  return exec.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst();
}

/**
 * The district a command-line import creates when the database has none yet (lists can be loaded
 * before anyone has set the instance up); the first-run set-up then names it.
 */
export const PLACEHOLDER_DISTRICT = { kind: 'district', code: null, name: '本区（待设置）', name_en: 'District (not set up yet)', sort_order: 0 } as const;

export async function findRootUnit(exec: Executor): Promise<{ id: number; name: string; name_en: string; path: string } | undefined> {
  return exec.selectFrom('units').select(['id', 'name', 'name_en', 'path']).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
}

export async function insertUnit(
  exec: Executor,
  values: Pick<UnitsTable, 'kind' | 'code' | 'name' | 'name_en' | 'sort_order'>,
  parent: { id: number; path: string; depth: number } | null,
): Promise<number> {
  const now = nowIso();
  const { id } = await exec
    .insertInto('units')
    .values({ ...values, parent_id: parent?.id ?? null, path: 'pending', depth: parent ? parent.depth + 1 : 0, active: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await exec.updateTable('units').set({ path: `${parent?.path ?? '/'}${id}/` }).where('id', '=', id).execute();
  return id;
}

export async function updateUnit(exec: Executor, id: number, values: Partial<Pick<UnitsTable, 'name' | 'name_en' | 'code' | 'sort_order' | 'active'>>): Promise<void> {
  await exec.updateTable('units').set({ ...values, updated_at: nowIso() }).where('id', '=', id).execute();
}

/** Moves a unit and its whole subtree: one statement rewrites every descendant's path and depth. */
export async function moveSubtree(exec: Executor, unit: { id: number; path: string; depth: number }, parent: { id: number; path: string; depth: number }): Promise<void> {
  const newPath = `${parent.path}${unit.id}/`;
  const depthDelta = parent.depth + 1 - unit.depth;
  await exec.updateTable('units').set({ parent_id: parent.id, updated_at: nowIso() }).where('id', '=', unit.id).execute();
  await exec
    .updateTable('units')
    .set({
      path: sql<string>`${newPath} || substr(path, ${unit.path.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
    })
    .where('path', 'like', `${unit.path}%`)
    .execute();
}

/** Sub-units and accounts directly in a unit; `activeOnly` counts only those still in use. */
export async function countUnitMembers(exec: Executor, id: number, opts: { activeOnly?: boolean } = {}): Promise<{ children: number; users: number }> {
  let children = exec.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id);
  let users = exec.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', id);
  if (opts.activeOnly) {
    children = children.where('active', '=', 1);
    users = users.where('active', '=', 1);
  }
  const [c, u] = [await children.executeTakeFirstOrThrow(), await users.executeTakeFirstOrThrow()];
  return { children: Number(c.n), users: Number(u.n) };
}

export async function deleteUnit(exec: Executor, id: number): Promise<void> {
  await exec.deleteFrom('units').where('id', '=', id).execute();
}
