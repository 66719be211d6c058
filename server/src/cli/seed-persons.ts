import { matchDictionary } from '../../../common/src/dictionaries/dictionary.js';
import { EDUCATION, ETHNICITY, POLITICAL } from '../../../common/src/dictionaries/person-dictionaries.js';
import { systemActor, type Ctx } from '../platform/context.js';
import type { PersonalDataCipher } from '../platform/personal-data.js';
import { nowIso, type Db, type Executor } from '../db/database.js';
import { createPerson, type PersonWrite, type WriterCtx } from '../modules/persons/person-writer.js';
import { generatePersons, SUB_GROUPS, type SynthPerson } from '../synth/persons.js';
import { zichuanDivisions } from '../synth/divisions.js';

// Synthetic persons straight into the registry (the demo and tests). Lists that arrive as
// spreadsheets go through the import instead, so they get source records.

/** The generator's sub-group codes → the registry dictionary's. */
export const SYNTH_SUB_GROUPS: Record<string, string> = {
  'private-enterprise': 'enterprise.private',
  'foreign-enterprise': 'enterprise.foreign',
  lawyer: 'intermediary.lawyer',
  accountant: 'intermediary.accountant',
  'tax-adviser': 'intermediary.tax_agent',
  'asset-appraiser': 'intermediary.appraiser',
  'patent-agent': 'intermediary.patent_agent',
  'real-estate-agent': 'intermediary.realty_agent',
  'social-group': 'intermediary.association',
  foundation: 'intermediary.foundation',
  'social-service': 'intermediary.social_service',
  'ceramic-artist': 'freelance.artisan',
  'glass-artist': 'freelance.artisan',
  'iron-pot-artisan': 'freelance.artisan',
  'freelance-writer': 'freelance.writer',
  agent: 'freelance.broker',
  tutor: 'freelance.tutor',
  designer: 'freelance.designer',
  streamer: 'new_media.streamer',
  'self-media': 'new_media.self_media',
  'online-writer': 'new_media.web_writer',
  'new-media-company': 'new_media.staff',
  'ride-hailing-driver': 'new_employment.driver',
  'truck-driver': 'new_employment.driver',
  'food-delivery-rider': 'new_employment.rider',
  'e-commerce': 'new_employment.ecommerce',
  courier: 'new_employment.courier',
};

const EMPLOYER_KIND_BY_SUB: Record<string, string> = {
  'enterprise.private': 'private',
  'enterprise.foreign': 'foreign',
  'intermediary.association': 'social_org',
  'intermediary.foundation': 'social_org',
  'intermediary.social_service': 'social_org',
  'new_media.staff': 'new_media',
};

const synthGroup = (g: string) => g.replace('-', '_');

/** The demo's representative figures and tags, chosen by index so the data stays deterministic. */
function repLevelOf(i: number): string {
  if (i % 97 === 0) return 'key';
  if (i % 31 === 0) return 'representative';
  if (i % 13 === 0) return 'reserve';
  return 'none';
}

export function synthToWrite(p: SynthPerson, unitIdByCode: Map<string, number>): PersonWrite {
  const sub = SYNTH_SUB_GROUPS[p.subGroup];
  const groups = [sub ?? synthGroup(p.group)];
  if (p.secondaryGroup) groups.push(synthGroup(p.secondaryGroup));
  const political = matchDictionary(POLITICAL, p.political);
  return {
    name: p.name,
    formerNames: '',
    penName: '',
    gender: p.gender === 'male' ? '1' : '2',
    ethnicity: matchDictionary(ETHNICITY, p.ethnicity),
    birthDate: p.birthDate,
    residentId: { value: p.residentId, valid: true },
    mobile: p.mobile,
    political,
    political2: null,
    partyJoinDate: p.politicalSince,
    party2JoinDate: null,
    education: matchDictionary(EDUCATION, p.education) ?? (p.education === '中等职业教育' ? '41' : null),
    degree: null,
    school: '',
    major: '',
    employer: p.employer ? { name: p.employer, uscc: null, kind: (sub && EMPLOYER_KIND_BY_SUB[sub]) ?? (p.group === 'intermediary' ? 'intermediary' : p.group === 'new-media' ? 'new_media' : 'private'), industry: p.industry } : null,
    post: p.post,
    title: '',
    qualification: '',
    groups,
    workTownId: unitIdByCode.get(p.townCode) ?? null,
    workCommunityId: unitIdByCode.get(p.communityCode) ?? null,
    residenceTownId: null,
    residenceCommunityId: null,
    tags: p.index % 11 === 0 ? ['服务团成员'] : p.index % 17 === 0 ? ['新联会会员'] : [],
    repLevel: repLevelOf(p.index),
    status: p.index % 53 === 0 ? 'moved' : 'active',
    notes: '',
  };
}

