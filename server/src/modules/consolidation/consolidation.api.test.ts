import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewPair } from '../../../../common/src/schemas/consolidation.js';
import { residentIdCheckChar } from '../../../../common/src/validation/resident-id.js';
import { readWorkbook } from '../../platform/spreadsheets/read-workbook.js';
import { hashPassword } from '../../platform/passwords.js';
import { findRoleIdByCode } from '../roles/roles.repository.js';
import { findRootUnit } from '../units/units.repository.js';
import { insertUser } from '../users/users.repository.js';
import { createTestEnv, DEMO_PASSWORD, DIALECTS, loggedIn, type TestClient, type TestEnv } from '../../test/harness.js';

// Consolidation through the API as its users meet it: the district runs it as a job; town officers
// decide the doubtful pairs of their own town only; a merge can be undone and gives back exactly
// what was merged.

const id = (first17: string) => first17 + residentIdCheckChar(first17);
const HEADER = '姓名,性别,出生年月,身份证号码,联系电话,工作单位,所在镇街';
const csv = (rows: string[]) => Buffer.from(`${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

describe.each(DIALECTS)('consolidation API on %s', (dialect) => {
  let env: TestEnv;
  let staff: TestClient;
  let hongshan: TestClient;
  let community: TestClient;

  const upload = async (fileName: string, source: string, bytes: Buffer) => {
    const res = await staff.upload(`/imports?fileName=${encodeURIComponent(fileName)}&source=${encodeURIComponent(source)}`, bytes);
    expect(res.status).toBe(200);
    const commit = await staff.post(`/imports/${res.body.batch.id}/commit`);
    expect(commit.status).toBe(200);
    await env.app.deps.worker.drain();
    const job = await staff.get(`/jobs/${commit.body.jobId}`);
    expect(job.body.status, JSON.stringify(job.body)).toBe('succeeded');
    return res.body.batch.id as number;
  };
  const recordsOf = async (batchId: number) =>
    env.database.db.selectFrom('source_records').select(['id', 'person_id', 'name']).where('batch_id', '=', batchId).orderBy('row_number').execute();
  const queuePair = async (a: number, b: number, weight: number) => {
    const row = await env.database.db
      .insertInto('link_pairs')
      .values({ record_a: Math.min(a, b), record_b: Math.max(a, b), weight, contributions: JSON.stringify([{ field: 'name', level: 'exact', weight }]), status: 'review', created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  let hongshanPair: number;
  let crossTownPair: number;
  let batchA: number;
  let batchB: number;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    staff = await loggedIn(env.app, 'staff');
    hongshan = await loggedIn(env.app, 'hongshan');
    community = await loggedIn(env.app, 'community');
    // Two lists whose rows share only a name: the engine links none of them; the pairs are queued
    // by hand here (the engine's banding is tested with the engine).
    batchA = await upload('工商联名单.csv', '区工商联', csv([
      '李强,男,1983.04,,13805337001,淄川华宇陶瓷有限公司,洪山镇',
      '刘洋,男,1991.09,,13905337002,淄川顺达物流,洪山镇',
    ]));
    batchB = await upload('人社局名单.csv', '区人社局', csv([
      '李强,男,1986.11,,13905339999,淄川博山电器商行,洪山镇',
      '刘洋,男,1975.02,,13705337777,昆仑建安集团,昆仑镇',
    ]));
    const a = await recordsOf(batchA);
    const b = await recordsOf(batchB);
    hongshanPair = await queuePair(a[0]!.id, b[0]!.id, 5.5);
    crossTownPair = await queuePair(a[1]!.id, b[1]!.id, 4.2);
  });
  afterAll(() => env.close());

  it('runs as a job the district starts, one at a time, and reports what it did', async () => {
    const started = await staff.post('/consolidation/runs');
    expect(started.status).toBe(200);
    const second = await staff.post('/consolidation/runs');
    expect(second.status).toBe(409);
    expect(second.body.message).toContain(String(started.body.jobId));
    expect((await staff.get('/consolidation/runs')).body.activeJobId).toBe(started.body.jobId);
    await env.app.deps.worker.drain();
    const job = await staff.get(`/jobs/${started.body.jobId}`);
    expect(job.body.status).toBe('succeeded');
    const runs = await staff.get('/consolidation/runs');
    expect(runs.body.activeJobId).toBeNull();
    expect(runs.body.pendingRecords).toBe(0);
    expect(runs.body.items[0]).toMatchObject({ kind: 'full', status: 'succeeded', pendingRecords: 4, startedByName: '王晓梅' });
    // A town officer cannot run it: it touches the whole district.
    expect((await hongshan.post('/consolidation/runs')).status).toBe(403);
  });

  it("lets another district staff member follow a run they did not start, but not someone else's other jobs", async () => {
    const db = env.database.db;
    const root = await findRootUnit(db);
    await insertUser(db, { username: 'staff2', display_name: '赵敏', unit_id: root!.id, password_hash: await hashPassword(DEMO_PASSWORD), must_change_password: 0 }, [(await findRoleIdByCode(db, 'district_staff'))!]);
    const staff2 = await loggedIn(env.app, 'staff2');
    const run = await staff.post('/consolidation/runs');
    expect((await staff2.get(`/jobs/${run.body.jobId}`)).status).toBe(200);
    expect((await hongshan.get(`/jobs/${run.body.jobId}`)).status).toBe(404);
    await env.app.deps.worker.drain();
    const exported = await staff.post('/persons/export', { filter: {} });
    expect((await staff2.get(`/jobs/${exported.body.jobId}`)).status).toBe(404);
    await env.app.deps.worker.drain();
  });

  it("shows a town officer only pairs of their own town's persons, with IDs and mobiles masked", async () => {
    const mine = await hongshan.get('/consolidation/review');
    expect(mine.status).toBe(200);
    const ids = (mine.body.items as ReviewPair[]).map((p) => p.id);
    expect(ids).toContain(hongshanPair);
    expect(ids).not.toContain(crossTownPair);
    expect(mine.body.total).toBe(ids.length);
    expect((await hongshan.get(`/consolidation/review/${crossTownPair}`)).status).toBe(404);
    const all = await staff.get('/consolidation/review');
    expect((all.body.items as ReviewPair[]).map((p) => p.id)).toEqual(expect.arrayContaining([hongshanPair, crossTownPair]));
    const pair = (all.body.items as ReviewPair[]).find((p) => p.id === hongshanPair)!;
    expect(pair.a.values.mobile).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(pair.a.values.name).toBe('李强');
    expect(pair.a.sourceName).toBe('区工商联');
    expect(pair.b.rowNumber).toBe(2);
    expect(pair.contributions[0]).toMatchObject({ field: 'name' });
    expect((await community.get('/consolidation/review')).status).toBe(403);
  });

  it('merges on "same", never asks again, and undoing the merge gives everything back', async () => {
    const before = await staff.get(`/consolidation/review/${hongshanPair}`);
    const [survivorId, mergedId] = [before.body.a.personId, before.body.b.personId].sort((x: number, y: number) => x - y);
    const mergedBefore = (await staff.get(`/persons/${mergedId}`)).body;
    const survivorBefore = (await staff.get(`/persons/${survivorId}`)).body;

    const decided = await hongshan.post(`/consolidation/review/${hongshanPair}/decision`, { decision: 'same' });
    expect(decided.status).toBe(200);
    expect(decided.body.pair).toMatchObject({ status: 'same', samePerson: true, decidedByName: '张磊' });
    expect(decided.body.mergeId).toBeGreaterThan(0);
    expect((await staff.get(`/persons/${mergedId}`)).status).toBe(404);
    expect((await staff.get(`/persons/${survivorId}/sources`)).body.items).toHaveLength(2);
    expect((await hongshan.post(`/consolidation/review/${hongshanPair}/decision`, { decision: 'different' })).status).toBe(409);
    expect((await hongshan.get('/consolidation/review')).body.items.map((p: ReviewPair) => p.id)).not.toContain(hongshanPair);

    const merges = await staff.get(`/persons/${survivorId}/merges`);
    expect(merges.body.items).toHaveLength(1);
    expect(merges.body.items[0]).toMatchObject({ mergedId, mergedName: '李强', method: 'manual', recordCount: 1, actorName: '张磊', undoneAt: null });

    expect((await hongshan.post(`/person-merges/${decided.body.mergeId}/undo`, { reason: ' ' })).status).toBe(400);
    const undone = await hongshan.post(`/person-merges/${decided.body.mergeId}/undo`, { reason: '两人手机号不同，经核实不是同一人' });
    expect(undone.status).toBe(200);
    expect(undone.body).toEqual({ survivorId, restoredId: mergedId });
    const mergedAfter = (await staff.get(`/persons/${mergedId}`)).body;
    const survivorAfter = (await staff.get(`/persons/${survivorId}`)).body;
    for (const field of ['name', 'gender', 'birthDate', 'mobile', 'employerName', 'workTownId']) {
      expect(mergedAfter[field], field).toEqual(mergedBefore[field]);
      expect(survivorAfter[field], field).toEqual(survivorBefore[field]);
    }
    expect((await staff.get(`/persons/${mergedId}/sources`)).body.items).toHaveLength(1);
    expect((await staff.get(`/persons/${survivorId}/sources`)).body.items).toHaveLength(1);
    expect((await hongshan.post(`/person-merges/${decided.body.mergeId}/undo`, { reason: '再来一次' })).status).toBe(409);
    const audit = await env.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['person.merge', 'person.split', 'consolidation.decide']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['consolidation.decide', 'person.merge', 'person.split']);
  });

  it('keeps "different" for good: a later run does not queue the pair again', async () => {
    const res = await staff.post(`/consolidation/review/${crossTownPair}/decision`, { decision: 'different' });
    expect(res.status).toBe(200);
    expect(res.body.pair.status).toBe('different');
    await upload('补充名单.csv', '区工商联', csv(['王磊,男,1979.12,,13605338888,淄川金鼎建材,昆仑镇']));
    await staff.post('/consolidation/runs');
    await env.app.deps.worker.drain();
    const rows = await env.database.db.selectFrom('link_pairs').select(['id', 'status']).execute();
    expect(rows.find((r) => r.id === crossTownPair)!.status).toBe('different');
    expect((await staff.get('/consolidation/review?status=different')).body.items.map((p: ReviewPair) => p.id)).toEqual([crossTownPair]);
  });

  it('accepts in bulk only the pairs at or above the chosen weight', async () => {
    const extra = await recordsOf(await upload('镇街摸底.csv', '洪山镇摸底', csv(['赵刚,男,1988.08,,13805331111,淄川恒力机械,洪山镇', '赵刚,男,1969.03,,13805332222,淄川鲁中书店,洪山镇'])));
    const high = await queuePair(extra[0]!.id, extra[1]!.id, 9.1);
    const low = await queuePair(batchA === 0 ? 0 : (await recordsOf(batchA))[1]!.id, extra[0]!.id, 2.5);
    const res = await staff.post('/consolidation/review/accept', { minWeight: 8 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 1, merged: 1 });
    const statuses = await env.database.db.selectFrom('link_pairs').select(['id', 'status']).where('id', 'in', [high, low]).execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [high]: 'same', [low]: 'review' });
    void batchB;
  });

  it('counts distinct persons in the caller scope, per source with its overlap and unique share', async () => {
    const district = await staff.get('/consolidation/headcount');
    expect(district.status).toBe(200);
    expect(district.body.total).toBe((await staff.get('/persons/count')).body.total);
    const sources = Object.fromEntries((district.body.sources as { name: string; persons: number; unique: number }[]).map((s) => [s.name, s]));
    expect(sources['区人社局']).toMatchObject({ persons: 2, unique: 2 });
    // 赵刚 and 赵刚 were accepted as one person: the survey names one person, from two rows.
    expect(sources['洪山镇摸底']).toMatchObject({ persons: 1, unique: 1 });
    expect(district.body.registryOnly).toBe(0);
    // Rows not consolidated yet count only where the caller can see their persons.
    const pendingBefore = { district: district.body.pendingRecords, town: (await hongshan.get('/consolidation/headcount')).body.pendingRecords };
    await upload('昆仑补报.csv', '昆仑镇摸底', csv(['孔亮,男,1990.10,,13905330999,昆仑陶瓷厂,昆仑镇']));
    expect((await staff.get('/consolidation/headcount')).body.pendingRecords).toBe(pendingBefore.district + 1);
    expect((await hongshan.get('/consolidation/headcount')).body.pendingRecords).toBe(pendingBefore.town);
    const town = await hongshan.get('/consolidation/headcount');
    expect(town.body.total).toBe((await hongshan.get('/persons/count')).body.total);
    expect(town.body.total).toBeLessThan(district.body.total);
    expect((town.body.byTown as { name: string }[]).every((t) => t.name === '洪山镇')).toBe(true);

    // The same figures as a spreadsheet for the meeting, with who exported it; the export is audited.
    const file = await hongshan.download('/consolidation/headcount/export');
    expect(file.status).toBe(200);
    expect(String(file.headers['content-disposition'])).toContain('.xlsx');
    const book = await readWorkbook(file.bytes, 'headcount.xlsx');
    const cells = book.sheets[0]!.rows.flat().map((v) => String(v ?? ''));
    expect(cells).toContain('去重后人数');
    expect(cells).toContain(String(town.body.total));
    expect(cells.some((v) => v.includes('区工商联'))).toBe(true);
    const audit = await env.database.db.selectFrom('audit_log').select('action').where('action', '=', 'consolidation.headcountExport').execute();
    expect(audit).toHaveLength(1);
  });

  it('merges two persons by hand with a reason, within the user scope', async () => {
    const a = await staff.post('/persons', { name: '周敏', gender: '2', mobile: '13905330001' });
    const b = await staff.post('/persons', { name: '周敏', gender: '2', birthDate: '1990-01-02' });
    expect((await staff.post(`/persons/${a.body.id}/merge`, { otherId: b.body.id, reason: '' })).status).toBe(400);
    expect((await staff.post(`/persons/${a.body.id}/merge`, { otherId: a.body.id, reason: '同一人' })).status).toBe(400);
    // Created by district staff without a town: outside the town officer's scope.
    expect((await hongshan.post(`/persons/${a.body.id}/merge`, { otherId: b.body.id, reason: '同一人' })).status).toBe(404);
    const merged = await staff.post(`/persons/${a.body.id}/merge`, { otherId: b.body.id, reason: '同一人，出生日期见工商联名单' });
    expect(merged.status).toBe(200);
    const survivor = (await staff.get(`/persons/${a.body.id}`)).body;
    expect(survivor.birthDate).toBe('1990-01-02');
    expect(survivor.mobile).toMatch(/^139\*{4}0001$/);
    const history = (await staff.get(`/persons/${a.body.id}/history`)).body.items.map((h: { field: string }) => h.field);
    expect(history).toEqual(expect.arrayContaining(['merged', 'birthDate']));
  });
});
