/**
 * The record-linkage engine's contract. The engine is pure (no database, no I/O): the
 * consolidation service feeds it source records and human decisions and writes back what it
 * returns; the benchmark feeds it synthetic department lists with ground truth.
 */

/** One row of one department's list, values as read (any form the import accepted). */
export interface RawRecord {
  /** The caller's stable id: a source record id in the registry, a row index in the bench. */
  key: number;
  /** The list's supplier (source unit); duplicates inside one source are possible. */
  source: number;
  name: string;
  /** As read: '男'/'女'/'1'/'2'/'M'/… or empty. */
  gender?: string | null;
  /** As read: 1985-03-07, 1985.03, 1985年3月, 19850307, an Excel serial … */
  birthDate?: string | null;
  /** As read, possibly invalid, truncated by Excel, in scientific notation or with a typo. */
  residentId?: string | null;
  /** As read: full-width digits, +86, spaces and dashes possible. */
  mobile?: string | null;
  /** Employer as read: 淄川明德律所, 山东明德律师事务所有限公司 … */
  employer?: string | null;
  /** Work or residence town as read: 洪山, 洪山镇, 般阳路街道 … */
  town?: string | null;
}

/** A record after normalisation: everything the blockers and comparators read. */
export interface NormRecord {
  key: number;
  source: number;
  /** NFKC, traditional → simplified, whitespace and punctuation removed. */
  name: string;
  surname: string;
  /** Full pinyin without tones, e.g. 'zhangwei'. */
  pinyin: string;
  gender: '1' | '2' | null;
  /** 'YYYY-MM-DD', or 'YYYY-MM' when only the month is known, or null. */
  birthDate: string | null;
  /** A valid 18-character ID (upgraded from 15, repaired when exactly one valid candidate is one edit away), else null. */
  residentId: string | null;
  /** True when residentId was repaired rather than read as valid. */
  residentIdRepaired: boolean;
  /** The first 15 significant characters of whatever ID was read (survives Excel truncation), or null. */
  residentId15: string | null;
  /**
   * The ID as read in canonical 18-character form even when invalid (bad checksum from a typo or a
   * transposition, Excel's trailing zeros), for the edit-distance comparison; null when none was read.
   * Optional (added after the first version): absent means "use residentId".
   */
  residentIdRaw?: string | null;
  /** County code: the ID's first 6 digits when an ID was read. */
  county: string | null;
  /** 11-digit mainland mobile or null. */
  mobile: string | null;
  /** Normalised employer: simplified, suffixes such as 有限公司/有限责任公司 stripped, 律所 → 律师事务所 … */
  employer: string | null;
  /** Town name without 镇/街道/乡 suffix. */
  town: string | null;
}

/** A human decision on a pair of records; never asked again, never overridden by a rerun. */
export interface Decision {
  a: number;
  b: number;
  same: boolean;
}

export interface LinkSettings {
  /** Match weight (log2 Bayes factor, prior included) at or above which a pair is linked automatically. */
  upper: number;
  /** Pairs with a weight in [lower, upper) go to human review. */
  lower: number;
  /** Blocks larger than this are skipped for that rule (the other rules still apply). */
  maxBlockSize: number;
  /**
   * Optional (added; default true): a pair whose names disagree entirely (neither equal, nor the
   * same pinyin, nor one character apart) is never linked automatically, whatever its weight — it
   * goes to review. Twins share everything but the given name, often a parent's phone too.
   */
  nameMustAgree?: boolean;
}

/**
 * Defaults measured on the synthetic benchmark (bench/results/2026-11-25-linkage.md): weights are
 * posterior log2 odds against the chance that a random pair matches, so 1 ≈ 2:1 for a match. The
 * first version of this contract had upper 8 / lower 2; at 8 the medium profile's headcount error
 * was ~1% (too many records left apart), at 1 it meets the 0.2% target with precision ≥ 0.998.
 */
export const DEFAULT_LINK_SETTINGS: LinkSettings = { upper: 1, lower: -4, maxBlockSize: 200 };

/** The fitted model: serialisable JSON, kept with each run so every link can be explained later. */
export interface LinkModel {
  /** Per comparison field, per level code: m- and u-probabilities. */
  fields: Record<string, { levels: { code: string; m: number; u: number; uRandom?: number }[] }>;
  /** Optional (added): the share of records holding each name / employer value is not kept; these are the average u of an exact agreement used to centre term-frequency adjustments. */
  tfBase?: Record<string, number>;
  /** log2 prior odds that a random candidate pair is a match. */
  priorWeight: number;
  iterations: number;
  converged: boolean;
}

/** A scored pair. `contributions` is each field's level and its weight; their sum plus the prior is `weight`. */
export interface ScoredPair {
  a: number;
  b: number;
  weight: number;
  contributions: { field: string; level: string; weight: number }[];
}

export interface LinkInput {
  /**
   * Records already linked to persons, with the person they belong to (incremental runs):
   * they are compared with `pending` records but never re-clustered among themselves.
   */
  existing: { record: NormRecord; personId: number }[];
  /** Records to link: attached to an existing person, to each other, or left as new persons. */
  pending: NormRecord[];
  decisions: Decision[];
  settings: LinkSettings;
  /** A model from an earlier run to reuse (an incremental run need not re-estimate). */
  model?: LinkModel;
  /** Called now and then with a fraction in [0, 1] and the stage name. */
  progress?: (fraction: number, stage: string) => void;
}

export interface LinkOutput {
  /**
   * For every pending record: the existing person it joins (`personId`), or a new cluster number
   * (`cluster`, ≥ 0, shared by the pending records that form one new person).
   */
  assignments: Map<number, { personId: number; cluster?: undefined } | { cluster: number; personId?: undefined }>;
  /** For every pending record linked to another record: the strongest pair that put it there (explanation). */
  evidence: Map<number, ScoredPair>;
  /** Undecided pairs in the review band, including pairs that would join two existing persons. */
  review: ScoredPair[];
  model: LinkModel;
  stats: {
    candidatePairs: number;
    cappedBlocks: number;
    seconds: Record<string, number>;
    /** Optional (added): per blocking rule, blocks used, blocks over the cap, pairs produced (before de-duplication). */
    blocking?: Record<string, { blocks: number; capped: number; pairs: number }>;
  };
}
