import { sql, type Expression, type SqlBool } from 'kysely';
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
