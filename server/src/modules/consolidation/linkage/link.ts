/**
 * The linking run: columns → blocking → comparison patterns → u by random sampling, m and the
 * prior by EM → weights (with term-frequency adjustment) → constrained union-find clustering.
 * Pure: no I/O; the caller owns persistence. Records live in typed columns indexed 0..n-1
 * (existing records first, then pending), pairs in parallel typed arrays, so a million records
 * and ten million candidate pairs stay well within memory and time.
 */
import {
  birthLevel,
  closeMobile,
  EMPLOYER_EXACT,
  F_BIRTH,
  F_EMPLOYER,
  F_GENDER,
  F_ID,
  F_MOBILE,
  F_NAME,
  F_TOWN,
  FIELDS,
  ID_EXACT,
  ID_VALID_DIFFER,
  levelOf,
  NAME_DIFFER,
  NAME_EXACT,
  nameLevel,
  oneEditSameLength,
  PATTERN_COUNT,
  similarEmployer,
} from './compare.js';
import type { LinkInput, LinkModel, LinkOutput, NormRecord, ScoredPair } from './types.js';

/** Extra knobs, all optional; LinkSettings stays as the contract defines it. */
export interface LinkTuning {
  /** Random pairs drawn for the u-probabilities. */
  uSamples?: number;
  /** Maximum EM iterations. */
  emMaxIterations?: number;
  /** Seed of the random pair sampler (the run is deterministic for a given input). */
  seed?: number;
  /** Cap on the term-frequency adjustment, in bits either way. */
  tfCap?: number;
  /**
   * 'random': u from random pairs (the population), m and the prior by EM on the candidate pairs.
   * 'candidates': u re-estimated by EM among the candidate pairs too (starting from the random
   * sample), so evidence the blocking already implies (a shared birth date) is not counted twice.
   */
  uMode?: 'random' | 'candidates';
}

const DEFAULT_TUNING: Required<LinkTuning> = { uSamples: 400_000, emMaxIterations: 200, seed: 20261125, tfCap: 10, uMode: 'random' };

// ---------------------------------------------------------------------------------------------
// Columns

const internId = (t: Interner, v: string | null | undefined, count = false) => t.id(v, count);
const internFind = (t: Interner, v: string | null | undefined, count = false) => t.find(v, count);

/** Id of a value that is present but unknown to the pending records' dictionary (lean incremental runs). */
const UNKNOWN = -2;

class Interner {
  readonly map = new Map<string, number>();
  readonly counts: number[] = [];
  /** Id of the value (inserting it), -1 for null/empty. */
  id(value: string | null | undefined, count = true): number {
    if (value === null || value === undefined || value === '') return -1;
    let id = this.map.get(value);
    if (id === undefined) {
      id = this.map.size;
      this.map.set(value, id);
      this.counts.push(0);
    }
    if (count) this.counts[id]++;
    return id;
  }
  /** Id of the value without inserting it: UNKNOWN when absent, -1 for null/empty. */
  find(value: string | null | undefined, count = true): number {
    if (value === null || value === undefined || value === '') return -1;
    const id = this.map.get(value);
    if (id === undefined) return UNKNOWN;
    if (count) this.counts[id]++;
    return id;
  }
}

interface Columns {
  n: number;
  nExisting: number;
  recs: NormRecord[];
  name: Int32Array;
  pinyin: Int32Array;
  surname: Int32Array;
  /** yyyymmdd, dd = 0 for month precision, 0 when unknown. */
  birth: Int32Array;
  gender: Int8Array;
  /** ID valid as read (not repaired): the cannot-link rule uses these only. */
  validId: Int32Array;
  /** Any valid ID (read or repaired), for blocking and the exact level. */
  anyId: Int32Array;
  id15: Int32Array;
  county: Int32Array;
  mobile: Float64Array;
  employer: Int32Array;
  town: Int32Array;
  /** Last three characters of the ID as read, as a number (X = 10), or -1. */
  idTail: Int32Array;
  nameCounts: number[];
  employerCounts: number[];
  employerTotal: number;
}

/** 'YYYY-MM[-DD]' → yyyymmdd (dd = 0 for month precision); char arithmetic, no allocation. */
function birthInt(d: string | null): number {
  if (d === null || d.length < 7) return 0;
  const dig = (k: number) => d.charCodeAt(k) - 48;
  const y = dig(0) * 1000 + dig(1) * 100 + dig(2) * 10 + dig(3);
  const m = dig(5) * 10 + dig(6);
  const day = d.length >= 10 ? dig(8) * 10 + dig(9) : 0;
  if (!(y > 0 && m > 0 && m <= 12 && day >= 0 && day <= 31)) return 0;
  return y * 10000 + m * 100 + day;
}

/** Last three characters of an 18-character ID as a number (X = 10), -1 for none or Excel's 000. */
function idTailOf(raw: string | null): number {
  if (raw === null || raw.length !== 18) return -1;
  const a = raw.charCodeAt(15) - 48;
  const b = raw.charCodeAt(16) - 48;
  const x = raw.charCodeAt(17);
  const c = x === 88 ? 10 : x - 48;
  if (a === 0 && b === 0 && c === 0) return -1;
  return (a * 10 + b) * 11 + c;
}

