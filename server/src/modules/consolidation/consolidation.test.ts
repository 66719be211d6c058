import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../../../common/src/validation/resident-id.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import { cipherFor, type PersonalDataCipher } from '../../platform/personal-data.js';
import { createTestEnv, DIALECTS, type TestEnv } from '../../test/harness.js';
import { findRootUnit } from '../units/units.repository.js';
import { createDraft, runImport } from '../imports/imports.service.js';
import { consolidate, exportLinks } from './consolidation.service.js';
import { undoMerge } from './merge.js';
import { createPerson, type PersonWrite } from '../persons/person-writer.js';

// Consolidation as the district runs it: two departments send overlapping lists, some rows without
// an ID; after a run the registry holds each human being once, every row still points at its person,
// and what was merged is kept whole.

const id = (first17: string) => first17 + residentIdCheckChar(first17);
const ZHANG = id('37030219800101101');
const WANG = id('37030219850202202');
const TWIN_A = id('37030219900303303');
const TWIN_B = id('37030219900303311');

const HEADER = '姓名,性别,出生年月,身份证号码,联系电话,工作单位及职务,所在镇街';
const csv = (rows: string[]) => Buffer.from(`${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

// The justice bureau's list: IDs for most; 李娜 has none.
const JUSTICE = csv([
  `张伟,男,1980.01,${ZHANG},13805331001,山东明德律师事务所 主任,般阳路街道`,
  '李娜,女,1992年6月,,13905332002,淄川正和律所 律师,洪山镇',
  `赵敏,女,1990.03,${TWIN_A},13705333003,淄川和信会计师事务所 会计,钟楼街道`,
  `赵雪,女,1990.03,${TWIN_B},13705333003,淄川和信会计师事务所 会计,钟楼街道`,
]);
// The commerce bureau's list: 张伟 again (same ID: linked at import), 李娜 again without an ID but
// with the same phone, birth month and employer written differently; 王芳 is new.
const COMMERCE = csv([
  `张伟,男,1980-01-01,${ZHANG},138-0533-1001,明德律所,般阳路`,
  '李娜,女,1992.06,,13905332002,淄川正和律师事务所,洪山',
  `王芳,女,1985.02,${WANG},13605334004,淄川鲁泰纺织有限公司 经理,昆仑镇`,
]);

describe.each(DIALECTS)('consolidation on %s', (dialect) => {
  let env: TestEnv;
  let cipher: PersonalDataCipher;
  const ctx: Ctx = { actor: systemActor('test'), ip: null, requestId: 'test', locale: 'zh-CN' };

  const importList = async (fileName: string, source: string, bytes: Buffer) => {
    const root = await findRootUnit(env.database.db);
    const { batchId } = await createDraft(env.database.db, ctx, { userId: null, name: 'test', unitId: root!.id }, { bytes, fileName, source });
    return runImport(env.database.db, ctx, cipher, batchId);
  };
  const personsCount = async () => Number((await env.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const links = async () => {
    let text = '';
    await exportLinks(env.database.db, (chunk) => {
      text += chunk;
    });
    return text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => {
        const [file, sheet, row, person] = line.split(',');
        return { file: file!, sheet: sheet!, row: Number(row), person: person ? Number(person) : null };
      });
  };

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    cipher = cipherFor(env.config.dataDir);
  });
  afterAll(async () => env.close());

  it('links the lists into one person per human being, keeping every row', async () => {
    await importList('司法局.csv', '区司法局', JUSTICE);
    await importList('商务局.csv', '区商务局', COMMERCE);
    // The import links only by an exact valid ID: 李娜 is there twice.
    const before = await personsCount();
    const lina = await env.database.db.selectFrom('persons').select('id').where('name', '=', '李娜').execute();
    expect(lina).toHaveLength(2);

    const result = await consolidate(env.database.db, ctx, cipher);
    expect(result.kind).toBe('full');
    expect(result.pendingRecords).toBe(7);
    expect(result.mergedPersons).toBe(1);
    expect(result.personsAfter).toBe(before - 1);
    expect(await personsCount()).toBe(before - 1);

    const rows = await links();
    expect(rows).toHaveLength(7);
    const person = (file: string, row: number) => rows.find((r) => r.file === file && r.row === row)!.person;
    // Rows are numbered as Excel shows them: the header is row 1.
    expect(person('司法局.csv', 3)).toBe(person('商务局.csv', 3)); // 李娜
    expect(person('司法局.csv', 2)).toBe(person('商务局.csv', 2)); // 张伟
    // Twins share a surname, birth month, phone and employer, but two different valid IDs never link.
    expect(person('司法局.csv', 4)).not.toBe(person('司法局.csv', 5));
    expect(new Set(rows.map((r) => r.person)).size).toBe(5);

    // The merged person is kept whole, and its source record moved with its provenance.
    const merges = await env.database.db.selectFrom('person_merges').selectAll().execute();
    expect(merges).toHaveLength(1);
    expect(lina.map((p) => p.id)).toContain(merges[0]!.merged_id);
    expect(merges[0]!.survivor_id).toBe(person('司法局.csv', 3));
    const snapshot = JSON.parse(merges[0]!.snapshot);
    expect(snapshot.person.name).toBe('李娜');
    expect(snapshot.movedRecordIds).toHaveLength(1);
    const moved = await env.database.db.selectFrom('source_records').selectAll().where('id', '=', snapshot.movedRecordIds[0]).executeTakeFirstOrThrow();
    expect(moved.link_method).toBe('probabilistic');
    expect(moved.link_weight).toBeGreaterThan(0);
    const evidence = JSON.parse(moved.link_evidence!);
    expect(evidence.contributions.length).toBeGreaterThan(0);
    // The merged person's history went to the survivor: nothing it knew is lost.
    const history = await env.database.db.selectFrom('person_field_history').select('id').where('id', 'in', snapshot.historyIds).where('person_id', '=', merges[0]!.survivor_id).execute();
    expect(history).toHaveLength(snapshot.historyIds.length);
  });

  it('links only what is new on the next run, and a second run changes nothing', async () => {
    const again = await consolidate(env.database.db, ctx, cipher);
    expect(again.kind).toBe('incremental');
    expect(again.pendingRecords).toBe(0);
    expect(again.mergedPersons).toBe(0);

    const before = await personsCount();
    await importList('镇街摸底.csv', '洪山镇摸底', csv(['李娜,女,1992-06-15,,13905332002,正和律所,洪山镇', '孙悦,女,1992.01,,18605335005,淄川正和律所,洪山镇']));
    expect(await personsCount()).toBe(before + 2);
    const run = await consolidate(env.database.db, ctx, cipher);
    expect(run.kind).toBe('incremental');
    expect(run.pendingRecords).toBe(2);
    expect(run.existingRecords).toBe(7);
    expect(run.mergedPersons).toBe(1);
    expect(await personsCount()).toBe(before + 1);
    const rows = await links();
    const lina = rows.filter((r) => r.row === 2 && r.file === '镇街摸底.csv')[0]!.person;
    expect(rows.find((r) => r.file === '司法局.csv' && r.row === 3)!.person).toBe(lina);
  });

  it('never links a pair a person decided are different', async () => {
    const a = await importList('甲.csv', '来源甲', csv(['周杰,男,1975.05,,13505336006,淄川恒通物流有限公司 司机,双杨镇']));
    const b = await importList('乙.csv', '来源乙', csv(['周杰,男,1975.05,,13505336006,淄川恒通物流 司机,双杨镇']));
    const records = await env.database.db.selectFrom('source_records').select(['id', 'batch_id']).where('batch_id', 'in', [a.batchId, b.batchId]).orderBy('id').execute();
    await env.database.db
      .insertInto('link_pairs')
      .values({ record_a: records[0]!.id, record_b: records[1]!.id, weight: 0, contributions: '[]', status: 'different', created_at: new Date().toISOString() })
      .execute();
    const before = await personsCount();
    const run = await consolidate(env.database.db, ctx, cipher);
    expect(run.mergedPersons).toBe(0);
    expect(await personsCount()).toBe(before);
    // Decided pairs are never queued for review again.
    const queued = await env.database.db.selectFrom('link_pairs').select('id').where('record_a', '=', records[0]!.id).where('record_b', '=', records[1]!.id).execute();
    expect(queued).toHaveLength(1);
  });

  it('undoes a merge the engine made: the person comes back with its id, its row and its history', async () => {
    const db = env.database.db;
    const merge = await db.selectFrom('person_merges').selectAll().where('method', '=', 'consolidation').orderBy('id').executeTakeFirstOrThrow();
    const snapshot = JSON.parse(merge.snapshot);
    const before = await personsCount();
    const survivorRecords = await db.selectFrom('source_records').select('id').where('person_id', '=', merge.survivor_id).execute();
    await db.transaction().execute((trx) => undoMerge(trx, ctx, merge.id, '核实后不是同一人'));
    expect(await personsCount()).toBe(before + 1);
    const restored = await db.selectFrom('persons').selectAll().where('id', '=', merge.merged_id).executeTakeFirstOrThrow();
    expect(restored).toEqual(snapshot.person);
    const back = await db.selectFrom('source_records').select('id').where('person_id', '=', merge.merged_id).execute();
    expect(back.map((r) => r.id)).toEqual(snapshot.movedRecordIds);
    const left = await db.selectFrom('source_records').select('id').where('person_id', '=', merge.survivor_id).execute();
    expect(left.length).toBe(survivorRecords.length - snapshot.movedRecordIds.length);
    const history = await db.selectFrom('person_field_history').select('id').where('person_id', '=', merge.merged_id).execute();
    expect(history.map((h) => h.id)).toEqual(expect.arrayContaining(snapshot.historyIds));
    const terms = await db.selectFrom('person_search_terms').select('term').where('person_id', '=', merge.merged_id).execute();
    expect(terms.length).toBe(snapshot.terms.length);
    await expect(db.transaction().execute((trx) => undoMerge(trx, ctx, merge.id, '再撤销一次'))).rejects.toMatchObject({ key: 'merge.alreadyUndone' });
  });

  it('finds a person entered by hand (with no list behind them) from a list row without an ID', async () => {
    const db = env.database.db;
    const root = await findRootUnit(db);
    const write: PersonWrite = {
      name: '欧阳明', formerNames: '', penName: '', gender: '1', ethnicity: null, birthDate: '1977-09-01', residentId: null, mobile: '13305337777',
      political: null, political2: null, partyJoinDate: null, party2JoinDate: null, education: null, degree: null, school: '', major: '',
      employer: { name: '淄川欧阳建筑设计事务所', uscc: null, kind: null, industry: null }, post: '', title: '', qualification: '', groups: [],
      workTownId: null, workCommunityId: null, residenceTownId: null, residenceCommunityId: null, tags: [], repLevel: 'none', status: 'active', notes: '',
    };
    const handEntered = await createPerson(db, { cipher, actorId: 1, actorName: '王晓梅', sourceRecordId: null, at: new Date().toISOString() }, write, root!.id);
    await importList('住建局.csv', '区住建局', csv(['欧阳明,男,1977.09,,13305337777,欧阳建筑设计事务所 所长,']));
    const run = await consolidate(db, ctx, cipher);
    expect(run.mergedPersons).toBe(1);
    const record = await db.selectFrom('source_records as sr').innerJoin('import_batches as b', 'b.id', 'sr.batch_id').select(['sr.person_id', 'sr.link_method']).where('b.file_name', '=', '住建局.csv').executeTakeFirstOrThrow();
    expect(record).toEqual({ person_id: handEntered, link_method: 'probabilistic' });
    // What the person typed by hand stays; what the list adds fills the gaps.
    const person = await db.selectFrom('persons').select(['name', 'post', 'mobile_masked']).where('id', '=', handEntered).executeTakeFirstOrThrow();
    expect(person).toEqual({ name: '欧阳明', post: '所长', mobile_masked: '133****7777' });
  });
});
