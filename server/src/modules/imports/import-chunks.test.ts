import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../../../common/src/validation/resident-id.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import { generatePersons } from '../../synth/persons.js';
import { createTestEnv, DIALECTS, loggedIn, type TestEnv } from '../../test/harness.js';
import { insertPersonRows, PERSON_INSERT_COLUMNS, type PersonColumns } from '../persons/persons.repository.js';
import { runImport } from './imports.service.js';

// The commit writes a chunk of rows at a time. Whatever the chunk size, it must write exactly what
// writing the rows one by one writes (chunkRows: 1): same rows, same ids, same history and links,
// also where a row links to a person created or changed a few rows before it.

const SEEDED = 30;
const synth = [...generatePersons(2026, SEEDED + 40)];
const known = synth.slice(0, SEEDED);
const fresh = synth.slice(SEEDED);
const id = (first17: string) => first17 + residentIdCheckChar(first17);
const badChecksum = (rid: string) => rid.slice(0, 17) + (rid[17] === '1' ? '2' : '1');

function list(): string {
  const head = '姓名,身份证号码,手机号码,出生日期,性别,政治面貌,工作单位,统一社会信用代码,职务,所在镇街,所属群体,标签,学历,备注';
  const row = (p: (typeof synth)[number], o: Record<string, string> = {}) =>
    [o.name ?? p.name, o.rid ?? p.residentId, o.mobile ?? p.mobile, p.birthDate, p.gender === 'male' ? '男' : '女', o.political ?? '', o.employer ?? p.employer ?? '', o.uscc ?? '', p.post, o.town ?? '洪山镇', o.group ?? '律师', o.tags ?? '', o.education ?? '', o.notes ?? ''].join(',');
  const rows = [
    row(fresh[0]!),
    row(fresh[0]!, { mobile: '13900000001', tags: '重点', notes: '同一新身份证号，紧随其后' }),
    row(known[1]!, { political: '群众', education: '大学本科' }),
    row(known[1]!, { tags: '青年', group: '外卖骑手' }),
    row(fresh[1]!, { employer: '淄博同心科技有限公司', uscc: '91370302MA3C8D1234' }),
    row(fresh[2]!, { employer: '淄博同心科技有限公司' }),
    row(fresh[3]!, { name: '' }),
    row(fresh[4]!, { rid: badChecksum(fresh[4]!.residentId) }),
    row(fresh[5]!, { rid: badChecksum(fresh[4]!.residentId) }),
    row(fresh[6]!, { rid: '', mobile: '' }),
    ...fresh.slice(7, 25).map((p, i) => row(p, { tags: i % 3 ? '' : '重点,青年', employer: i % 4 ? `新单位${i % 5}` : '' })),
    row(fresh[0]!, { education: '硕士研究生', notes: '同一新身份证号，隔了几块' }),
    row(known[2]!, {}),
    row(fresh[8]!, { tags: '新标签', political: '民盟' }),
    row(known[2]!, { education: '博士研究生' }),
    row({ ...fresh[26]!, residentId: id('37030219900101002') }),
  ];
  return [head, ...rows].join('\n');
}

