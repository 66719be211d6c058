import { nowIso, type Executor } from '../../db/database.js';

export async function anyUserExists(exec: Executor): Promise<boolean> {
  return !!(await exec.selectFrom('users').select('id').limit(1).executeTakeFirst());
}

export async function readSetting(exec: Executor, key: string): Promise<string | undefined> {
  return (await exec.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function writeSetting(exec: Executor, key: string, value: string): Promise<void> {
  const now = nowIso();
  await exec
    .insertInto('settings')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

export async function deleteSetting(exec: Executor, key: string): Promise<void> {
  await exec.deleteFrom('settings').where('key', '=', key).execute();
}
