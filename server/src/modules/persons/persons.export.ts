import { dictLabel } from '../../../../common/src/dictionaries/dictionary.js';
import { PERSON_DICTIONARIES, type PersonDictionaryId } from '../../../../common/src/dictionaries/person-dictionaries.js';
import type { Locale } from '../../../../common/src/i18n/locale.js';
import type { PersonExportBody } from '../../../../common/src/schemas/persons.js';
import { writeAuditNow } from '../../platform/audit.js';
import { can, requireUser, type Ctx } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { collect, storeFile } from '../../platform/files.js';
import { registerJobHandler } from '../../platform/jobs.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { writeXlsx } from '../../platform/spreadsheets/write-xlsx.js';
import { countPersonsInScope, iteratePersonsInScope, type PersonRow } from './persons.repository.js';
import { parseList as parseJsonList } from './person-writer.js';

// Export of the current list filter to .xlsx, as a background job run with the exporting user's
// own scope. Masked unless the user holds person.exportSensitive and gives a reason; the exporter
// and time go in the page header and footer, and the audit log records every export.

type Getter = (p: PersonRow, ctx: { locale: Locale; unmasked: boolean; cipher: PersonalDataCipher }) => string | null;

const dict = (id: PersonDictionaryId, pick: (p: PersonRow) => string | null): Getter => (p, c) => dictLabel(PERSON_DICTIONARIES[id], pick(p), c.locale) || null;
const list = (id: PersonDictionaryId, pick: (p: PersonRow) => string): Getter => (p, c) =>
  parseJsonList(pick(p))
    .map((code) => dictLabel(code.includes('.') ? PERSON_DICTIONARIES.subGroup : PERSON_DICTIONARIES[id], code, c.locale))
    .join('、') || null;

export const EXPORT_COLUMNS: Record<string, { zh: string; en: string; get: Getter }> = {
  name: { zh: '姓名', en: 'Name', get: (p) => p.name },
  formerNames: { zh: '曾用名', en: 'Former names', get: (p) => p.former_names || null },
  gender: { zh: '性别', en: 'Gender', get: dict('gender', (p) => p.gender) },
  ethnicity: { zh: '民族', en: 'Ethnicity', get: dict('ethnicity', (p) => p.ethnicity) },
  birthDate: { zh: '出生日期', en: 'Birth date', get: (p) => p.birth_date || null },
  residentId: { zh: '身份证号码', en: 'Resident ID', get: (p, c) => (c.unmasked ? c.cipher.decryptNullable(p.resident_id_enc) : p.resident_id_masked) },
  mobile: { zh: '手机号码', en: 'Mobile', get: (p, c) => (c.unmasked ? c.cipher.decryptNullable(p.mobile_enc) : p.mobile_masked) },
  political: { zh: '政治面貌', en: 'Political affiliation', get: dict('political', (p) => p.political) },
  education: { zh: '学历', en: 'Education', get: dict('education', (p) => p.education) },
  degree: { zh: '学位', en: 'Degree', get: dict('degree', (p) => p.degree) },
  school: { zh: '毕业院校', en: 'School', get: (p) => p.school || null },
  major: { zh: '专业', en: 'Major', get: (p) => p.major || null },
  employer: { zh: '工作单位', en: 'Employer', get: (p) => p.employer_name },
  employerKind: { zh: '单位类型', en: 'Employer kind', get: dict('employerKind', (p) => p.employer_kind) },
  industry: { zh: '行业', en: 'Industry', get: dict('industry', (p) => p.employer_industry) },
  post: { zh: '职务', en: 'Post', get: (p) => p.post || null },
  title: { zh: '职称', en: 'Title', get: (p) => p.title || null },
  groups: { zh: '所属群体', en: 'Groups', get: list('group', (p) => p.groups) },
  workTown: { zh: '工作所在镇（街道）', en: 'Work town', get: (p) => p.work_town_name },
  workCommunity: { zh: '工作所在社区（村）', en: 'Work community', get: (p) => p.work_community_name },
  tags: { zh: '标签', en: 'Tags', get: (p) => parseJsonList(p.tags).join('、') || null },
  repLevel: { zh: '代表人士层级', en: 'Representative level', get: dict('repLevel', (p) => p.rep_level) },
  status: { zh: '状态', en: 'Status', get: dict('status', (p) => p.status) },
  notes: { zh: '备注', en: 'Notes', get: (p) => p.notes || null },
};

