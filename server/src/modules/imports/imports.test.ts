import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../../common/src/schemas/imports.js';
import type { Person, PersonSearchHit, PersonSourceRecord } from '../../../../common/src/schemas/persons.js';
import { residentIdCheckChar } from '../../../../common/src/validation/resident-id.js';
import { readWorkbook } from '../../platform/spreadsheets/read-workbook.js';
import { xlsxBuffer } from '../../platform/spreadsheets/test-fixtures.js';
import { generatePersons } from '../../synth/persons.js';
import { createTestEnv, DIALECTS, loggedIn, type TestClient, type TestEnv } from '../../test/harness.js';

// The import as a department uses it: a real-looking list with a title, a 填报单位 line, merged
// title cells, Excel-mangled IDs and a 合计 row; a GBK CSV; the same file twice; bad files.

const SEEDED = 40;
const synth = [...generatePersons(2026, SEEDED)];
const id = (first17: string) => first17 + residentIdCheckChar(first17);
const NEW_ID = id('37030219880512003');
const BAD_CHECKSUM = NEW_ID.slice(0, 17) + (NEW_ID[17] === '1' ? '2' : '1');

async function lawyerList(): Promise<Buffer> {
  const known = synth[5]!;
  return xlsxBuffer((wb) => {
    const ws = wb.addWorksheet('律师');
    ws.addRow(['淄川区律师行业新的社会阶层人士名单']);
    ws.mergeCells('A1:I1');
    ws.addRow(['填报单位：区司法局', '', '', '', '', '', '填报日期：2026年11月']);
    ws.addRow(['序号', '姓名', '性别', '民族', '出生年月', '身份证号码', '政治面貌', '工作单位及职务', '联系电话']);
    ws.addRow([1, '刘明远', '男', '汉', '1988.05', NEW_ID, '群众', '山东明远律师事务所 主任', '138 0013 8000']);
    ws.addRow([2, known.name, '', '', '', known.residentId, '民盟', '淄博和信律师事务所（律师）', '']);
    ws.addRow([3, '陈晓', '女', '汉族', '1990年3月', BAD_CHECKSUM, '党员', '山东鲁中律师事务所律师', '139-0533-1234']);
    ws.addRow([4, '王强', '男', '回族', '1979-3-7', '3.70302E+17', '九三', '淄川正和律所合伙人', '13605331234']);
    ws.addRow([5, '赵丽', '女', '汉族', '1995.10', 370302199510121234, '团员', '淄川正和律所', '13705332345']);
    ws.addRow([]);
    ws.addRow(['', '   ']);
    ws.addRow([6, '孙悦', '女', '满族', '1992.01', id('37030219920115002'), '群众', '淄川正和律所', '1860533']);
    ws.addRow(['合计', '6人']);
    ws.addRow(['注：本表由区司法局汇总，联系人：王某']);
  });
}

