/**
 * The record-linkage engine of consolidation: pure, no I/O (the contract is types.ts).
 *
 *   normalise(raw)  one source row → NormRecord (names simplified + pinyin, IDs validated /
 *                   repaired / first 15 digits kept, mobiles, loose dates, employer and town forms)
 *   link(input)     blocking (union of rules, capped blocks) → comparison patterns → u by random
 *                   sampling, m and the prior by EM (or the stored model) → weights with
 *                   term-frequency adjustment → union-find that refuses two valid IDs, two
 *                   existing persons and human cannot-links → assignments, evidence, review.
 *
 * Keep the returned `model` with the run: passing it back as `input.model` makes an incremental
 * run skip estimation and look existing records up only where the batch's values occur.
 */
export * from './types.js';
export {
  normalise,
  normaliseBirthDate,
  normaliseEmployer,
  normaliseGender,
  normaliseMobile,
  normaliseName,
  normaliseResidentId,
  normaliseTown,
  oneEditCandidates,
  surnameOf,
} from './normalise.js';
export { link, BLOCKING_RULES, type LinkTuning } from './link.js';
export { FIELDS } from './compare.js';
