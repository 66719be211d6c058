import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../../../../common/src/validation/resident-id.js';
import { generateDepartmentLists } from '../../../synth/departments.js';
import { FIELDS } from './compare.js';
import { DEFAULT_LINK_SETTINGS, link, normalise, type LinkOutput, type NormRecord, type RawRecord } from './index.js';
import { estimateM } from './link.js';

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const ID_A = withCheck('37030219850307123');
const ID_B = withCheck('37030219850307125'); // a twin: same region and birth date, next sequence

let nextKey = 1;
function rec(fields: Partial<RawRecord>): NormRecord {
  return normalise({ key: nextKey++, source: 1, name: '张伟', ...fields });
}

/** A background of unrelated people, so the u-probabilities and term frequencies are realistic. */
const background: NormRecord[] = generateDepartmentLists('link-test', { records: 3000, profile: 'easy' }).records.map((r) =>
  normalise({ ...r, key: 1_000_000 + r.key }),
);

function run(pending: NormRecord[], opts: Partial<Parameters<typeof link>[0]> = {}): LinkOutput {
  return link({ existing: [], pending: [...pending, ...background], decisions: [], settings: DEFAULT_LINK_SETTINGS, ...opts });
}

const sameCluster = (out: LinkOutput, a: NormRecord, b: NormRecord) => {
  const x = out.assignments.get(a.key)!;
  const y = out.assignments.get(b.key)!;
  return x.personId !== undefined ? x.personId === y.personId : x.cluster === y.cluster;
};

describe('EM', () => {
  it('recovers the m-probabilities and the match share of a known mixture', () => {
    // Two fields with three levels each (null, differ, agree), conditionally independent.
    // Simulate the pattern histogram exactly: matches agree with p 0.9 / 0.8, non-matches with 0.1 / 0.2.
    const lambda = 0.3;
    const mA = [0.1, 0.9];
    const mB = [0.2, 0.8];
    const uA = [0.9, 0.1];
    const uB = [0.8, 0.2];
    const hist = new Map<number, number>();
    const shiftA = FIELDS[0].shift;
    const shiftB = FIELDS[2].shift;
    for (const a of [0, 1]) {
      for (const b of [0, 1]) {
        const count = 1_000_000 * (lambda * mA[a] * mB[b] + (1 - lambda) * uA[a] * uB[b]);
        // Field 0 levels: 1 differ, 4 exact; field 2 levels: 1 differ, 4 exact.
        hist.set(((a ? 4 : 1) << shiftA) | ((b ? 4 : 1) << shiftB), Math.round(count));
      }
    }
    const u = FIELDS.map((f) => f.levels.map(() => 1));
    u[0][1] = uA[0];
    u[0][4] = uA[1];
    u[2][1] = uB[0];
    u[2][4] = uB[1];
    const em = estimateM(hist, u, 500);
    expect(em.converged).toBe(true);
    expect(em.lambda).toBeCloseTo(lambda, 2);
    expect(em.m[0][4]).toBeCloseTo(0.9, 2);
    expect(em.m[2][4]).toBeCloseTo(0.8, 2);
  });

  it('converges on synthetic department lists and finds ID agreement the strongest evidence', () => {
    const out = run([]);
    expect(out.model.converged).toBe(true);
    const w = (field: string, code: string) => {
      const l = out.model.fields[field].levels.find((x) => x.code === code)!;
      return Math.log2(l.m / l.u);
    };
    expect(w('residentId', 'exact')).toBeGreaterThan(8);
    expect(w('residentId', 'validDiffer')).toBeLessThan(-5);
    expect(w('name', 'exact')).toBeGreaterThan(w('name', 'pinyin'));
    expect(w('name', 'differ')).toBeLessThan(0);
    expect(w('mobile', 'exact')).toBeGreaterThan(5);
  });
});