export const DEFAULT_EXPORT_COLUMNS = ['name', 'gender', 'ethnicity', 'birthDate', 'residentId', 'mobile', 'political', 'education', 'employer', 'post', 'groups', 'workTown', 'workCommunity', 'repLevel', 'status'];

export interface ExportPayload extends PersonExportBody {
  requestedAt: string;
}

export interface ExportResult {
  fileId: number;
  fileName: string;
  rows: number;
}

/** Checks at request time, so the user hears "no" at once rather than from a failed job. */
export function assertExportAllowed(ctx: Ctx, body: PersonExportBody): void {
  if (body.unmasked && !can(ctx, 'person.exportSensitive')) throw new AppError(403, 'auth.forbidden');
  if (body.unmasked && (!body.reason || body.reason.trim().length < 2)) throw fieldError('reason', 'field.reasonRequired');
  for (const c of body.columns ?? []) if (!(c in EXPORT_COLUMNS)) throw fieldError('columns', 'field.invalidChoice');
}

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;

registerJobHandler<ExportPayload, ExportResult>('person.export', async (job) => {
    const { cipher } = job;
    const ctx = await job.asCreator();
    const actor = requireUser(ctx);
    if (!can(ctx, 'person.export')) throw new AppError(403, 'auth.forbidden');
    const body = job.payload;
    assertExportAllowed(ctx, body);
    const { sort, order, columns: chosen, unmasked, reason: _reason, requestedAt: _at, ...filter } = body;
    const keys = chosen?.length ? chosen : DEFAULT_EXPORT_COLUMNS;
    const zh = ctx.locale === 'zh-CN';
    const total = await countPersonsInScope(job.db, ctx, cipher, filter);
    const now = new Date();
    const when = `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const who = `${actor.displayName}（${actor.username}）`;
    const getterCtx = { locale: ctx.locale, unmasked, cipher };

    async function* rows() {
      let done = 0;
      for await (const page of iteratePersonsInScope(job.db, ctx, cipher, filter, sort, order)) {
        for (const p of page) yield keys.map((k) => EXPORT_COLUMNS[k]!.get(p, getterCtx));
        done += page.length;
        await job.progress(total ? done / total : 1, `${done}/${total}`);
      }
    }

    const sink = collect();
    const title = zh ? `人员库导出${unmasked ? '（含明文身份证号、手机号，注意保密）' : '（已脱敏）'}` : `Person registry export${unmasked ? ' (UNMASKED: confidential)' : ' (masked)'}`;
    const headerText = zh ? `导出人：${who}  导出时间：${when}` : `Exported by ${who} at ${when}`;
    const written = writeXlsx(
      sink.stream,
      {
        sheetName: zh ? '人员' : 'Persons',
        title,
        headerText,
        footerText: headerText,
        columns: keys.map((k) => ({ header: zh ? EXPORT_COLUMNS[k]!.zh : EXPORT_COLUMNS[k]!.en })),
      },
      rows(),
    );
    const [{ rows: count }, content] = await Promise.all([written, sink.done]);
    const fileName = `${zh ? '人员库导出' : 'persons'}-${stamp(now)}.xlsx`;
    const fileId = await storeFile(job.db, { fileName, content, purpose: 'export', createdBy: actor.userId });
    await writeAuditNow(job.db, ctx, {
      action: unmasked ? 'person.exportSensitive' : 'person.export',
      objectType: 'file',
      objectId: fileId,
      detail: { rows: count, columns: keys, filter: Object.keys(filter).filter((k) => (filter as Record<string, unknown>)[k] !== undefined), ...(unmasked ? { reason: body.reason } : {}) },
    });
    return { fileId, fileName, rows: count };
});
