import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResidentId } from '../../../common/src/validation/resident-id.js';
import { readWorkbook } from '../platform/spreadsheets/read-workbook.js';
import { DEPARTMENT_LIST_HEADERS, generateDepartmentLists, writeDepartmentList } from './departments.js';

const medium = generateDepartmentLists(42, { records: 20_000, profile: 'medium' });

describe('generateDepartmentLists', () => {
  it('is deterministic for a seed and differs for another', () => {
    const again = generateDepartmentLists(42, { records: 20_000, profile: 'medium' });
    expect(again.records.slice(0, 50)).toEqual(medium.records.slice(0, 50));
    expect([...again.truth]).toEqual([...medium.truth]);
    const other = generateDepartmentLists(43, { records: 20_000, profile: 'medium' });
    expect(other.records.slice(0, 50)).not.toEqual(medium.records.slice(0, 50));
  });

  it('writes about the number of rows asked for, from ten units covering 20–60% each, with a truth per row', () => {
    expect(medium.records.length).toBeGreaterThan(18_000);
    expect(medium.records.length).toBeLessThan(22_000);
    expect(medium.truth.length).toBe(medium.records.length);
    expect(medium.units).toHaveLength(10);
    for (const u of medium.units) {
      const rows = medium.records.filter((r) => r.source === u.source);
      const persons = new Set(rows.map((r) => medium.truth[r.key]));
      const share = persons.size / medium.persons;
      expect(share).toBeGreaterThan(0.15);
      expect(share).toBeLessThan(0.65);
      // Duplicates inside a unit.
      expect(rows.length).toBeGreaterThan(persons.size);
    }
    medium.records.forEach((r, i) => expect(r.key).toBe(i));
  });

  it('damages IDs as departments do: missing (15% on average, 40% in one unit), Excel, typos', () => {
    const missing = medium.records.filter((r) => !r.residentId).length / medium.records.length;
    expect(missing).toBeGreaterThan(0.1);
    expect(missing).toBeLessThan(0.2);
    const worst = Math.max(
      ...medium.units.map((u) => {
        const rows = medium.records.filter((r) => r.source === u.source);
        return rows.filter((r) => !r.residentId).length / rows.length;
      }),
    );
    expect(worst).toBeGreaterThan(0.33);
    const ids = medium.records.map((r) => r.residentId).filter((x): x is string => !!x);
    expect(ids.some((x) => /E\+17$/.test(x))).toBe(true);
    expect(ids.some((x) => /^\d{15}000$/.test(x))).toBe(true);
    expect(ids.some((x) => /^\d{15}$/.test(x))).toBe(true);
    const checksumErrors = ids.filter((x) => /^\d{17}[\dXx]$/.test(x) && !x.endsWith('000') && parseResidentId(x).problems.includes('checksum'));
    expect(checksumErrors.length).toBeGreaterThan(ids.length * 0.01);
  });

  it('varies the other fields: date formats, traditional characters, employers, towns', () => {
    const dates = medium.records.map((r) => r.birthDate ?? '');
    expect(dates.some((d) => /^\d{4}\.\d{2}$/.test(d))).toBe(true);
    expect(dates.some((d) => /^\d{4}年\d{1,2}月$/.test(d))).toBe(true);
    expect(dates.some((d) => /^\d{8}$/.test(d))).toBe(true);
    expect(dates.some((d) => /^\d{5}$/.test(d))).toBe(true);
    expect(medium.records.some((r) => /[張劉陳趙黃吳楊]/.test(r.name))).toBe(true);
    expect(medium.records.some((r) => r.employer?.endsWith('律所'))).toBe(true);
    expect(medium.records.some((r) => r.town && !/(镇|街道)$/.test(r.town))).toBe(true);
    expect(medium.records.some((r) => r.mobile && /[＋+\-１]/.test(r.mobile))).toBe(true);
  });

  it('includes hard negatives: twins with sibling IDs and namesakes born the same day', () => {
    const persons = (i: number) => medium.records.filter((r) => medium.truth[r.key] === i);
    const twins = medium.hardNegatives.filter((h) => h.kind === 'twin');
    const namesakes = medium.hardNegatives.filter((h) => h.kind === 'namesake');
    expect(twins.length).toBeGreaterThan(5);
    expect(namesakes.length).toBeGreaterThan(5);
    for (const h of medium.hardNegatives.slice(0, 20)) expect(h.a).not.toBe(h.b);
    // Both twins' IDs share region and birth date and are both valid.
    const t = twins.find((h) => persons(h.a).some((r) => r.residentId?.length === 18) && persons(h.b).some((r) => r.residentId?.length === 18));
    if (t) {
      const ia = persons(t.a).map((r) => r.residentId!).find((x) => x && parseResidentId(x).valid)!;
      const ib = persons(t.b).map((r) => r.residentId!).find((x) => x && parseResidentId(x).valid)!;
      if (ia && ib) {
        expect(ia.slice(0, 14)).toBe(ib.slice(0, 14));
        expect(ia).not.toBe(ib);
      }
    }
  });

  it('makes the hard profile harder than the easy one', () => {
    const easy = generateDepartmentLists(42, { records: 10_000, profile: 'easy' });
    const hard = generateDepartmentLists(42, { records: 10_000, profile: 'hard' });
    const missing = (d: typeof easy) => d.records.filter((r) => !r.residentId).length / d.records.length;
    expect(missing(hard)).toBeGreaterThan(missing(easy) * 2);
  });
});

describe('writeDepartmentList', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongxin-departments-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const unit = medium.units[0];
  const rows = medium.records.filter((r) => r.source === unit.source).slice(0, 30);

  it('writes an .xlsx with a title row and the headers departments use', async () => {
    const path = join(dir, 'list.xlsx');
    await writeDepartmentList(path, unit, rows, rows.map(() => '总经理'));
    const wb = await readWorkbook(readFileSync(path), 'list.xlsx');
    const sheet = wb.sheets[0];
    expect(String(sheet.rows[0][0])).toContain(unit.name);
    expect(sheet.rows[1].map(String)).toEqual([...DEPARTMENT_LIST_HEADERS]);
    expect(sheet.rows).toHaveLength(rows.length + 2);
    expect(sheet.rows[2][1]).toBe(rows[0].name);
    // IDs stay text, all 18 characters.
    const withId = rows.findIndex((r) => r.residentId && /^\d{17}[\dX]$/.test(r.residentId));
    if (withId >= 0) expect(sheet.rows[withId + 2][4]).toBe(rows[withId].residentId);
    expect(String(sheet.rows[2][6])).toMatch(/总经理$/);
  });

  it('writes a .csv with a BOM, a title row and the same headers', async () => {
    const path = join(dir, 'list.csv');
    await writeDepartmentList(path, unit, rows);
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toContain(unit.name);
    expect(lines[1]).toBe(DEPARTMENT_LIST_HEADERS.join(','));
    expect(lines[2].split(',')[1]).toBe(rows[0].name);
  });
});