describe('link', () => {
  it('links a person across lists despite format differences and explains it', () => {
    const a = rec({ name: '張偉', residentId: ID_A, mobile: '138-0013-8000', birthDate: '1985.03', employer: '淄川明德律所', town: '洪山' });
    const b = rec({ name: '张伟', residentId: `${ID_A.slice(0, 15)}000`, mobile: '+86 13800138000', birthDate: '31113', employer: '山东明德律师事务所', town: '洪山镇' });
    const out = run([a, b]);
    expect(sameCluster(out, a, b)).toBe(true);
    const ev = out.evidence.get(a.key)!;
    expect([ev.a, ev.b].sort()).toEqual([a.key, b.key].sort());
    // Contributions plus the prior are the weight.
    const sum = ev.contributions.reduce((s, c) => s + c.weight, 0) + out.model.priorWeight;
    expect(sum).toBeCloseTo(ev.weight, 9);
    expect(ev.contributions.find((c) => c.field === 'residentId')!.level).toBe('first15');
  });

  it('never links two different valid IDs, not even through a record without one', () => {
    // Twins: same surname, birth date, town and a parent's mobile; IDs differ in the sequence.
    const twinA = rec({ name: '张浩宇', residentId: ID_A, mobile: '13800138000', birthDate: '1985-03-07', town: '洪山镇' });
    const twinB = rec({ name: '张浩轩', residentId: ID_B, mobile: '13800138000', birthDate: '1985-03-07', town: '洪山镇' });
    // A record without ID that matches both about equally well (a homophone of each given name).
    const bridge = rec({ name: '张浩宇', mobile: '13800138000', birthDate: '1985-03-07', town: '洪山镇' });
    const bridge2 = rec({ name: '张浩轩', mobile: '13800138000', birthDate: '1985-03-07', town: '洪山镇' });
    const out = run([twinA, twinB, bridge, bridge2]);
    expect(sameCluster(out, twinA, twinB)).toBe(false);
    expect(sameCluster(out, bridge, twinA)).toBe(true);
    expect(sameCluster(out, bridge2, twinB)).toBe(true);
    expect(out.review.every((p) => !(new Set([p.a, p.b]).has(twinA.key) && new Set([p.a, p.b]).has(twinB.key)))).toBe(true);
  });

  it('honours human decisions and never asks about a decided pair again', () => {
    const a = rec({ name: '李娜', residentId: null, birthDate: '1990-05-01', mobile: '13900001111', town: '昆仑镇' });
    const b = rec({ name: '李娜', residentId: null, birthDate: '1990-05-01', mobile: '13900001111', town: '昆仑镇' });
    const c = rec({ name: '李纳', birthDate: '1990-05', town: '寨里镇' });
    const linked = run([a, b, c]);
    expect(sameCluster(linked, a, b)).toBe(true);

    const separated = run([a, b, c], { decisions: [{ a: a.key, b: b.key, same: false }] });
    expect(sameCluster(separated, a, b)).toBe(false);
    // c must not bridge a and b either.
    expect(sameCluster(separated, a, c) && sameCluster(separated, b, c)).toBe(false);
    const decidedPair = (p: { a: number; b: number }) => new Set([p.a, p.b]).has(a.key) && new Set([p.a, p.b]).has(b.key);
    expect(separated.review.some(decidedPair)).toBe(false);

    const joined = run([a, b, c], { decisions: [{ a: a.key, b: c.key, same: true }] });
    expect(sameCluster(joined, a, c)).toBe(true);
    expect(joined.review.some((p) => new Set([p.a, p.b]).has(a.key) && new Set([p.a, p.b]).has(c.key))).toBe(false);
    expect(joined.evidence.get(c.key)).toBeDefined();
  });

  it('does not link two people who share only a common name', () => {
    const a = rec({ name: '王伟', town: '般阳路街道' });
    const b = rec({ name: '王伟', town: '般阳路街道' });
    // 王伟 is among the commonest names: make it common here too (term frequencies come from the data).
    const others = Array.from({ length: 40 }, (_, i) =>
      rec({ name: '王伟', birthDate: `19${60 + i}-0${1 + (i % 9)}-1${i % 10}`, town: ['洪山镇', '昆仑镇', '钟楼街道', '般阳路街道'][i % 4], mobile: `1390000${String(1000 + i)}` }),
    );
    const out = run([a, b, ...others]);
    expect(sameCluster(out, a, b)).toBe(false);
  });

  it('sends a pair whose names disagree entirely to review instead of linking it', () => {
    const a = rec({ name: '周宁', residentId: null, birthDate: '1988-12-20', mobile: '13612153981', employer: '淄博新宇陶瓷有限公司', town: '寨里镇' });
    const b = rec({ name: '周腾一', residentId: null, birthDate: '1988-12-20', mobile: '13612153981', employer: '淄博新宇陶瓷有限公司', town: '寨里镇' });
    const out = run([a, b]);
    expect(sameCluster(out, a, b)).toBe(false);
    expect(out.review.some((p) => new Set([p.a, p.b]).has(a.key) && new Set([p.a, p.b]).has(b.key))).toBe(true);
    const linked = run([a, b], { settings: { ...DEFAULT_LINK_SETTINGS, nameMustAgree: false } });
    expect(sameCluster(linked, a, b)).toBe(true);
  });
});