describe.each(DIALECTS)('person import on %s', (dialect) => {
  let env: TestEnv;
  let staff: TestClient;

  const commit = async (client: TestClient, batchId: number) => {
    const res = await client.post(`/imports/${batchId}/commit`);
    if (res.status !== 200) return res;
    await env.app.deps.worker.drain();
    return client.get(`/jobs/${res.body.jobId}`);
  };

  beforeAll(async () => {
    env = await createTestEnv(dialect, { persons: SEEDED });
    staff = await loggedIn(env.app, 'staff');
  });
  afterAll(() => env.close());

  let firstBatch: number;
  let listBytes: Buffer;

  it('finds the header under the title rows, maps the columns, and previews every row with its problems', async () => {
    listBytes = await lawyerList();
    const res = await staff.upload(`/imports?fileName=${encodeURIComponent('律师名单.xlsx')}&source=${encodeURIComponent('区司法局')}`, listBytes);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = res.body as ImportPreview;
    firstBatch = p.batch.id;
    expect(p.batch).toMatchObject({ sheetName: '律师', headerRow: 3, status: 'draft', sourceName: '区司法局' });
    const field = (header: string) => p.columns.find((c) => c.header === header)?.field;
    expect(field('姓名')).toBe('name');
    expect(field('身份证号码')).toBe('residentId');
    expect(field('工作单位及职务')).toBe('employerAndPost');
    expect(field('联系电话')).toBe('mobile');
    expect(field('序号')).toBeNull();
    expect(p.totals).toMatchObject({ data: 6, refused: 0, existing: 1 });
    expect(p.totals.skipped).toBe(2); // 合计 and the note; empty rows are not rows at all

    const row = (n: number) => p.rows.find((r) => r.rowNumber === n)!;
    expect(row(4).flags).toEqual([]);
    expect(row(4).outcome).toBe('ok');
    expect(row(6).flags).toContainEqual(expect.objectContaining({ field: 'residentId', code: 'checksum' }));
    expect(row(7).flags).toContainEqual(expect.objectContaining({ field: 'residentId', code: 'scientific' }));
    expect(row(8).flags).toContainEqual(expect.objectContaining({ field: 'residentId', code: 'truncated' }));
    expect(row(11).flags).toContainEqual(expect.objectContaining({ field: 'mobile', code: 'invalid' }));
    expect(row(12)).toMatchObject({ kind: 'total', outcome: 'skipped' });
    expect(row(13)).toMatchObject({ kind: 'note', outcome: 'skipped' });
    // IDs and phones are masked in the preview too
    expect(JSON.stringify(p.rows)).not.toContain(NEW_ID);
    expect(row(4).cells[5]).toBe(`370302********${NEW_ID.slice(-4)}`);
    expect(p.problems['residentId.checksum']).toBe(1);
    const only = await staff.get(`/imports/${firstBatch}/preview?problem=residentId.scientific`);
    expect(only.body.rows.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([7]);
  });

  it('commits in one job: creates new persons, links the known one by ID, keeps every row as a source record', async () => {
    const job = await commit(staff, firstBatch);
    expect(job.body.status, JSON.stringify(job.body)).toBe('succeeded');
    expect(job.body.result, JSON.stringify(job.body.result)).toMatchObject({ created: 5, linked: 1, refused: 0, skipped: 2, flagged: 4 });

    const [hit] = (await staff.get(`/persons/search?q=${NEW_ID}`)).body.items as PersonSearchHit[];
    const person = (await staff.get(`/persons/${hit!.id}`)).body as Person;
    expect(person).toMatchObject({ name: '刘明远', gender: '1', ethnicity: '01', birthDate: '1988-05', political: '13', post: '主任', mobile: '138****8000', sourceCount: 1 });
    expect(person.employer?.name).toBe('山东明远律师事务所');

    const sources = (await staff.get(`/persons/${hit!.id}/sources`)).body.items as PersonSourceRecord[];
    expect(sources[0]).toMatchObject({ sourceName: '区司法局', fileName: '律师名单.xlsx', sheetName: '律师', rowNumber: 4, linkMethod: 'created' });
    expect(sources[0]!.values.find((v) => v.header === '身份证号码')!.value).toBe(`370302********${NEW_ID.slice(-4)}`);
    const history = (await staff.get(`/persons/${hit!.id}/history`)).body.items as { field: string; source: { rowNumber: number; sourceName: string } | null }[];
    expect(history.find((h) => h.field === 'name')!.source).toMatchObject({ rowNumber: 4, sourceName: '区司法局' });

    // the known person: linked, empty fields filled, nothing overwritten
    const known = synth[5]!;
    const [k] = (await staff.get(`/persons/search?q=${known.residentId}`)).body.items as PersonSearchHit[];
    const kp = (await staff.get(`/persons/${k!.id}`)).body as Person;
    expect(kp.sourceCount).toBe(1);
    expect(kp.name).toBe(known.name);
    expect(kp.political).not.toBe('05'); // had one already: not overwritten by 民盟

    // the bad-checksum row still became a person, its ID kept but marked invalid
    const chen = (await staff.get(`/persons?q=${encodeURIComponent('陈晓')}`)).body.items;
    expect(chen[0]).toMatchObject({ name: '陈晓', residentIdValid: false });

    const batch = (await staff.get(`/imports/${firstBatch}`)).body;
    expect(batch).toMatchObject({ status: 'committed', createdRows: 5, linkedRows: 1 });
    const errorFile = await staff.download(`/files/${batch.errorFileId}`);
    expect(errorFile.status).toBe(200);
    const book = await readWorkbook(errorFile.bytes, 'r.xlsx');
    const text = JSON.stringify(book.sheets[0]!.rows);
    expect(text).toContain('第6行');
    expect(text).toContain('身份证号码校验位不对');
  });

  it('the same file twice gives one batch', async () => {
    const again = await staff.upload(`/imports?fileName=${encodeURIComponent('律师名单(1).xlsx')}&source=${encodeURIComponent('区司法局')}`, listBytes);
    expect(again.status).toBe(200);
    expect(again.body.alreadyCommitted).toMatchObject({ batchId: firstBatch });
    const refused = await staff.post(`/imports/${again.body.batch.id}/commit`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('import.alreadyCommitted');
    expect(refused.body.message).toContain(`批次 ${firstBatch}`);
  });

  it('reads a GBK CSV with 公民身份号码 and a town column', async () => {
    const csv = ['姓名,公民身份号码,手机号码,所在镇街,所属群体', `周杰,${id('37030219910304002')},15905331111,洪山镇,外卖骑手`, `吴敏,${id('37030219870806004')},15905332222,洪山,快递员`].join('\r\n');
    const res = await staff.upload(`/imports?fileName=riders.csv&source=${encodeURIComponent('外卖骑手服务平台')}`, iconv.encode(csv, 'gbk'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.totals).toMatchObject({ data: 2, ok: 2 });
    const job = await commit(staff, res.body.batch.id);
    expect(job.body.result).toMatchObject({ created: 2 });
    const hongshan = await loggedIn(env.app, 'hongshan');
    const mine = (await hongshan.get(`/persons?q=${encodeURIComponent('周杰')}`)).body.items;
    expect(mine[0]).toMatchObject({ name: '周杰', workTownName: '洪山镇', groups: ['new_employment.rider'] });
    // the batch belongs to the district office's import; the town officer cannot open it
    expect((await hongshan.get(`/imports/${res.body.batch.id}`)).status).toBe(404);
  });

  it('lets the user correct the mapping, and insists on a name column', async () => {
    const csv = '名字,电话,备注\n李雷,13800001111,\n韩梅梅,13800002222,';
    const res = await staff.upload('/imports?fileName=a.csv&source=test', Buffer.from(csv));
    expect(res.status).toBe(200);
    const remapped = await staff.put(`/imports/${res.body.batch.id}/mapping`, { mapping: [{ column: 1, field: null }] });
    expect(remapped.status).toBe(200);
    expect(remapped.body.columns[1]).toMatchObject({ field: null, confidence: 'none' });
    // a later change keeps the earlier one
    const more = await staff.put(`/imports/${res.body.batch.id}/mapping`, { mapping: [{ column: 2, field: 'notes' }] });
    expect(more.body.columns.map((c: { field: string | null; confidence: string }) => [c.field, c.confidence])).toEqual([
      ['name', 'exact'],
      [null, 'none'],
      ['notes', 'user'],
    ]);
    // without a name column the preview still answers (to fix the mapping); the commit refuses
    const noName = await staff.put(`/imports/${res.body.batch.id}/mapping`, { mapping: [{ column: 0, field: null }] });
    expect(noName.status).toBe(200);
    expect(noName.body.totals.refused).toBe(2);
    const commitNoName = await staff.post(`/imports/${res.body.batch.id}/commit`);
    expect(commitNoName.status).toBe(400);
    expect(commitNoName.body.code).toBe('import.noNameColumn');
  });

  it('refuses bad files with a clear message and imports nothing', async () => {
    const before = (await staff.get('/persons/count')).body.total;
    const empty = await staff.upload('/imports?fileName=x.xlsx&source=test', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const exe = await staff.upload('/imports?fileName=list.xlsx&source=test', Buffer.concat([Buffer.from('MZ\x90\x00\x03'), Buffer.alloc(2000, 1)]));
    expect(exe.status).toBe(400);
    expect(exe.body.code).toBe('spreadsheet.unsupportedType');
    expect(exe.body.message).toContain('.xlsx');
    const noHeader = await staff.upload('/imports?fileName=n.csv&source=test', Buffer.from('a,b,c\n1,2,3\n'));
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.code).toBe('import.noHeader');
    const en = await loggedIn(env.app, 'staff', 'en-US');
    const enErr = await en.upload('/imports?fileName=n.csv&source=test', Buffer.from('a,b,c\n1,2,3\n'));
    expect(enErr.body.message).toMatch(/No header row/);
    expect((await staff.get('/persons/count')).body.total).toBe(before);
  });

  it('commits a list of more than a thousand rows in one job, reporting progress on the way', async () => {
    const rows = [...generatePersons(4242, 1200)];
    const csv = ['姓名,身份证号码,手机号码,出生日期', ...rows.map((p) => `${p.name},${p.residentId},${p.mobile},${p.birthDate}`)].join('\n');
    const res = await staff.upload(`/imports?fileName=big.csv&source=${encodeURIComponent('区工商联')}`, Buffer.from(csv));
    expect(res.status).toBe(200);
    expect(res.body.totals.data).toBe(1200);
    const job = await commit(staff, res.body.batch.id);
    expect(job.body.status).toBe('succeeded');
    expect(job.body.progress).toBe(1);
    expect(job.body.result.created + job.body.result.linked).toBe(1200);
    const count = await staff.get(`/persons/count?sourceId=${res.body.batch.sourceId}`);
    expect(count.body.total).toBe(new Set(rows.map((p) => p.residentId)).size);
  });
});