/**
 * Typed columns. Pending records are interned first. In a lean run (an incremental batch with a
 * stored model) existing records are only looked up in the pending records' dictionaries: a value
 * no pending record has cannot make a pair agree, so it need not be hashed into the tables; that
 * keeps a 10,000-record batch against a million-record registry to a few seconds.
 */
function buildColumns(input: LinkInput, lean: boolean): Columns {
  const nExisting = input.existing.length;
  // Built by push, not new Array(n): V8 gives a preallocated array of 100,000+ holes dictionary
  // elements, which made every recs[i] a hash lookup.
  const recs: NormRecord[] = [];
  for (let i = 0; i < nExisting; i++) recs.push(input.existing[i].record);
  for (let i = 0; i < input.pending.length; i++) recs.push(input.pending[i]);
  const n = recs.length;
  const names = new Interner();
  const pinyins = new Interner();
  const surnames = new Interner();
  const ids = new Interner();
  const id15s = new Interner();
  const counties = new Interner();
  const employers = new Interner();
  const towns = new Interner();
  const c: Columns = {
    n,
    nExisting,
    recs,
    name: new Int32Array(n),
    pinyin: new Int32Array(n),
    surname: new Int32Array(n),
    birth: new Int32Array(n),
    gender: new Int8Array(n),
    validId: new Int32Array(n),
    anyId: new Int32Array(n),
    id15: new Int32Array(n),
    county: new Int32Array(n),
    mobile: new Float64Array(n),
    employer: new Int32Array(n),
    town: new Int32Array(n),
    idTail: new Int32Array(n),
    nameCounts: names.counts,
    employerCounts: employers.counts,
    employerTotal: 0,
  };
  // An existing valid ID unknown to the batch still forbids a link to a batch record's ID, so it
  // gets a token no batch ID has. One token serves all: two existing persons are never joined
  // anyway, and existing records are never compared with each other.
  const UNKNOWN_ID_TOKEN = 1 << 30;
  const fill = (i: number, insert: boolean) => {
    const get = insert ? internId : internFind;
    const r = recs[i];
    c.name[i] = get(names, r.name, true);
    c.pinyin[i] = get(pinyins, r.pinyin);
    c.surname[i] = get(surnames, r.surname);
    c.birth[i] = birthInt(r.birthDate);
    c.gender[i] = r.gender === '1' ? 1 : r.gender === '2' ? 2 : 0;
    let any = get(ids, r.residentId);
    if (any === UNKNOWN) any = UNKNOWN_ID_TOKEN;
    c.anyId[i] = any;
    // A repaired ID, and a "valid" one ending in 000 (Excel's truncation leaves a correct check
    // character about one time in eleven), may be wrong: they link but never forbid a link.
    c.validId[i] = r.residentIdRepaired || (r.residentId !== null && r.residentId.endsWith('000')) ? -1 : any;
    c.id15[i] = get(id15s, r.residentId15);
    c.county[i] = get(counties, r.county);
    c.mobile[i] = r.mobile ? Number(r.mobile) : 0;
    c.employer[i] = get(employers, r.employer, true);
    if (r.employer) c.employerTotal++;
    c.town[i] = get(towns, r.town);
    c.idTail[i] = idTailOf(rawIdOf(r));
  };
  for (let i = nExisting; i < n; i++) fill(i, true);
  for (let i = 0; i < nExisting; i++) fill(i, !lean);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Blocking

interface Rule {
  name: string;
  /** A non-negative integer key (exact below 2^53), or -1 when the record has none. */
  key: (c: Columns, i: number) => number;
}

const ymIndex = (b: number) => (b > 0 ? (Math.floor(b / 10000) - 1800) * 13 + (Math.floor(b / 100) % 100) : -1);
const dayIndex = (b: number) => (b > 0 && b % 100 !== 0 ? (Math.floor(b / 10000) - 1800) * 416 + (Math.floor(b / 100) % 100) * 32 + (b % 100) : -1);

export const BLOCKING_RULES: readonly Rule[] = [
  { name: 'residentId', key: (c, i) => c.anyId[i] },
  { name: 'residentId15', key: (c, i) => c.id15[i] },
  { name: 'mobile', key: (c, i) => (c.mobile[i] > 0 ? c.mobile[i] : -1) },
  {
    // Month, not day: a list that wrote only 1985.03 must still meet the one that wrote 1985-03-07.
    name: 'pinyin+birthMonth',
    key: (c, i) => {
      const ym = ymIndex(c.birth[i]);
      return c.pinyin[i] < 0 || ym < 0 ? -1 : c.pinyin[i] * 8192 + ym;
    },
  },
  {
    name: 'surname+birthDate+county',
    key: (c, i) => {
      const d = dayIndex(c.birth[i]);
      return c.surname[i] < 0 || d < 0 || c.county[i] < 0 ? -1 : (c.surname[i] * 131072 + d) * 65536 + c.county[i];
    },
  },
  {
    name: 'name+employer',
    key: (c, i) => (c.name[i] < 0 || c.employer[i] < 0 ? -1 : c.name[i] * 4194304 + c.employer[i]),
  },
  {
    // Records without any ID have no county; this rule is what still brings a look-alike name together.
    name: 'surname+birthDate',
    key: (c, i) => {
      const d = dayIndex(c.birth[i]);
      return c.surname[i] < 0 || d < 0 ? -1 : c.surname[i] * 131072 + d;
    },
  },
  {
    // The last three characters of whatever ID was read: a typo in the first fifteen (which breaks
    // the residentId15 rule) leaves them intact.
    name: 'name+residentIdTail',
    key: (c, i) => (c.name[i] < 0 || c.idTail[i] < 0 ? -1 : c.name[i] * 16384 + c.idTail[i]),
  },
  {
    name: 'name+town',
    key: (c, i) => (c.name[i] < 0 || c.town[i] < 0 ? -1 : c.name[i] * 65536 + c.town[i]),
  },
];

/** A prime a little below 2^23: the batch filter's size in bits. */
const BLOOM_BITS = 8388593;

class PairBuffer {
  codes = new Float64Array(1 << 20);
  length = 0;
  push(code: number): void {
    if (this.length === this.codes.length) {
      const next = new Float64Array(this.codes.length * 2);
      next.set(this.codes);
      this.codes = next;
    }
    this.codes[this.length++] = code;
  }
}

interface BlockStats {
  perRule: Record<string, { blocks: number; capped: number; pairs: number }>;
  cappedBlocks: number;
}

/**
 * Candidate pairs from the union of the rules, as sorted unique codes lo·n + hi. Only pairs with
 * at least one pending record are produced; existing records are already clustered. In an
 * incremental run the rule maps hold only the keys of pending records, and existing records are
 * looked up against them, so a small batch never builds maps over the whole registry.
 */
function block(c: Columns, maxBlockSize: number): { codes: Float64Array; stats: BlockStats } {
  const { n, nExisting } = c;
  const out = new PairBuffer();
  const stats: BlockStats = { perRule: {}, cappedBlocks: 0 };
  const groupOf = new Int32Array(n);
  for (const rule of BLOCKING_RULES) {
    const groups = new Map<number, number>();
    groupOf.fill(-1);
    for (let i = nExisting; i < n; i++) {
      const k = rule.key(c, i);
      if (k < 0) continue;
      let g = groups.get(k);
      if (g === undefined) groups.set(k, (g = groups.size));
      groupOf[i] = g;
    }
    if (nExisting > 0 && groups.size > 0) {
      // A bit per hashed key of the batch: most registry records miss, and a bit test is much
      // cheaper than a Map lookup of a (usually heap-number) key.
      const seen = new Uint8Array(BLOOM_BITS >>> 3);
      for (const k of groups.keys()) {
        const h = k % BLOOM_BITS;
        seen[h >>> 3] |= 1 << (h & 7);
      }
      for (let i = 0; i < nExisting; i++) {
        const k = rule.key(c, i);
        if (k < 0) continue;
        const h = k % BLOOM_BITS;
        if ((seen[h >>> 3] & (1 << (h & 7))) === 0) continue;
        const g = groups.get(k);
        if (g !== undefined) groupOf[i] = g;
      }
    }
    const G = groups.size;
    const count = new Int32Array(G + 1);
    for (let i = 0; i < n; i++) if (groupOf[i] >= 0) count[groupOf[i] + 1]++;
    for (let g = 0; g < G; g++) count[g + 1] += count[g];
    const start = count.slice();
    const members = new Int32Array(count[G]);
    for (let i = 0; i < n; i++) {
      const g = groupOf[i];
      if (g >= 0) members[start[g]++] = i;
    }
    let blocks = 0;
    let capped = 0;
    let pairs = 0;
    for (let g = 0; g < G; g++) {
      const from = count[g];
      const to = count[g + 1];
      const size = to - from;
      if (size < 2) continue;
      if (size > maxBlockSize) {
        capped++;
        continue;
      }
      blocks++;
      // Members are in index order, so existing ones come first; pairs among them are skipped.
      for (let x = from; x < to; x++) {
        const a = members[x];
        for (let y = x + 1; y < to; y++) {
          const b = members[y];
          if (b < nExisting) continue;
          out.push(a * n + b);
          pairs++;
        }
      }
    }
    stats.perRule[rule.name] = { blocks, capped, pairs };
    stats.cappedBlocks += capped;
  }
  const all = out.codes.subarray(0, out.length);
  all.sort();
  let u = 0;
  for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) all[u++] = all[k];
  return { codes: all.slice(0, u), stats };
}

