/**
 * Seeded pseudo-random numbers for synthetic data.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128-bit state, passes PractRand,
 * and is only 32-bit integer arithmetic, so a million person records cost milliseconds of PRNG time.
 * Never use this for anything security-related.
 */

export type Seed = number | string;

/** cyrb128: spreads a string over four independent 32-bit words to initialise sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Items with precomputed cumulative weights, for O(log n) draws. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  /** cumulative[i] = sum of weights[0..i]. */
  readonly cumulative: Float64Array;
  readonly total: number;
}

export function weightedTable<T>(items: readonly T[], weights: readonly number[]): WeightedTable<T> {
  if (items.length === 0) throw new RangeError('weightedTable: no items');
  if (items.length !== weights.length) {
    throw new RangeError(`weightedTable: ${items.length} items but ${weights.length} weights`);
  }
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weightedTable: bad weight ${w} at ${i}`);
    total += w;
    cumulative[i] = total;
  }
  if (total <= 0) throw new RangeError('weightedTable: weights sum to zero');
  return { items, cumulative, total };
}

/** Builds a table from `[item, weight]` pairs, the most readable way to write a distribution. */
export function weightedPairs<T>(pairs: readonly (readonly [T, number])[]): WeightedTable<T> {
  return weightedTable(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );
}

// Callers pass the same module-level arrays again and again; caching by identity turns
// `weighted(items, weights)` into a binary search after the first call.
const tableCache = new WeakMap<readonly unknown[], WeakMap<readonly number[], WeightedTable<unknown>>>();

function cachedTable<T>(items: readonly T[], weights: readonly number[]): WeightedTable<T> {
  let byWeights = tableCache.get(items);
  if (!byWeights) {
    byWeights = new WeakMap();
    tableCache.set(items, byWeights);
  }
  let table = byWeights.get(weights) as WeightedTable<T> | undefined;
  if (!table) {
    table = weightedTable(items, weights);
    byWeights.set(weights, table as WeightedTable<unknown>);
  }
  return table;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: Seed) {
    [this.a, this.b, this.c, this.d] = cyrb128(`${typeof seed}:${seed}`);
    // The first outputs of sfc32 still correlate with the seed words.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int: bad range [${min}, ${max}]`);
    }
    const span = max - min + 1;
    if (span <= 4294967296) return min + Math.floor(this.next() * span);
    // Wider than 32 bits: combine two draws into 53 bits.
    const r = (this.uint32() * 2097152 + (this.uint32() >>> 11)) / 9007199254740992;
    return min + Math.floor(r * span);
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick: empty array');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Weighted draw; pass module-level arrays so the cumulative table is built only once. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return this.fromTable(cachedTable(items, weights));
  }

  /** Weighted draw from a prebuilt table: one uniform draw and a binary search. */
  fromTable<T>(table: WeightedTable<T>): T {
    return table.items[this.tableIndex(table)];
  }

  tableIndex(table: WeightedTable<unknown>): number {
    const target = this.next() * table.total;
    const cum = table.cumulative;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Normal deviate (Box–Muller; the second value is discarded to keep the stream simple). */
  normal(mean = 0, sd = 1): number {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** `n` distinct items in random order (partial Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const k = Math.min(n, copy.length);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i];
      copy[i] = copy[j];
      copy[j] = tmp;
    }
    return copy.slice(0, k);
  }

  /** Decimal digits, leading zeros kept. */
  digits(n: number): string {
    let out = '';
    while (out.length < n) {
      const chunk = Math.min(9, n - out.length);
      out += String(Math.floor(this.next() * 10 ** chunk)).padStart(chunk, '0');
    }
    return out;
  }
}

export function rng(seed: Seed): Rng {
  return new Rng(seed);
}

/**
 * An independent stream named by parts (e.g. `deriveRng(seed, 'employer', 'law', 17)`), so one
 * entity always gets the same values no matter how many draws other entities consumed before it.
 */
export function deriveRng(seed: Seed, ...parts: (string | number)[]): Rng {
  return new Rng(`${typeof seed}:${seed}/${parts.join('/')}`);
}
