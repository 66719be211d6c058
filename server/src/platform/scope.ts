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

/** How much of the org tree the actor's scope covers (1 = the whole district). */
export async function scopeShare(exec: Executor, ctx: Ctx): Promise<number> {
  const row = await sql<{ inside: number; total: number }>`select (select count(*) from units where path like ${subtreePattern(ctx)}) as inside, (select count(*) from units) as total`.execute(exec);
  const r = row.rows[0];
  return r && Number(r.total) > 0 ? Number(r.inside) / Number(r.total) : 1;
}

/**
 * The scope condition for a sorted, paged list, chosen by how much of the district it covers:
 * the whole district needs none; a town or more is checked per row so the sort's index drives the
 * query; a community or a few are looked up by unit and sorted (there are few of them).
 */
export async function unitIdInScopeForPage(exec: Executor, ctx: Ctx, unitIdColumn: string): Promise<Expression<SqlBool> | null> {
  const share = await scopeShare(exec, ctx);
  if (share >= 1) return null;
  return share > SMALL_SCOPE_SHARE ? unitIdInScopeChecked(ctx, unitIdColumn) : unitIdInScope(ctx, unitIdColumn);
}

/**
 * Below this share of the units, sorting the scope's own persons beats scanning the sort index
 * for them: with persons spread evenly, the crossover is near √(page × all) persons, under 1% of
 * a district.
 */
const SMALL_SCOPE_SHARE = 0.01;