describe('incremental link', () => {
  it('attaches a new batch to existing persons without re-clustering them, reusing the model', () => {
    const first = background.slice(0, 2000);
    const base = link({ existing: [], pending: first, decisions: [], settings: DEFAULT_LINK_SETTINGS });
    const existing = first.map((record) => ({ record, personId: 100 + base.assignments.get(record.key)!.cluster! }));
    // Two registry persons that the engine itself would merge: they must stay apart.
    const p1 = rec({ name: '赵敏', residentId: ID_A, mobile: '13700001234', birthDate: '1985-03-07' });
    const p2 = rec({ name: '赵敏', birthDate: '1985-03-07', mobile: '13700001234' });
    const newA = rec({ name: '赵敏', residentId: ID_A, mobile: '13700001234', birthDate: '1985.03' });
    const newB = rec({ name: '钱多多', residentId: ID_B, mobile: '13511112222', birthDate: '1985-03-07' });
    const newC = rec({ name: '钱多多', residentId: ID_B, birthDate: '1985年3月' });
    const out = link({
      existing: [...existing, { record: p1, personId: 1 }, { record: p2, personId: 2 }],
      pending: [newA, newB, newC, ...background.slice(2000, 2100)],
      decisions: [],
      settings: DEFAULT_LINK_SETTINGS,
      model: base.model,
    });
    expect(out.model.priorWeight).toBe(base.model.priorWeight);
    expect(out.stats.seconds.em).toBeUndefined();
    // newA strongly matches persons 1 and 2: joins one, and the other pair is for a human.
    const a = out.assignments.get(newA.key)!;
    expect(a.personId === 1 || a.personId === 2).toBe(true);
    const other = a.personId === 1 ? p2.key : p1.key;
    expect(out.review.some((p) => new Set([p.a, p.b]).has(newA.key) && new Set([p.a, p.b]).has(other))).toBe(true);
    // newB and newC form one new person.
    const b = out.assignments.get(newB.key)!;
    const c = out.assignments.get(newC.key)!;
    expect(b.cluster).toBeDefined();
    expect(b.cluster).toBe(c.cluster);
    expect(out.evidence.get(newB.key)).toBeDefined();
    // Existing records get no assignment: they are never re-clustered.
    expect(out.assignments.has(p1.key)).toBe(false);
    expect(out.assignments.has(first[0].key)).toBe(false);
  });

  it('respects decisions against existing records on a rerun', () => {
    const p1 = rec({ name: '孙丽', residentId: ID_A, mobile: '13700005678' });
    const x = rec({ name: '孙丽', residentId: ID_A, mobile: '13700005678' });
    const decided = link({
      existing: [{ record: p1, personId: 7 }, ...background.slice(0, 500).map((record, i) => ({ record, personId: 1000 + i }))],
      pending: [x],
      decisions: [{ a: x.key, b: p1.key, same: false }],
      settings: DEFAULT_LINK_SETTINGS,
    });
    expect(decided.assignments.get(x.key)!.personId).toBeUndefined();
    expect(decided.review.some((p) => new Set([p.a, p.b]).has(x.key))).toBe(false);
  });
});