/** Every table the commit writes, without timestamps and per-key values (each env has its own key). */
async function written(env: TestEnv): Promise<Record<string, unknown[]>> {
  const db = env.database.db;
  const drop = (rows: Record<string, unknown>[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !/(_enc|_bidx|_at)$/.test(k) && k !== 'at' && k !== 'upload_id' && k !== 'error_file_id' && k !== 'job_id')));
  const all = async (table: string, order: string) => drop((await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.raw(order)}`.execute(db)).rows);
  return {
    persons: await all('persons', 'id'),
    source_records: await all('source_records', 'id'),
    person_field_history: await all('person_field_history', 'id'),
    person_groups: await all('person_groups', 'person_id, group_code, sub_group_code'),
    person_tags: await all('person_tags', 'person_id, tag'),
    person_search_terms: await all('person_search_terms', 'person_id, term'),
    organisations: await all('organisations', 'id'),
  };
}

describe.each(DIALECTS)('import commit in chunks on %s', (dialect) => {
  const envs: TestEnv[] = [];
  const ctx: Ctx = { actor: systemActor('test'), ip: null, requestId: 'test', locale: 'zh-CN' };

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) envs.push(await createTestEnv(dialect, { persons: SEEDED }));
  });
  afterAll(async () => {
    for (const env of envs) await env.close();
  });

  it('writes the same rows, ids, links and history whatever the chunk size', async () => {
    const results = [];
    for (const [i, chunkRows] of [1, 3, 500].entries()) {
      const env = envs[i]!;
      const staff = await loggedIn(env.app, 'staff');
      const res = await staff.upload(`/imports?fileName=chunks.csv&source=${encodeURIComponent('区司法局')}`, Buffer.from(list()));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const result = await runImport(env.database.db, ctx, env.app.deps.cipher, res.body.batch.id, { chunkRows });
      results.push({ result, tables: await written(env) });
    }
    const [one, three, big] = results;
    expect(one!.result).toMatchObject({ created: 25, linked: 7, refused: 1 });
    expect(three!.result).toEqual({ ...one!.result });
    expect(big!.result).toEqual({ ...one!.result });
    for (const table of Object.keys(one!.tables)) {
      expect(three!.tables[table], `${table}, chunks of 3`).toEqual(one!.tables[table]);
      expect(big!.tables[table], `${table}, chunks of 500`).toEqual(one!.tables[table]);
    }

    // The repeated new ID: one person, three source records, its history from the rows in order.
    const env = envs[2]!;
    const staff = await loggedIn(env.app, 'staff');
    const [hit] = (await staff.get(`/persons/search?q=${fresh[0]!.residentId}`)).body.items;
    const person = (await staff.get(`/persons/${hit.id}`)).body;
    expect(person).toMatchObject({ sourceCount: 3, mobile: `${fresh[0]!.mobile.slice(0, 3)}****${fresh[0]!.mobile.slice(-4)}`, tags: ['重点'] });
    const sources = (await staff.get(`/persons/${hit.id}/sources`)).body.items;
    expect(sources.map((s: { linkMethod: string }) => s.linkMethod)).toEqual(['created', 'residentId', 'residentId']);
    const history = (await staff.get(`/persons/${hit.id}/history`)).body.items as { field: string; source: { rowNumber: number } }[];
    expect(history.find((h) => h.field === 'tags')!.source.rowNumber).toBe(3);
    expect(history.find((h) => h.field === 'education')!.source.rowNumber).toBe(30);
  });

  it('inserts more rows than one statement may bind, ids in row order', async () => {
    const env = envs[0]!;
    const unit = await env.database.db.selectFrom('units').select('id').orderBy('id').executeTakeFirstOrThrow();
    const row = (i: number): PersonColumns => ({
      ...Object.fromEntries(PERSON_INSERT_COLUMNS.map((c) => [c, null])),
      ...{ name: `批量${i}`, former_names: '', pen_name: '', sort_name: `piliang ${i}`, birth_date: '', resident_id_valid: 0, school: '', major: '', post: '', title: '', qualification: '' },
      ...{ groups: '[]', tags: '[]', rep_level: 'none', status: 'active', notes: '', unit_id: unit.id },
    }) as PersonColumns;
    // 41 columns: 2,345 rows are ~96,000 parameters, over both databases' limits, and not a multiple of any statement size.
    const rows = Array.from({ length: 2345 }, (_, i) => row(i));
    const ids = await env.database.db.transaction().execute((trx) => insertPersonRows(trx, rows, '2026-11-25T00:00:00.000Z'));
    expect(ids).toHaveLength(rows.length);
    const names = await env.database.db.selectFrom('persons').select(['id', 'name', 'former_names', 'version']).where('id', 'in', [ids[0]!, ids[1000]!, ids[2344]!]).orderBy('id').execute();
    expect(names).toEqual([
      { id: ids[0], name: '批量0', former_names: '', version: 1 },
      { id: ids[1000], name: '批量1000', former_names: '', version: 1 },
      { id: ids[2344], name: '批量2344', former_names: '', version: 1 },
    ]);
  });
});