export async function unitIdsByCode(exec: Executor): Promise<Map<string, number>> {
  const rows = await exec.selectFrom('units').select(['id', 'code']).where('code', 'is not', null).execute();
  return new Map(rows.map((r) => [r.code!, r.id]));
}

/** Writes `count` synthetic persons (seeded, so the same every time) as the system. */
export async function seedPersons(exec: Executor, cipher: PersonalDataCipher, count: number, seed = 2026): Promise<number> {
  if (count <= 0) return 0;
  const ctx: Ctx = { actor: systemActor('seed-demo'), ip: null, requestId: 'seed-demo', locale: 'zh-CN' };
  const root = await exec.selectFrom('units').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const codes = await unitIdsByCode(exec);
  const w: WriterCtx = { cipher, actorId: null, actorName: `system:${(ctx.actor as { name: string }).name}`, sourceRecordId: null, at: nowIso() };
  let n = 0;
  for (const p of generatePersons(seed, count)) {
    await createPerson(exec, w, synthToWrite(p, codes), root.id);
    n += 1;
  }
  return n;
}

/** A department list as the demo's sources would send it: title, 填报单位 line, header, rows, 合计. */
async function demoList(title: string, unit: string, rows: SynthPerson[], damage: (i: number, p: SynthPerson) => Partial<Record<'id' | 'mobile' | 'name' | 'employer' | 'birth', string | number>>): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, 9);
  ws.addRow([`填报单位：${unit}`, '', '', '', '', '', '填报日期：2026年11月']);
  ws.addRow(['序号', '姓名', '性别', '民族', '出生年月', '身份证号码', '政治面貌', '工作单位及职务', '联系电话', '所在镇街', '从业类别']);
  const towns = new Map(zichuanDivisions().map((t) => [t.code, t.name]));
  rows.forEach((p, i) => {
    const d = damage(i, p);
    const sub = SUB_GROUPS.find((g) => g.code === p.subGroup)?.name ?? '';
    // Departments write towns without their suffix about as often as with it.
    const town = towns.get(p.townCode) ?? '';
    ws.addRow([i + 1, d.name ?? p.name, p.gender === 'male' ? '男' : '女', p.ethnicity, d.birth ?? p.birthDate.slice(0, 7).replace('-', '.'), d.id ?? p.residentId, p.political, `${d.employer ?? p.employer ?? ''} ${p.post}`.trim(), d.mobile ?? p.mobile, i % 2 ? town.replace(/(镇|街道)$/, '') : town, sub]);
  });
  ws.addRow(['合计', `${rows.length}人`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Four lists through the real import, so the demo's persons have source records and field
 * history from a spreadsheet: the justice bureau's lawyers (most already in the registry, a few
 * with the usual Excel damage), the delivery platform's riders (new people), the federation of
 * industry and commerce's managers and the couriers' association's riders (mostly without IDs),
 * then one consolidation run over all of them.
 */
export async function seedDemoImports(db: Db, cipher: PersonalDataCipher): Promise<{ batches: number; rows: number; merged: number; review: number }> {
  const { createDraft, runImport } = await import('../modules/imports/imports.service.js');
  const root = await db.selectFrom('units').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const ctx: Ctx = { actor: systemActor('seed-demo'), ip: null, requestId: 'seed-demo', locale: 'zh-CN' };
  const importer = { userId: null, name: '系统（演示数据）', unitId: root.id };
  const lawyers = [...generatePersons(2026, DEMO_PERSONS_FOR_LISTS)].filter((p) => p.subGroup === 'lawyer' || p.subGroup === 'accountant').slice(0, 40);
  const riders = [...generatePersons(777, 4000)].filter((p) => p.subGroup === 'food-delivery-rider' || p.subGroup === 'courier').slice(0, 60);
  const managers = [...generatePersons(2026, DEMO_PERSONS_FOR_LISTS)].filter((p) => p.group === 'enterprise' && p.employer).slice(0, 36);
  // Another phone, the same person: what consolidation has to weigh.
  const otherMobile = (p: SynthPerson) => `${p.mobile.slice(0, 3)}${String((Number(p.mobile.slice(3)) * 7 + 13) % 1e8).padStart(8, '0')}`;
  const lists = [
    {
      source: '区司法局',
      file: '淄川区律师行业新的社会阶层人士名单.xlsx',
      bytes: await demoList('淄川区律师行业新的社会阶层人士名单', '区司法局', lawyers, (i, p) =>
        i === 3 ? { id: `${p.residentId.slice(0, 17)}${p.residentId[17] === '1' ? '2' : '1'}` } : i === 7 ? { id: '3.70302E+17' } : i === 11 ? { mobile: '1380013' } : {},
      ),
    },
    {
      source: '外卖骑手服务平台',
      file: '外卖骑手和快递员名单（2026年11月）.xlsx',
      bytes: await demoList('外卖骑手、快递员信息统计表', '区外卖骑手服务平台', riders, (i, p) => (i === 5 ? { id: Number(p.residentId) } : {})),
    },
    {
      // The federation of industry and commerce lists the registry's managers mostly without IDs:
      // some keep their phone, some changed it; consolidation links them or asks a person.
      source: '区工商联',
      file: '非公有制经济代表人士摸底表.xlsx',
      bytes: await demoList('淄川区非公有制经济代表人士摸底表', '区工商联', managers, (i, p) =>
        i % 3 === 2 ? {} : i % 3 === 0 ? { id: '' } : { id: '', mobile: otherMobile(p) },
      ),
    },
    {
      // The couriers' association sends part of the riders again: no IDs, an employer written
      // short, now and then a homophone in the name or a new phone.
      source: '快递行业协会',
      file: '快递从业人员登记表.xlsx',
      bytes: await demoList('淄川区快递从业人员登记表', '区快递行业协会', riders.slice(0, 32), (i, p) =>
        i >= 24
          ? // Doubtful rows: the name matches, but the birth year, phone and employer do not — the
            // same person with a mistyped birth year, or a namesake? A person has to decide.
            { id: '', birth: `${Number(p.birthDate.slice(0, 4)) + 1}${p.birthDate.slice(4, 7).replace('-', '.')}`, mobile: otherMobile(p), employer: '个体' }
          : {
              id: '',
              ...(p.employer ? { employer: p.employer.replace(/(有限责任公司|有限公司|股份有限公司)$/, '') } : {}),
              ...(i % 4 === 1 ? { mobile: otherMobile(p) } : {}),
              ...(i % 6 === 3 ? { name: p.name.slice(0, -1) + (p.name.endsWith('伟') ? '玮' : '伟') } : {}),
            },
      ),
    },
  ];
  let rows = 0;
  for (const l of lists) {
    const { batchId } = await createDraft(db, ctx, importer, { bytes: l.bytes, fileName: l.file, source: l.source });
    const r = await runImport(db, ctx, cipher, batchId);
    rows += r.created + r.linked + r.refused;
  }
  // Consolidate as the district would after the lists came in: duplicates merged, doubts queued.
  const { consolidate } = await import('../modules/consolidation/consolidation.service.js');
  const run = await consolidate(db, ctx, cipher);
  return { batches: lists.length, rows, merged: run.mergedPersons, review: run.reviewPairs };
}

/** The lists are drawn from the same seeded stream as the demo's persons, so most rows link. */
const DEMO_PERSONS_FOR_LISTS = 3000;
