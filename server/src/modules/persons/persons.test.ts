import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, DIALECTS, loggedIn, type TestClient, type TestEnv } from '../../test/harness.js';
import type { Person, PersonListItem, PersonSearchHit } from '../../../../common/src/schemas/persons.js';
import { residentIdCheckChar } from '../../../../common/src/validation/resident-id.js';
import { generatePersons } from '../../synth/persons.js';
import { readWorkbook } from '../../platform/spreadsheets/read-workbook.js';

// The registry through the API: masking, reveal with audit, data scope on every read path,
// search by every key the search box promises, create/edit with history, keyset pages.

const SEEDED = 240;
const synth = [...generatePersons(2026, SEEDED)];

describe.each(DIALECTS)('person registry on %s', (dialect) => {
  let env: TestEnv;
  let staff: TestClient;
  let hongshan: TestClient;
  let leader: TestClient;

  const all = async (client: TestClient, query = ''): Promise<PersonListItem[]> => {
    const items: PersonListItem[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: PersonListItem[]; nextCursor: string | null } } = await client.get(`/persons?limit=37${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    env = await createTestEnv(dialect, { persons: SEEDED });
    staff = await loggedIn(env.app, 'staff');
    hongshan = await loggedIn(env.app, 'hongshan');
    leader = await loggedIn(env.app, 'leader');
  });
  afterAll(() => env.close());

  it('lists every person once across keyset pages, in name order, with IDs and mobiles masked', async () => {
    const items = await all(staff, '&sort=name&order=asc');
    expect(items).toHaveLength(SEEDED);
    expect(new Set(items.map((p) => p.id)).size).toBe(SEEDED);
    for (const p of items) {
      expect(p.residentId).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(p.mobile).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
    const body = JSON.stringify(items);
    for (const s of synth.slice(0, 50)) {
      expect(body).not.toContain(s.residentId);
      expect(body).not.toContain(s.mobile);
    }
    const count = await staff.get('/persons/count');
    expect(count.body.total).toBe(SEEDED);
  });

  it('filters by dictionary fields, age and group, and counts the same rows', async () => {
    const women = await all(staff, '&gender=2');
    expect(women.length).toBe(synth.filter((s) => s.gender === 'female').length);
    expect((await staff.get('/persons/count?gender=2')).body.total).toBe(women.length);

    const lawyers = await all(staff, '&subGroup=intermediary.lawyer');
    expect(lawyers.length).toBe(synth.filter((s) => s.subGroup === 'lawyer').length);
    expect(lawyers.every((p) => p.groups.includes('intermediary.lawyer'))).toBe(true);

    const today = new Date();
    const ageOf = (birth: string) => {
      const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
      let age = today.getUTCFullYear() - y;
      if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
      return age;
    };
    const thirties = await all(staff, '&ageMin=30&ageMax=39');
    expect(thirties.length).toBe(synth.filter((s) => ageOf(s.birthDate) >= 30 && ageOf(s.birthDate) <= 39).length);
    expect(thirties.every((p) => ageOf(p.birthDate!) >= 30 && ageOf(p.birthDate!) <= 39)).toBe(true);
  });

  it("limits a town officer to their town's people on list, count, get, search and history", async () => {
    const mine = await all(hongshan);
    const expected = synth.filter((s) => s.townCode === '370302115');
    expect(mine.length).toBe(expected.length);
    expect(mine.every((p) => p.workTownName === '洪山镇')).toBe(true);
    expect((await hongshan.get('/persons/count')).body.total).toBe(expected.length);

    const outsider = synth.find((s) => s.townCode !== '370302115')!;
    const everyone = await all(staff);
    const outsiderId = everyone.find((p) => p.name === outsider.name && p.birthDate === outsider.birthDate)!.id;
    expect((await hongshan.get(`/persons/${outsiderId}`)).status).toBe(404);
    expect((await hongshan.get(`/persons/${outsiderId}/history`)).status).toBe(404);
    expect((await hongshan.post(`/persons/${outsiderId}/reveal`, { field: 'mobile', reason: '核实身份' })).status).toBe(404);
    const search = await hongshan.get(`/persons/search?q=${outsider.residentId}`);
    expect(search.body.items).toEqual([]);
    const own = await staff.get(`/persons/search?q=${outsider.residentId}`);
    expect(own.body.items.map((h: PersonSearchHit) => h.id)).toEqual([outsiderId]);
  });

  it("limits a community worker to their community's people, on the page and in the count", async () => {
    const community = await loggedIn(env.app, 'community');
    const me = (await community.get('/auth/me')).body.user;
    const town = (await staff.get('/units')).body.items.find((u: { name: string }) => u.name === '洪山镇');
    const created = await staff.post('/persons', { name: '社区人员甲', workTownId: town.id, workCommunityId: me.unit.id });
    expect(created.status).toBe(200);
    const mine = await all(community, '&sort=name&order=asc');
    const count = (await community.get('/persons/count')).body.total;
    expect(mine.length).toBe(count);
    const everyone = await all(staff);
    const expected = everyone.filter((p) => p.workCommunityName === me.unit.name);
    expect(mine.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(mine.map((p) => p.id)).toContain(created.body.id);
    expect(mine.length).toBeLessThan(everyone.length);
  });

  it('finds a person by name, traditional characters, pinyin, initials, mobile, its last 4, the ID and its last 6, and employer', async () => {
    const target = synth.find((s) => s.name.length === 3 && s.employer)!;
    const expectHit = async (q: string, matchedBy: string) => {
      const res = await staff.get(`/persons/search?q=${encodeURIComponent(q)}&limit=50`);
      expect(res.status, q).toBe(200);
      const hit = (res.body.items as PersonSearchHit[]).find((h) => h.name === target.name && h.birthDate === target.birthDate);
      expect(hit, `${q} should find ${target.name}`).toBeDefined();
      expect(hit!.matchedBy).toBe(matchedBy);
      expect(hit!.mobile).not.toContain(target.mobile.slice(3, 7));
    };
    await expectHit(target.name, 'name');
    await expectHit(target.residentId, 'residentId');
    await expectHit(target.residentId.slice(-6), 'residentIdTail');
    await expectHit(target.mobile, 'mobile');
    await expectHit(`+86 ${target.mobile.slice(0, 3)}-${target.mobile.slice(3, 7)}-${target.mobile.slice(7)}`, 'mobile');
    await expectHit(target.mobile.slice(-4), 'mobileTail');
    await expectHit(target.employer!.slice(-8), 'employer');

    // pinyin and initials of a name we create, so the expected spelling is certain
    const created = await staff.post('/persons', { name: '张国荣', gender: '1' });
    expect(created.status).toBe(200);
    for (const [q, by] of [['zhangguorong', 'pinyin'], ['zhangguo', 'pinyin'], ['zgr', 'initials'], ['張國榮', 'name']] as const) {
      const res = await staff.get(`/persons/search?q=${encodeURIComponent(q)}&limit=50`);
      const hit = (res.body.items as PersonSearchHit[]).find((h) => h.id === created.body.id);
      expect(hit, q).toBeDefined();
      expect(hit!.matchedBy).toBe(by);
    }
  });

  it('refuses an invalid form value with the field named, in the caller language', async () => {
    const bad = await staff.post('/persons', { name: '李四', residentId: '370302198503071235', mobile: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.residentId).toBe('身份证号码校验位不正确，请核对');
    expect(bad.body.fields.mobile).toContain('11 位');
    const first17 = '37030219850307123';
    const id = first17 + residentIdCheckChar(first17);
    const mismatch = await staff.post('/persons', { name: '李四', residentId: id, birthDate: '1986-03-07', gender: '2' });
    expect(mismatch.status).toBe(400);
    expect(Object.keys(mismatch.body.fields).sort()).toEqual(['birthDate', 'gender']);
    const noName = await staff.post('/persons', { name: '   ' });
    expect(noName.status).toBe(400);
    expect(noName.body.fields.name).toBe('必填');
  });

  it('creates a person, refuses the same ID twice, edits with version checks and keeps the history', async () => {
    const first17 = '37030219900101002';
    const id = first17 + residentIdCheckChar(first17);
    const created = await staff.post('/persons', {
      name: '王 小 明',
      residentId: id,
      mobile: '１３８ ００１３ ８０００',
      birthDate: '1990.01.01',
      political: '01',
      employerName: '淄博市淄川区明德律师事务所',
      employerKind: 'intermediary',
      groups: ['intermediary.lawyer'],
      tags: ['服务团成员'],
    });
    expect(created.status).toBe(200);
    const p = created.body as Person;
    expect(p).toMatchObject({ name: '王小明', birthDate: '1990-01-01', residentId: '370302********002' + id.slice(-1), mobile: '138****8000', residentIdValid: true, version: 1 });
    expect(p.residentId).toBe(`370302********${id.slice(-4)}`);
    expect(p.employer?.name).toBe('淄博市淄川区明德律师事务所');

    const again = await staff.post('/persons', { name: '王晓明', residentId: id });
    expect(again.status).toBe(409);
    expect(again.body.fields.residentId).toContain('王小明');

    const edit = await staff.patch(`/persons/${p.id}`, { version: 1, post: '合伙人', political: '02' });
    expect(edit.status).toBe(200);
    expect(edit.body.version).toBe(2);
    // a partial update changes what it names and nothing else
    expect(edit.body).toMatchObject({ name: '王小明', birthDate: '1990-01-01', groups: ['intermediary.lawyer'], tags: ['服务团成员'], post: '合伙人', political: '02' });
    expect(edit.body.employer?.name).toBe('淄博市淄川区明德律师事务所');
    expect(edit.body.mobile).toBe('138****8000');
    const stale = await staff.patch(`/persons/${p.id}`, { version: 1, post: '主任' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('person.versionConflict');

    const history = await staff.get(`/persons/${p.id}/history`);
    expect(history.status).toBe(200);
    const political = history.body.items.find((h: { field: string; oldValue: string | null }) => h.field === 'political' && h.oldValue === '01');
    expect(political).toMatchObject({ newValue: '02', actorName: '王晓梅', source: null });
    const rid = history.body.items.find((h: { field: string }) => h.field === 'residentId');
    expect(rid.newValue).toBe(`370302********${id.slice(-4)}`);
    expect(JSON.stringify(history.body)).not.toContain(id);
  });

  it('reveals an ID only with the permission and a reason, and audits it', async () => {
    const target = synth[3]!;
    const [hit] = (await staff.get(`/persons/search?q=${target.residentId}`)).body.items as PersonSearchHit[];
    const noReason = await staff.post(`/persons/${hit!.id}/reveal`, { field: 'residentId', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields.reason).toBeDefined();
    const revealed = await staff.post(`/persons/${hit!.id}/reveal`, { field: 'residentId', reason: '核实推荐材料' });
    expect(revealed.body.value).toBe(target.residentId);
    const mobile = await staff.post(`/persons/${hit!.id}/reveal`, { field: 'mobile', reason: '电话回访' });
    expect(mobile.body.value).toBe(target.mobile);

    expect((await leader.post(`/persons/${hit!.id}/reveal`, { field: 'residentId', reason: '查看' })).status).toBe(403);

    const auditor = await loggedIn(env.app, 'auditor');
    const log = await auditor.get('/audit?action=person.reveal');
    const rows = log.body.items.filter((r: { objectId: string }) => r.objectId === String(hit!.id));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).toContain('核实推荐材料');
    expect(JSON.stringify(log.body)).not.toContain(target.residentId);
  });

  it('stores resident IDs and mobiles encrypted: the database holds no plain value', async () => {
    const rows = await env.database.db.selectFrom('persons').select(['resident_id_enc', 'mobile_enc', 'resident_id_bidx']).limit(20).execute();
    for (const r of rows) {
      expect(r.resident_id_enc).toMatch(/^k1:/);
      expect(r.resident_id_enc).not.toMatch(/\d{18}/);
      expect(r.mobile_enc).toMatch(/^k1:/);
      expect(r.resident_id_bidx).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('warns of a likely duplicate by ID or by name, birth date and mobile', async () => {
    const s = synth[10]!;
    const byId = await staff.post('/persons/duplicates', { residentId: s.residentId });
    expect(byId.body.items).toHaveLength(1);
    expect(byId.body.items[0]).toMatchObject({ name: s.name, matchedBy: 'residentId' });
    const byName = await staff.post('/persons/duplicates', { name: s.name, birthDate: s.birthDate, mobile: s.mobile });
    expect(byName.body.items.map((d: { name: string }) => d.name)).toContain(s.name);
    const none = await staff.post('/persons/duplicates', { name: s.name, birthDate: '1901-01-01', mobile: s.mobile });
    expect(none.body.items).toEqual([]);
  });

  const exportFile = async (client: TestClient, body: Record<string, unknown>) => {
    const started = await client.post('/persons/export', body);
    if (started.status !== 200) return { status: started.status, body: started.body };
    await env.app.deps.worker.drain();
    const job = await client.get(`/jobs/${started.body.jobId}`);
    expect(job.body.status).toBe('succeeded');
    return { status: 200, job: job.body, file: await client.download(`/files/${job.body.result.fileId}`) };
  };

  it('exports the filtered list to .xlsx, masked, naming the exporter, for the exporter only', async () => {
    const out = await exportFile(staff, { gender: ['2'], sort: 'name', order: 'asc' });
    expect(out.file!.status).toBe(200);
    expect(out.file!.headers['content-disposition']).toContain("filename*=UTF-8''");
    const book = await readWorkbook(out.file!.bytes, 'export.xlsx');
    const rows = book.sheets[0]!.rows;
    expect(String(rows[0]![0])).toContain('已脱敏');
    expect(rows[1]).toContain('身份证号码');
    const women = synth.filter((s) => s.gender === 'female').length;
    expect(rows.length - 2).toBe(women);
    expect(out.job.result.rows).toBe(women);
    const text = JSON.stringify(rows);
    for (const s of synth.slice(0, 60)) expect(text).not.toContain(s.residentId);
    expect(text).toMatch(/370302\*{8}/);

    expect((await hongshan.download(`/files/${out.job.result.fileId}`)).status).toBe(404);
  });

  it('exports unmasked only with the permission and a reason, and audits the reason', async () => {
    expect((await hongshan.post('/persons/export', { unmasked: true, reason: '核对名单' })).status).toBe(403);
    const noReason = await staff.post('/persons/export', { unmasked: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields.reason).toBeDefined();
    const out = await exportFile(staff, { unmasked: true, reason: '报送市委统战部', columns: ['name', 'residentId', 'mobile'] });
    const book = await readWorkbook(out.file!.bytes, 'export.xlsx');
    const text = JSON.stringify(book.sheets[0]!.rows);
    expect(text).toContain(synth[0]!.residentId);
    expect(book.sheets[0]!.rows[1]).toEqual(['姓名', '身份证号码', '手机号码']);
    const auditor = await loggedIn(env.app, 'auditor');
    const log = await auditor.get('/audit?action=person.exportSensitive');
    expect(JSON.stringify(log.body.items)).toContain('报送市委统战部');
  });

  it("a town officer's export holds only their town's people", async () => {
    const out = await exportFile(hongshan, { columns: ['name', 'workTown'] });
    const book = await readWorkbook(out.file!.bytes, 'export.xlsx');
    const data = book.sheets[0]!.rows.slice(2);
    expect(data.length).toBe((await hongshan.get('/persons/count')).body.total);
    expect(data.length).toBeGreaterThanOrEqual(synth.filter((s) => s.townCode === '370302115').length);
    expect(data.every((r) => r[1] === '洪山镇')).toBe(true);
  });
});
