import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import { scopePath, type Ctx } from './context.js';

// Data scope = the actor's unit subtree. These are the named query fragments every repository
// uses for every read path (list, get by id, search, counts, export); nothing filters by hand.

function subtreePattern(ctx: Ctx): string {
  return `${scopePath(ctx)}%`;
}

/** The unit whose path is in `pathColumn` lies inside the actor's subtree. */
export function unitPathInScope(ctx: Ctx, pathColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(pathColumn)} like ${subtreePattern(ctx)}`;
}

/** A row's unit id is one of the units the actor may see (set-based, one subquery). */
export function unitIdInScope(ctx: Ctx, unitIdColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(unitIdColumn)} in (select scope_units.id from units as scope_units where scope_units.path like ${subtreePattern(ctx)})`;
}

/**
 * The same test, written so the database checks it row by row instead of driving the query with
 * it (unary plus hides the column from index selection). For sorted, paged lists: the sort order's
 * index then finds the first page without sorting the whole scope.
 */
export function unitIdInScopeChecked(ctx: Ctx, unitIdColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`+${sql.ref(unitIdColumn)} in (select scope_units.id from units as scope_units where scope_units.path like ${subtreePattern(ctx)})`;
}

/** How many units the actor's scope holds, out of how many there are. */
async function scopeSize(exec: Executor, ctx: Ctx): Promise<{ inside: number; total: number }> {
  const row = await sql<{ inside: number; total: number }>`select (select count(*) from units where path like ${subtreePattern(ctx)}) as inside, (select count(*) from units) as total`.execute(exec);
  const r = row.rows[0];
  return { inside: Number(r?.inside ?? 0), total: Number(r?.total ?? 0) };
}

/**
 * Below this share of the units, looking a scope's persons up by unit beats scanning another
 * index for them: with persons spread evenly, the crossover is near √(page × all) persons, under
 * 1% of a district.
 */
const SMALL_SCOPE_SHARE = 0.01;

export type ScopeUse = 'sortedPage' | 'count';

/**
 * The scope condition that lets the best index drive the query, by how much of the district the
 * scope covers and what the query does:
 * - the whole district needs no condition at all;
 * - a single unit is an equality, so an index on (unit, sort key) serves the page in order;
 * - a sorted page (list, search, export) over a town or more checks the scope per row, so the sort
 *   or search index drives; a few units are looked up by unit and sorted;
 * - a count always looks persons up by unit (a covering index range per unit).
 */
export async function unitIdScopeFor(exec: Executor, ctx: Ctx, unitIdColumn: string, use: ScopeUse): Promise<Expression<SqlBool> | null> {
  const { inside, total } = await scopeSize(exec, ctx);
  if (total > 0 && inside >= total) return null;
  if (inside === 1 && ctx.actor?.kind === 'user') return sql<SqlBool>`${sql.ref(unitIdColumn)} = ${ctx.actor.unitId}`;
  if (use === 'sortedPage' && inside / Math.max(1, total) > SMALL_SCOPE_SHARE) return unitIdInScopeChecked(ctx, unitIdColumn);
  return unitIdInScope(ctx, unitIdColumn);
}