// ---------------------------------------------------------------------------------------------
// Comparison

function rawIdOf(r: NormRecord): string | null {
  return r.residentIdRaw !== undefined ? r.residentIdRaw : r.residentId;
}

function compare(c: Columns, i: number, j: number): number {
  const ri = c.recs[i];
  const rj = c.recs[j];
  // name
  let p = c.name[i] === c.name[j] && c.name[i] >= 0 ? 4 : nameLevel(ri.name, rj.name, c.pinyin[i], c.pinyin[j]);
  // resident ID
  let id = 0;
  if (c.validId[i] >= 0 && c.validId[j] >= 0) id = c.validId[i] === c.validId[j] ? 4 : 5;
  else if (c.anyId[i] >= 0 && c.anyId[i] === c.anyId[j]) id = 4;
  else {
    const a = rawIdOf(ri);
    const b = rawIdOf(rj);
    if (c.id15[i] >= 0 && c.id15[i] === c.id15[j]) id = a !== null && a === b && a.slice(15) !== '000' ? 4 : 3;
    else if (a !== null && b !== null) id = oneEditSameLength(a, b) ? 2 : 1;
    else if (c.id15[i] !== -1 && c.id15[j] !== -1) id = 1;
    else if (ri.residentId && rj.residentId) id = 1;
  }
  p |= id << FIELDS[F_ID].shift;
  p |= birthLevel(c.birth[i], c.birth[j]) << FIELDS[F_BIRTH].shift;
  if (c.gender[i] > 0 && c.gender[j] > 0) p |= (c.gender[i] === c.gender[j] ? 2 : 1) << FIELDS[F_GENDER].shift;
  const mi = c.mobile[i];
  const mj = c.mobile[j];
  if (mi > 0 && mj > 0) p |= (mi === mj ? 3 : closeMobile(mi, mj) ? 2 : 1) << FIELDS[F_MOBILE].shift;
  const ei = c.employer[i];
  const ej = c.employer[j];
  // -1 is missing; UNKNOWN (-2) is present but different from every pending value.
  if (ei !== -1 && ej !== -1) p |= (ei === ej ? 3 : similarEmployer(ri.employer!, rj.employer!) ? 2 : 1) << FIELDS[F_EMPLOYER].shift;
  if (c.town[i] !== -1 && c.town[j] !== -1) p |= (c.town[i] === c.town[j] ? 2 : 1) << FIELDS[F_TOWN].shift;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Model: u by random sampling, m and λ by EM on the pattern histogram

/** sfc32-like small PRNG; the engine must be deterministic for a given input and seed. */
function prng(seed: number): () => number {
  let a = seed | 0;
  let b = 0x9e3779b9;
  let cc = 0x243f6a88;
  let d = 0xb7e15162;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (cc + (cc << 3)) | 0;
    cc = (cc << 21) | (cc >>> 11);
    cc = (cc + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

type Probs = number[][];

function sampleU(c: Columns, samples: number, seed: number): Probs {
  const counts = FIELDS.map((f) => new Array<number>(f.levels.length).fill(0));
  const rand = prng(seed);
  const n = c.n;
  if (n >= 2) {
    for (let s = 0; s < samples; s++) {
      const i = Math.floor(rand() * n);
      let j = Math.floor(rand() * (n - 1));
      if (j >= i) j++;
      const p = compare(c, i, j);
      for (let f = 0; f < FIELDS.length; f++) counts[f][levelOf(p, f)]++;
    }
  }
  // Laplace-style smoothing: a level never seen among random pairs (an exact ID) gets about half
  // an observation, not zero, so its weight stays finite.
  return counts.map((row) => {
    const total = row.slice(1).reduce((s, x) => s + x, 0);
    return row.map((x, l) => (l === 0 ? 1 : (x + 0.5) / (total + 0.5 * (row.length - 1))));
  });
}

interface EmResult {
  m: Probs;
  lambda: number;
  iterations: number;
  converged: boolean;
}

/**
 * EM for the match class only: u is fixed (random sampling), m and the prior λ are estimated from
 * the candidate pairs' pattern histogram. Pairs with two different valid IDs are known non-matches
 * and are held at P(match) = 0, which anchors the non-match side.
 */
export function estimateM(hist: Map<number, number>, uStart: Probs, maxIterations: number, estimateU = false): EmResult & { u: Probs } {
  const u = uStart.map((row) => row.slice());
  const patterns = [...hist.keys()];
  const counts = patterns.map((p) => hist.get(p)!);
  const levels = patterns.map((p) => FIELDS.map((_, f) => levelOf(p, f)));
  const m: Probs = FIELDS.map((f) =>
    f.levels.map((_, l) => {
      if (l === 0) return 1;
      // Start: the best level likely, the worst unlikely, the rest in between.
      const k = f.levels.length - 1;
      const rank = f.name === 'residentId' ? [0, 0.05, 0.05, 0.1, 0.8, 1e-6][l] : l / ((k * (k + 1)) / 2);
      return rank;
    }),
  );
  for (const row of m) {
    const s = row.slice(1).reduce((a, b) => a + b, 0);
    for (let l = 1; l < row.length; l++) row[l] /= s;
  }
  let lambda = 0.3;
  let iterations = 0;
  let converged = false;
  const g = new Float64Array(patterns.length);
  for (; iterations < maxIterations; ) {
    iterations++;
    // E step
    let sumG = 0;
    let total = 0;
    for (let k = 0; k < patterns.length; k++) {
      const lv = levels[k];
      let pm = lambda;
      let pu = 1 - lambda;
      if (lv[F_ID] === ID_VALID_DIFFER) pm = 0;
      else {
        for (let f = 0; f < FIELDS.length; f++) {
          const l = lv[f];
          if (l === 0) continue;
          pm *= m[f][l];
          pu *= u[f][l];
        }
      }
      g[k] = pm + pu > 0 ? pm / (pm + pu) : 0;
      sumG += g[k] * counts[k];
      total += counts[k];
    }
    // M step
    const next: Probs = FIELDS.map((f) => new Array<number>(f.levels.length).fill(0));
    const denom = FIELDS.map(() => 0);
    const nextU: Probs = FIELDS.map((f) => new Array<number>(f.levels.length).fill(0));
    const denomU = FIELDS.map(() => 0);
    for (let k = 0; k < patterns.length; k++) {
      const w = g[k] * counts[k];
      const wu = (1 - g[k]) * counts[k];
      const lv = levels[k];
      for (let f = 0; f < FIELDS.length; f++) {
        const l = lv[f];
        if (l === 0) continue;
        next[f][l] += w;
        denom[f] += w;
        nextU[f][l] += wu;
        denomU[f] += wu;
      }
    }
    if (estimateU) {
      for (let f = 0; f < FIELDS.length; f++) {
        const L = FIELDS[f].levels.length;
        for (let l = 1; l < L; l++) {
          const v = denomU[f] > 0 ? Math.max(1e-6, (nextU[f][l] + 1e-3) / (denomU[f] + 1e-3 * (L - 1))) : u[f][l];
          u[f][l] = v;
        }
      }
    }
    let delta = 0;
    for (let f = 0; f < FIELDS.length; f++) {
      const L = FIELDS[f].levels.length;
      for (let l = 1; l < L; l++) {
        // A tiny floor keeps every level possible for a match (log weights stay finite).
        const v = denom[f] > 0 ? Math.max(1e-6, (next[f][l] + 1e-3) / (denom[f] + 1e-3 * (L - 1))) : m[f][l];
        delta = Math.max(delta, Math.abs(v - m[f][l]));
        m[f][l] = v;
      }
      m[f][0] = 1;
    }
    const newLambda = total > 0 ? Math.min(0.999, Math.max(1e-6, sumG / total)) : lambda;
    delta = Math.max(delta, Math.abs(newLambda - lambda));
    lambda = newLambda;
    if (delta < 1e-6) {
      converged = true;
      break;
    }
  }
  return { m, u, lambda, iterations, converged };
}

function modelFrom(m: Probs, u: Probs, uRandom: Probs, lambda: number, iterations: number, converged: boolean, tfBase: Record<string, number>): LinkModel {
  const fields: LinkModel['fields'] = {};
  FIELDS.forEach((f, fi) => {
    fields[f.name] = {
      levels: f.levels.map((code, l) => ({ code, m: m[fi][l], u: u[fi][l], uRandom: uRandom[fi][l] })),
    };
  });
  return { fields, priorWeight: Math.log2(lambda / (1 - lambda)), iterations, converged, tfBase };
}

/** Per field, per level: log2(m/u); 'null' is 0 (no evidence). */
function levelWeights(model: LinkModel): number[][] {
  return FIELDS.map((f) => {
    const levels = model.fields[f.name]?.levels ?? [];
    return f.levels.map((code, l) => {
      if (l === 0) return 0;
      const lv = levels.find((x) => x.code === code);
      if (!lv || !(lv.m > 0) || !(lv.u > 0)) return 0;
      return Math.log2(lv.m / lv.u);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Union-find with cannot-link constraints

class Clusters {
  parent: Int32Array;
  /** Per root: the valid-as-read ID in the cluster (-1 none). Only must-links can bring a second one, kept in `extraIds`. */
  rootId: Int32Array;
  rootPerson: Float64Array;
  extraIds = new Map<number, number[]>();
  /** Per root: records this cluster must not be joined with (cannot-link decisions). */
  cannot = new Map<number, number[]>();

  constructor(c: Columns, personOf: Float64Array) {
    const n = c.n;
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.rootId = c.validId.slice();
    this.rootPerson = personOf.slice();
  }

  find(x: number): number {
    const p = this.parent;
    let r = x;
    while (p[r] !== r) r = p[r];
    while (p[x] !== r) {
      const nx = p[x];
      p[x] = r;
      x = nx;
    }
    return r;
  }

  idsOf(r: number): number[] {
    const extra = this.extraIds.get(r);
    const base = this.rootId[r] >= 0 ? [this.rootId[r]] : [];
    return extra ? base.concat(extra) : base;
  }

  /** Why roots ra and rb may not be joined, or null. */
  conflict(ra: number, rb: number): 'id' | 'person' | 'decision' | null {
    const pa = this.rootPerson[ra];
    const pb = this.rootPerson[rb];
    if (!Number.isNaN(pa) && !Number.isNaN(pb) && pa !== pb) return 'person';
    if (this.rootId[ra] >= 0 && this.rootId[rb] >= 0) {
      if (this.extraIds.size === 0) {
        if (this.rootId[ra] !== this.rootId[rb]) return 'id';
      } else {
        const ia = this.idsOf(ra);
        const ib = this.idsOf(rb);
        if (ia.some((x) => !ib.includes(x)) || ib.some((x) => !ia.includes(x))) return 'id';
      }
    }
    const ca = this.cannot.get(ra);
    if (ca) for (const x of ca) if (this.find(x) === rb) return 'decision';
    const cb = this.cannot.get(rb);
    if (cb) for (const x of cb) if (this.find(x) === ra) return 'decision';
    return null;
  }

  /** Joins two roots (the caller checked conflicts, or forces a must-link). */
  join(ra: number, rb: number): number {
    if (ra === rb) return ra;
    // Keep the root that carries a person, so existing persons keep their identity.
    if (Number.isNaN(this.rootPerson[ra]) && !Number.isNaN(this.rootPerson[rb])) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    if (Number.isNaN(this.rootPerson[ra])) this.rootPerson[ra] = this.rootPerson[rb];
    const ida = this.rootId[ra];
    const idb = this.rootId[rb];
    if (ida < 0) this.rootId[ra] = idb;
    else if (idb >= 0 && idb !== ida) {
      const set = new Set([...(this.extraIds.get(ra) ?? []), ...this.idsOf(rb)]);
      set.delete(ida);
      this.extraIds.set(ra, [...set]);
    }
    this.extraIds.delete(rb);
    const cb = this.cannot.get(rb);
    if (cb) {
      this.cannot.set(ra, (this.cannot.get(ra) ?? []).concat(cb));
      this.cannot.delete(rb);
    }
    return ra;
  }
}

// ---------------------------------------------------------------------------------------------

function now(): number {
  return performance.now();
}

export function link(input: LinkInput, tuning: LinkTuning = {}): LinkOutput {
  const t = { ...DEFAULT_TUNING, ...tuning };
  const { settings } = input;
  const seconds: Record<string, number> = {};
  const progress = input.progress ?? (() => {});
  let t0 = now();
  const lap = (stage: string) => {
    const t1 = now();
    seconds[stage] = (seconds[stage] ?? 0) + (t1 - t0) / 1000;
    t0 = t1;
  };

  progress(0, 'prepare');
  const lean = input.model !== undefined && input.existing.length > 0;
  const c = buildColumns(input, lean);
  const n = c.n;
  const nE = c.nExisting;
  const personOf = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < nE; i++) personOf[i] = input.existing[i].personId;
  // Only the records named in decisions need a key → index map.
  const indexOfKey = new Map<number, number>();
  if (input.decisions.length > 0) {
    const wanted = new Set<number>();
    for (const d of input.decisions) wanted.add(d.a).add(d.b);
    for (let i = 0; i < n; i++) if (wanted.has(c.recs[i].key)) indexOfKey.set(c.recs[i].key, i);
  }
  lap('prepare');

  progress(0.1, 'block');
  const { codes, stats: blockStats } = block(c, settings.maxBlockSize);
  const P = codes.length;
  const pairA = new Int32Array(P);
  const pairB = new Int32Array(P);
  for (let k = 0; k < P; k++) {
    const a = Math.floor(codes[k] / n);
    pairA[k] = a;
    pairB[k] = codes[k] - a * n;
  }
  lap('block');

  progress(0.3, 'compare');
  const pattern = new Uint32Array(P);
  const hist = new Map<number, number>();
  for (let k = 0; k < P; k++) {
    const p = compare(c, pairA[k], pairB[k]);
    pattern[k] = p;
    hist.set(p, (hist.get(p) ?? 0) + 1);
  }
  lap('compare');

  // Term frequencies: the share of records holding a name (employer). The base is the chance two
  // random records agree on the value, so a name as common as the average gets no adjustment.
  const nameShare = (id: number) => c.nameCounts[id] / n;
  const empShare = (id: number) => c.employerCounts[id] / Math.max(1, c.employerTotal);
  // A lean run has counts only for the batch's values; the bases come from the stored model.
  let nameBase = input.model?.tfBase?.name ?? 0;
  let empBase = input.model?.tfBase?.employer ?? 0;
  if (!(nameBase > 0) || !lean) {
    nameBase = 0;
    for (const k of c.nameCounts) nameBase += (k / n) ** 2;
  }
  if (!(empBase > 0) || !lean) {
    empBase = 0;
    for (const k of c.employerCounts) empBase += (k / Math.max(1, c.employerTotal)) ** 2;
  }

  let model: LinkModel;
  if (input.model) {
    model = { ...input.model, tfBase: { name: nameBase, employer: empBase } };
  } else {
    progress(0.5, 'u');
    const u = sampleU(c, t.uSamples, t.seed);
    lap('u');
    progress(0.55, 'em');
    const em = estimateM(hist, u, t.emMaxIterations, t.uMode === 'candidates');
    // EM's λ is the share of matches among candidate pairs. With u from random pairs the weights
    // measure evidence against a random pair, so the prior must be the chance that a random pair
    // matches; keeping the candidate share would count the blocking agreement twice.
    const nP = n - nE;
    const comparable = nE * nP + (nP * (nP - 1)) / 2;
    const lambda = t.uMode === 'candidates' || comparable <= 0 ? em.lambda : Math.min(0.5, (em.lambda * P) / comparable);
    model = modelFrom(em.m, em.u, u, lambda, em.iterations, em.converged, { name: nameBase, employer: empBase });
    lap('em');
  }

  progress(0.6, 'score');
  const lw = levelWeights(model);
  const prior = model.priorWeight;
  const patternWeight = new Map<number, number>();
  for (const p of hist.keys()) {
    let w = prior;
    for (let f = 0; f < FIELDS.length; f++) w += lw[f][levelOf(p, f)];
    patternWeight.set(p, w);
  }
  const cap = t.tfCap;
  const clampTf = (x: number) => Math.max(-cap, Math.min(cap, x));
  const nameTf = (i: number) => clampTf(Math.log2(nameBase / nameShare(c.name[i])));
  const empTf = (i: number) => clampTf(Math.log2(empBase / empShare(c.employer[i])));
  const nameShift = FIELDS[F_NAME].shift;
  const empShift = FIELDS[F_EMPLOYER].shift;
  const weightOf = (p: number, a: number): number => {
    let w = patternWeight.get(p);
    if (w === undefined) {
      w = prior;
      for (let f = 0; f < FIELDS.length; f++) w += lw[f][levelOf(p, f)];
      patternWeight.set(p, w);
    }
    if (((p >>> nameShift) & 7) === NAME_EXACT) w += nameTf(a);
    if (((p >>> empShift) & 3) === EMPLOYER_EXACT) w += empTf(a);
    return w;
  };
  const weight = new Float64Array(P);
  for (let k = 0; k < P; k++) weight[k] = weightOf(pattern[k], pairA[k]);
  lap('score');

  progress(0.75, 'cluster');
  const clusters = new Clusters(c, personOf);
  // Existing persons are fixed clusters.
  const firstOfPerson = new Map<number, number>();
  for (let i = 0; i < nE; i++) {
    const pid = personOf[i];
    const f = firstOfPerson.get(pid);
    if (f === undefined) firstOfPerson.set(pid, i);
    else clusters.join(clusters.find(f), clusters.find(i));
  }
  // Decisions: cannot-links first (so must-links cannot bridge them), then must-links.
  const decided = new Set<number>();
  const pairCode = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  const mustLinks: [number, number][] = [];
  for (const d of input.decisions) {
    const a = indexOfKey.get(d.a);
    const b = indexOfKey.get(d.b);
    if (a === undefined || b === undefined || a === b) continue;
    decided.add(pairCode(a, b));
    if (d.same) mustLinks.push([a, b]);
    else {
      const ra = clusters.find(a);
      const rb = clusters.find(b);
      clusters.cannot.set(ra, (clusters.cannot.get(ra) ?? []).concat(b));
      clusters.cannot.set(rb, (clusters.cannot.get(rb) ?? []).concat(a));
    }
  }
  for (const [a, b] of mustLinks) {
    const ra = clusters.find(a);
    const rb = clusters.find(b);
    // A human said "same"; only another human decision or two different existing persons stop it
    // (the engine never merges persons of the registry; that is a person merge, done elsewhere).
    const why = clusters.conflict(ra, rb);
    if (why === 'decision' || why === 'person') continue;
    clusters.join(ra, rb);
  }

  // Automatic links, strongest first.
  const nameMustAgree = settings.nameMustAgree !== false;
  const order = sortedAbove(weight, settings.upper);
  const review: { k: number }[] = [];
  for (let x = 0; x < order.length; x++) {
    const k = order[x];
    const a = pairA[k];
    const b = pairB[k];
    if (levelOf(pattern[k], F_ID) === ID_VALID_DIFFER) continue;
    if (decided.size > 0 && decided.has(pairCode(a, b))) continue;
    const ra = clusters.find(a);
    const rb = clusters.find(b);
    if (ra === rb) continue;
    const why = clusters.conflict(ra, rb);
    if (why === null) {
      if (nameMustAgree && levelOf(pattern[k], F_NAME) === NAME_DIFFER) review.push({ k });
      else clusters.join(ra, rb);
    } else if (why === 'person') review.push({ k });
  }
  lap('cluster');

  progress(0.9, 'output');
  const explain = (a: number, b: number, p: number, w: number): ScoredPair => {
    const contributions: ScoredPair['contributions'] = [];
    FIELDS.forEach((f, fi) => {
      const l = levelOf(p, fi);
      let fw = lw[fi][l];
      let level = f.levels[l];
      if (fi === F_NAME && l === NAME_EXACT) {
        fw += nameTf(a);
        level = 'exact+tf';
      } else if (fi === F_EMPLOYER && l === EMPLOYER_EXACT) {
        fw += empTf(a);
        level = 'exact+tf';
      }
      contributions.push({ field: f.name, level, weight: fw });
    });
    return { a: c.recs[a].key, b: c.recs[b].key, weight: w, contributions };
  };

  // Review: undecided pairs in [lower, upper) whose records ended in different clusters that could
  // still be joined, plus the strong pairs refused because they would join two existing persons;
  // one pair (the strongest) per pair of clusters, so nobody is asked the same question twice.
  for (let k = 0; k < P; k++) {
    const w = weight[k];
    if (w < settings.lower || w >= settings.upper) continue;
    if (levelOf(pattern[k], F_ID) === ID_VALID_DIFFER) continue;
    const a = pairA[k];
    const b = pairB[k];
    if (decided.size > 0 && decided.has(pairCode(a, b))) continue;
    const ra = clusters.find(a);
    const rb = clusters.find(b);
    if (ra === rb) continue;
    const why = clusters.conflict(ra, rb);
    if (why === 'id' || why === 'decision') continue;
    review.push({ k });
  }
  const bestReview = new Map<number, number>();
  for (const { k } of review) {
    const key = pairCode(clusters.find(pairA[k]), clusters.find(pairB[k]));
    const prev = bestReview.get(key);
    if (prev === undefined || weight[k] > weight[prev]) bestReview.set(key, k);
  }
  const reviewOut = [...bestReview.values()]
    .sort((x, y) => weight[y] - weight[x])
    .map((k) => explain(pairA[k], pairB[k], pattern[k], weight[k]));

  // Assignments and evidence.
  const assignments: LinkOutput['assignments'] = new Map();
  const clusterNo = new Map<number, number>();
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[clusters.find(i)]++;
  for (let i = nE; i < n; i++) {
    const r = clusters.find(i);
    const pid = clusters.rootPerson[r];
    if (!Number.isNaN(pid)) assignments.set(c.recs[i].key, { personId: pid });
    else {
      let no = clusterNo.get(r);
      if (no === undefined) clusterNo.set(r, (no = clusterNo.size));
      assignments.set(c.recs[i].key, { cluster: no });
    }
  }
  const best = new Int32Array(n).fill(-1);
  for (let k = 0; k < P; k++) {
    const a = pairA[k];
    const b = pairB[k];
    if (levelOf(pattern[k], F_ID) === ID_VALID_DIFFER) continue;
    if (clusters.find(a) !== clusters.find(b)) continue;
    if (a >= nE && (best[a] < 0 || weight[k] > weight[best[a]])) best[a] = k;
    if (best[b] < 0 || weight[k] > weight[best[b]]) best[b] = k;
  }
  const evidence = new Map<number, ScoredPair>();
  for (let i = nE; i < n; i++) {
    if (size[clusters.find(i)] < 2) continue;
    const k = best[i];
    if (k >= 0) evidence.set(c.recs[i].key, explain(pairA[k], pairB[k], pattern[k], weight[k]));
  }
  // Records joined only by a human must-link (no candidate pair): explain with that pair, scored now.
  for (const [a, b] of mustLinks) {
    for (const [x, y] of [[a, b], [b, a]]) {
      if (x < nE || evidence.has(c.recs[x].key) || clusters.find(x) !== clusters.find(y)) continue;
      const lo = Math.min(x, y);
      const hi = Math.max(x, y);
      const p = compare(c, lo, hi);
      evidence.set(c.recs[x].key, explain(lo, hi, p, weightOf(p, lo)));
    }
  }
  lap('output');
  progress(1, 'done');

  return {
    assignments,
    evidence,
    review: reviewOut,
    model,
    stats: {
      candidatePairs: P,
      cappedBlocks: blockStats.cappedBlocks,
      seconds,
      blocking: blockStats.perRule,
    },
  };
}

/** Indices of weights ≥ threshold, strongest first (packed into doubles so the sort is native). */
function sortedAbove(weight: Float64Array, threshold: number): Int32Array {
  let m = 0;
  for (let k = 0; k < weight.length; k++) if (weight[k] >= threshold) m++;
  const idx = new Int32Array(m);
  m = 0;
  for (let k = 0; k < weight.length; k++) if (weight[k] >= threshold) idx[m++] = k;
  const SHIFT = 2 ** 26;
  if (weight.length < SHIFT) {
    let maxW = threshold;
    for (let x = 0; x < m; x++) maxW = Math.max(maxW, weight[idx[x]]);
    const packed = new Float64Array(m);
    // Quantised to 1/1024 bit; ties keep index order, which keeps the run deterministic.
    for (let x = 0; x < m; x++) packed[x] = Math.round((maxW - weight[idx[x]]) * 1024) * SHIFT + idx[x];
    packed.sort();
    for (let x = 0; x < m; x++) idx[x] = packed[x] % SHIFT;
    return idx;
  }
  return Int32Array.from([...idx].sort((x, y) => weight[y] - weight[x] || x - y));
}
