import { dictLabel, type Dictionary } from '../../../../common/src/dictionaries/dictionary.js';
import { INDUSTRIES, PERSON_GROUPS, PERSON_STATUS, PERSON_SUB_GROUPS } from '../../../../common/src/dictionaries/person-dictionaries.js';
import type { Locale } from '../../../../common/src/i18n/locale.js';
import type { Headcount } from '../../../../common/src/schemas/consolidation.js';
import { collect } from '../../platform/files.js';
import { writeXlsx } from '../../platform/spreadsheets/write-xlsx.js';
import type { Db } from '../../db/database.js';
import type { Ctx } from '../../platform/context.js';
import { sinceLatestCampaign } from '../surveys/surveys.repository.js';
import { countPendingRecords, headcountRows, lastRunFinishedAt, sourceCoverage, sourceOverlap } from './consolidation.repository.js';

// The true headcount (底数): distinct persons after consolidation, in the caller's scope, by group,
// sub-group, town, industry and status; how far each source unit's lists reach, how many people
// only that unit knows, and how much the units' lists overlap.

const byCount = <T extends { count: number }>(rows: T[]) => rows.sort((a, b) => b.count - a.count);

export async function headcount(db: Db, ctx: Ctx): Promise<Headcount> {
  const [rows, coverage, overlap, pendingRecords, lastRunAt, since] = await Promise.all([
    headcountRows(db, ctx),
    sourceCoverage(db, ctx),
    sourceOverlap(db, ctx),
    countPendingRecords(db, ctx),
    lastRunFinishedAt(db),
    sinceLatestCampaign(db, ctx),
  ]);
  const share = (n: number, of: number) => (of ? Math.round((n / of) * 10_000) / 10_000 : 0);
  return {
    total: rows.total,
    byGroup: byCount(rows.groups),
    bySubGroup: byCount(rows.subGroups),
    byIndustry: byCount(rows.industries),
    byTown: byCount(rows.towns),
    byStatus: byCount(rows.statuses),
    sources: coverage.map((s) => ({ ...s, coverage: share(s.persons, rows.total), uniqueShare: share(s.unique, s.persons) })),
    registryOnly: rows.registryOnly,
    overlap,
    pendingRecords,
    lastRunAt,
    sinceSurvey: since
      ? {
          campaignId: since.campaign.id,
          name: since.campaign.name,
          openedAt: since.campaign.opened_at,
          added: since.added,
          pending: since.by.pending ?? 0,
          confirmed: since.by.confirmed ?? 0,
          moved: since.by.moved ?? 0,
          left: since.by.left ?? 0,
          deceased: since.by.deceased ?? 0,
        }
      : null,
  };
}

/** The headcount as one .xlsx sheet, section after section, for the leaders' meeting. */
export async function headcountXlsx(h: Headcount, locale: Locale, who: string): Promise<{ fileName: string; content: Buffer }> {
  const zh = locale === 'zh-CN';
  const now = new Date();
  const when = `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const rows: (string | number | null)[][] = [];
  const section = (title: string, header: string[], body: (string | number | null)[][]) => {
    rows.push([title], header, ...body, []);
  };
  const none = zh ? '（未填写）' : '(not given)';
  const label = (dict: Dictionary, code: string | null) => (code ? dictLabel(dict, code, locale) : none);
  section(zh ? '总体' : 'Overall', [zh ? '项目' : 'Item', zh ? '人数' : 'Persons'], [
    [zh ? '去重后人数' : 'Distinct persons', h.total],
    [zh ? '仅手工录入（无名单来源）' : 'Entered by hand only (no list)', h.registryOnly],
    [zh ? '尚未归并的名单记录' : 'List rows not yet consolidated', h.pendingRecords],
  ]);
  const counts = (title: string, items: { code: string | null; count: number }[], dict: Dictionary) =>
    section(title, [zh ? '类别' : 'Category', zh ? '人数' : 'Persons', zh ? '占比' : 'Share'], items.map((i) => [label(dict, i.code), i.count, pct(h.total ? i.count / h.total : 0)]));
  counts(zh ? '按群体' : 'By group', h.byGroup, PERSON_GROUPS);
  counts(zh ? '按细分群体' : 'By sub-group', h.bySubGroup, PERSON_SUB_GROUPS);
  section(zh ? '按镇街' : 'By street or town', [zh ? '镇街' : 'Street or town', zh ? '人数' : 'Persons', zh ? '占比' : 'Share'], h.byTown.map((t) => [t.name ?? none, t.count, pct(h.total ? t.count / h.total : 0)]));
  counts(zh ? '按行业' : 'By industry', h.byIndustry, INDUSTRIES);
  counts(zh ? '按状态' : 'By status', h.byStatus, PERSON_STATUS);
  section(
    zh ? '各来源单位' : 'Source units',
    [zh ? '来源' : 'Source', zh ? '名单人数' : 'Persons listed', zh ? '仅此来源' : 'Listed only here', zh ? '覆盖率' : 'Coverage', zh ? '独有占比' : 'Unique share'],
    h.sources.map((s) => [s.name, s.persons, s.unique, pct(s.coverage), pct(s.uniqueShare)]),
  );
  const names = new Map(h.sources.map((s) => [s.id, s.name]));
  section(zh ? '来源重叠（两来源都列出的人数）' : 'Overlap (persons listed by both)', [zh ? '来源甲' : 'Source A', zh ? '来源乙' : 'Source B', zh ? '人数' : 'Persons'], h.overlap.map((o) => [names.get(o.a) ?? String(o.a), names.get(o.b) ?? String(o.b), o.persons]));
  if (h.sinceSurvey) {
    const s = h.sinceSurvey;
    section(zh ? `自“${s.name}”以来` : `Since "${s.name}"`, [zh ? '项目' : 'Item', zh ? '人数' : 'Persons'], [
      [zh ? '新增人员' : 'Added', s.added],
      [zh ? '核实在册' : 'Confirmed', s.confirmed],
      [zh ? '已迁出' : 'Moved away', s.moved],
      [zh ? '已退出' : 'Left the strata', s.left],
      [zh ? '已去世' : 'Deceased', s.deceased],
      [zh ? '待核实' : 'Not yet verified', s.pending],
    ]);
  }
  const sink = collect();
  const headerText = zh ? `导出人：${who}  导出时间：${when}` : `Exported by ${who} at ${when}`;
  const written = writeXlsx(
    sink.stream,
    { sheetName: zh ? '底数统计' : 'Headcount', title: zh ? `新的社会阶层人士底数统计（${when}）` : `Headcount of the new social strata (${when})`, headerText, footerText: headerText, columns: [20, 14, 14, 12, 12].map((width, i) => ({ header: i === 0 ? (zh ? '统计项' : 'Figure') : '', width })) },
    rows,
  );
  const [, content] = await Promise.all([written, sink.done]);
  const stamp = now.toISOString().slice(0, 10);
  return { fileName: zh ? `底数统计-${stamp}.xlsx` : `headcount-${stamp}.xlsx`, content };
}
