import type { Executor } from '../../db/database.js';

export interface SavedViewRow {
  id: number;
  module: string;
  name: string;
  state: string;
  updated_at: string;
}

export async function listSavedViews(exec: Executor, userId: number, module: string): Promise<SavedViewRow[]> {
  return exec
    .selectFrom('saved_views')
    .select(['id', 'module', 'name', 'state', 'updated_at'])
    .where('user_id', '=', userId)
    .where('module', '=', module)
    .orderBy('name')
    .limit(100)
    .execute();
}

/** Saving under an existing name replaces that view: one name, one view. */
export async function upsertSavedView(exec: Executor, userId: number, module: string, name: string, state: string, at: string): Promise<SavedViewRow> {
  const existing = await exec.selectFrom('saved_views').select('id').where('user_id', '=', userId).where('module', '=', module).where('name', '=', name).executeTakeFirst();
  if (existing) {
    await exec.updateTable('saved_views').set({ state, updated_at: at }).where('id', '=', existing.id).execute();
  } else {
    await exec.insertInto('saved_views').values({ user_id: userId, module, name, state, created_at: at, updated_at: at }).execute();
  }
  return exec
    .selectFrom('saved_views')
    .select(['id', 'module', 'name', 'state', 'updated_at'])
    .where('user_id', '=', userId)
    .where('module', '=', module)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}

export async function deleteSavedView(exec: Executor, userId: number, id: number): Promise<boolean> {
  const res = await exec.deleteFrom('saved_views').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
