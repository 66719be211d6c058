import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { SurveyCampaignsTable, SurveyItemsTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { unitIdInScope } from '../../platform/scope.js';

// The only Kysely code of the survey module.

export type CampaignRow = Selectable<SurveyCampaignsTable>;

export async function listCampaigns(exec: Executor): Promise<CampaignRow[]> {
  return exec.selectFrom('survey_campaigns').selectAll().orderBy('id', 'desc').limit(50).execute();
}

export async function findCampaign(exec: Executor, id: number): Promise<CampaignRow | undefined> {
  return exec.selectFrom('survey_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function openCampaignRow(exec: Executor): Promise<CampaignRow | undefined> {
  return exec.selectFrom('survey_campaigns').selectAll().where('status', '=', 'open').executeTakeFirst();
}

export async function insertCampaign(exec: Executor, values: Insertable<SurveyCampaignsTable>): Promise<number> {
  return (await exec.insertInto('survey_campaigns').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function closeCampaignRow(exec: Executor, id: number, at: string): Promise<void> {
  await exec.updateTable('survey_campaigns').set({ status: 'closed', closed_at: at }).where('id', '=', id).execute();
}

export async function setItemCount(exec: Executor, id: number, n: number): Promise<void> {
  await exec.updateTable('survey_campaigns').set({ item_count: n }).where('id', '=', id).execute();
}

/** Every unit's street or town (itself or its ancestor), from the materialised paths. */
export async function townOfUnit(exec: Executor): Promise<Map<number, number | null>> {
  const units = await exec.selectFrom('units').select(['id', 'kind', 'path']).execute();
  const towns = new Map(units.filter((u) => u.kind === 'town' || u.kind === 'street').map((u) => [u.id, u.path]));
  const out = new Map<number, number | null>();
  for (const u of units) {
    const ids = u.path.split('/').filter(Boolean).map(Number);
    out.set(u.id, ids.find((id) => towns.has(id)) ?? null);
  }
  return out;
}

export async function activePersonsAfter(exec: Executor, afterId: number, limit: number) {
  return exec.selectFrom('persons').select(['id', 'name', 'unit_id']).where('status', '=', 'active').where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function insertItems(exec: Executor, rows: Insertable<SurveyItemsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await exec.insertInto('survey_items').values(rows.slice(i, i + 500)).execute();
}

/** Items whose person is in the actor's scope (a merged-away person's item drops out). */
function itemsInScope(exec: Executor, ctx: Ctx, campaignId: number) {
  return exec
    .selectFrom('survey_items as i')
    .innerJoin('persons as p', 'p.id', 'i.person_id')
    .where('i.campaign_id', '=', campaignId)
    .where(unitIdInScope(ctx, 'p.unit_id'));
}

export async function progressByTown(exec: Executor, ctx: Ctx, campaignId: number) {
  const rows = await itemsInScope(exec, ctx, campaignId)
    .leftJoin('units as t', 't.id', 'i.town_id')
    .select(['i.town_id', 't.name as town_name', 'i.status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['i.town_id', 't.name', 'i.status'])
    .execute();
  return rows.map((r) => ({ townId: r.town_id, townName: r.town_name, status: r.status, n: Number(r.n) }));
}

export interface ItemRow {
  id: number;
  person_id: number;
  person_name: string;
  town_name: string | null;
  employer_name: string | null;
  mobile_masked: string | null;
  status: string;
  note: string;
  verified_by_name: string | null;
  verified_at: string | null;
}

export async function listItems(exec: Executor, ctx: Ctx, campaignId: number, f: { status?: string; townId?: number }, afterId: number | null, limit: number): Promise<ItemRow[]> {
  let q = itemsInScope(exec, ctx, campaignId)
    .leftJoin('units as t', 't.id', 'i.town_id')
    .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['i.id', 'i.person_id', 'p.name as person_name', 't.name as town_name', 'o.name as employer_name', 'p.mobile_masked', 'i.status', 'i.note', 'i.verified_by_name', 'i.verified_at']);
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.townId) q = q.where('i.town_id', '=', f.townId);
  if (afterId) q = q.where('i.id', '>', afterId);
  return (await q.orderBy('i.id').limit(limit + 1).execute()) as ItemRow[];
}

export async function countItems(exec: Executor, ctx: Ctx, campaignId: number, f: { status?: string; townId?: number }): Promise<number> {
  let q = itemsInScope(exec, ctx, campaignId).select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.townId) q = q.where('i.town_id', '=', f.townId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function findItemInScope(exec: Executor, ctx: Ctx, campaignId: number, itemId: number) {
  return itemsInScope(exec, ctx, campaignId).select(['i.id', 'i.person_id', 'i.status']).where('i.id', '=', itemId).executeTakeFirst();
}

export async function updateItem(exec: Executor, id: number, values: { status: string; note: string; verified_by: number | null; verified_by_name: string; verified_at: string }): Promise<void> {
  await exec.updateTable('survey_items').set(values).where('id', '=', id).execute();
}

/** Since the latest campaign opened: persons added in scope, and its verified outcomes in scope. */
export async function sinceLatestCampaign(exec: Executor, ctx: Ctx) {
  const latest = await exec.selectFrom('survey_campaigns').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!latest) return null;
  const [added, outcomes] = await Promise.all([
    exec
      .selectFrom('persons as p')
      .where(unitIdInScope(ctx, 'p.unit_id'))
      .where('p.created_at', '>', latest.opened_at)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
    itemsInScope(exec, ctx, latest.id).select(['i.status', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('i.status').execute(),
  ]);
  const by = Object.fromEntries(outcomes.map((o) => [o.status, Number(o.n)]));
  return { campaign: latest, added: Number(added.n), by };
}
