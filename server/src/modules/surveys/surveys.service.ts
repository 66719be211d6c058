import type { z } from 'zod';
import type { Campaign, SurveyItem, SurveyOutcome, surveyItemsQuery, TownProgress } from '../../../../common/src/schemas/surveys.js';
import { nowIso, type Db } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import { actorRef, systemActor, type Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, pageFrom } from '../../platform/pagination.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { withWriteLock } from '../../platform/write-lock.js';
import { changePerson } from '../persons/person-writer.js';
import { findPersonInScope } from '../persons/persons.repository.js';
import { writerCtx } from '../persons/persons.service.js';
import {
  activePersonsAfter,
  closeCampaignRow,
  countItems,
  findCampaign,
  findItemInScope,
  insertCampaign,
  insertItems,
  listCampaigns,
  listItems,
  openCampaignRow,
  progressByTown,
  setItemCount,
  townOfUnit,
  updateItem,
  type CampaignRow,
} from './surveys.repository.js';

// The annual survey (摸底): opening a campaign snapshots every active person as an item of the
// street or town they belong to; officers verify each (still here, moved away, left the strata,
// deceased), which also sets the person's status, with the officer named in its history.

/** The person status each outcome leaves. */
const STATUS_OF: Record<SurveyOutcome, string> = { confirmed: 'active', moved: 'moved', left: 'left', deceased: 'deceased' };

export function presentCampaign(c: CampaignRow): Campaign {
  return { id: c.id, name: c.name, status: c.status as Campaign['status'], itemCount: c.item_count, openedByName: c.opened_by_name, openedAt: c.opened_at, closedAt: c.closed_at };
}

export async function campaigns(db: Db): Promise<Campaign[]> {
  return (await listCampaigns(db)).map(presentCampaign);
}

async function requireCampaign(db: Db, id: number): Promise<CampaignRow> {
  const c = await findCampaign(db, id);
  if (!c) throw new AppError(404, 'notFound');
  return c;
}

export async function openCampaign(db: Db, ctx: Ctx, name: string): Promise<Campaign> {
  const actor = actorRef(ctx);
  return withWriteLock(() =>
    db.transaction().execute(async (trx) => {
      const open = await openCampaignRow(trx);
      if (open) throw new AppError(409, 'survey.alreadyOpen', { name: open.name });
      const at = nowIso();
      const id = await insertCampaign(trx, { name, status: 'open', opened_by: actor.id, opened_by_name: actor.name.slice(0, 60), opened_at: at });
      const towns = await townOfUnit(trx);
      let n = 0;
      for (let after = 0; ; ) {
        const page = await activePersonsAfter(trx, after, 2000);
        if (!page.length) break;
        await insertItems(
          trx,
          page.map((p) => ({ campaign_id: id, person_id: p.id, person_name: p.name, town_id: towns.get(p.unit_id) ?? null, status: 'pending' })),
        );
        n += page.length;
        after = page[page.length - 1]!.id;
      }
      await setItemCount(trx, id, n);
      await writeAudit(trx, ctx, { action: 'survey.open', objectType: 'surveyCampaign', objectId: id, detail: { name, items: n } });
      return presentCampaign((await findCampaign(trx, id))!);
    }),
  );
}

export async function closeCampaign(db: Db, ctx: Ctx, id: number): Promise<Campaign> {
  return withWriteLock(() =>
    db.transaction().execute(async (trx) => {
      const c = await findCampaign(trx, id);
      if (!c) throw new AppError(404, 'notFound');
      if (c.status !== 'open') throw new AppError(409, 'survey.closed');
      await closeCampaignRow(trx, id, nowIso());
      await writeAudit(trx, ctx, { action: 'survey.close', objectType: 'surveyCampaign', objectId: id, detail: { name: c.name } });
      return presentCampaign((await findCampaign(trx, id))!);
    }),
  );
}

export async function progress(db: Db, ctx: Ctx, id: number): Promise<{ campaign: Campaign; towns: TownProgress[] }> {
  const c = await requireCampaign(db, id);
  const rows = await progressByTown(db, ctx, id);
  const towns = new Map<string, TownProgress>();
  for (const r of rows) {
    const key = String(r.townId);
    const t = towns.get(key) ?? { townId: r.townId, townName: r.townName, total: 0, pending: 0, confirmed: 0, moved: 0, left: 0, deceased: 0 };
    t.total += r.n;
    if (r.status in t) (t as unknown as Record<string, number>)[r.status] += r.n;
    towns.set(key, t);
  }
  return { campaign: presentCampaign(c), towns: [...towns.values()].sort((a, b) => (a.townName ?? '\uffff').localeCompare(b.townName ?? '\uffff', 'zh-CN')) };
}

export async function items(db: Db, ctx: Ctx, id: number, q: z.infer<typeof surveyItemsQuery>) {
  await requireCampaign(db, id);
  const after = decodeCursor<{ id: number }>(q.cursor, ['id']);
  const f = { status: q.status, townId: q.townId };
  const [rows, total] = await Promise.all([listItems(db, ctx, id, f, after?.id ?? null, q.limit), countItems(db, ctx, id, f)]);
  const page = pageFrom(rows, q.limit, (r) => ({ id: r.id }));
  return {
    items: page.items.map(
      (r): SurveyItem => ({
        id: r.id,
        personId: r.person_id,
        personName: r.person_name,
        townName: r.town_name,
        employerName: r.employer_name,
        mobile: r.mobile_masked,
        status: r.status as SurveyItem['status'],
        note: r.note,
        verifiedByName: r.verified_by_name,
        verifiedAt: r.verified_at,
      }),
    ),
    total,
    nextCursor: page.nextCursor,
  };
}

export async function verify(db: Db, ctx: Ctx, cipher: PersonalDataCipher, id: number, itemId: number, outcome: SurveyOutcome, note: string): Promise<void> {
  const actor = actorRef(ctx);
  await withWriteLock(() =>
    db.transaction().execute(async (trx) => {
      const c = await findCampaign(trx, id);
      if (!c) throw new AppError(404, 'notFound');
      const item = await findItemInScope(trx, ctx, id, itemId);
      if (!item) throw new AppError(404, 'notFound');
      if (c.status !== 'open') throw new AppError(409, 'survey.closed');
      const at = nowIso();
      await updateItem(trx, itemId, { status: outcome, note, verified_by: actor.id, verified_by_name: actor.name.slice(0, 60), verified_at: at });
      const person = await findPersonInScope(trx, { ...ctx, actor: systemActor('survey') }, item.person_id);
      if (person) {
        await changePerson(trx, writerCtx(ctx, cipher), person, { status: STATUS_OF[outcome] }, { fallbackUnitId: person.unit_id });
      }
      await writeAudit(trx, ctx, { action: 'survey.verify', objectType: 'person', objectId: item.person_id, detail: { campaign: id, outcome, note } });
    }),
  );
}
