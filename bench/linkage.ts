// `node --import tsx bench/linkage.ts [--records 1000000] [--profile easy|medium|hard|all] [--incremental] [--batch 10000] [--out name]`
// (`npm run bench:linkage`)
//
// The record-linkage engine on synthetic department lists with ground truth
// (server/src/synth/departments.ts). Per profile: generate in memory (timed, not counted), then
// normalise → link (block, compare, u sampling, EM, score, cluster), evaluate against the truth:
// pairwise precision / recall / F1, B-cubed F1, headcount error, over-merged clusters, review load,
// time per stage and peak RSS (VmHWM). --incremental: link all but the last --batch records, then
// the batch against them as `existing` with the first run's model.
//
// Results: bench/results/2026-11-25-linkage.{json,md} (or --out <name>).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_LINK_SETTINGS, link, normalise, type LinkOutput, type NormRecord } from '../server/src/modules/consolidation/linkage/index.js';
import { generateDepartmentLists, type DepartmentLists, type DepartmentProfile } from '../server/src/synth/departments.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    profile: { type: 'string', default: 'medium' },
    incremental: { type: 'boolean', default: false },
    batch: { type: 'string', default: '10000' },
    seed: { type: 'string', default: 'linkage-bench' },
    out: { type: 'string', default: '2026-11-25-linkage' },
    upper: { type: 'string' },
    lower: { type: 'string' },
  },
});

const RECORDS = Number(args.records);
const BATCH = Number(args.batch);
const settings = {
  ...DEFAULT_LINK_SETTINGS,
  ...(args.upper ? { upper: Number(args.upper) } : {}),
  ...(args.lower ? { lower: Number(args.lower) } : {}),
};

function vmHwmMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 2 ** 20);
  } catch {
    return Math.round(process.memoryUsage().rss / 2 ** 20);
  }
}

const secs = (t0: number) => (performance.now() - t0) / 1000;
/** CPU seconds (user + system) of this process: the machine is shared, so wall time alone misleads. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/** Load average over the last minute when the run ended, for context. */
const load1 = () => Math.round(loadavg()[0] * 100) / 100;
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

interface Evaluation {
  records: number;
  truePersons: number;
  clusters: number;
  headcountError: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  bcubedF1: number;
  overMergedClusters: number;
  splitPersons: number;
  hardNegativesMerged: { twin: number; namesake: number; total: number };
}

/** Cluster label per record index: existing → person id (offset), new → cluster number. */
function labelsOf(out: LinkOutput, keys: number[], existingLabel?: Map<number, number>): Int32Array {
  const labels = new Int32Array(keys.length);
  const offset = 1 << 29;
  keys.forEach((key, i) => {
    const pre = existingLabel?.get(key);
    if (pre !== undefined) {
      labels[i] = pre;
      return;
    }
    const a = out.assignments.get(key)!;
    labels[i] = a.personId !== undefined ? a.personId : offset + a.cluster!;
  });
  return labels;
}

function evaluate(truth: Int32Array, labels: Int32Array, data: DepartmentLists): Evaluation {
  const n = truth.length;
  // Contingency of (cluster, person) via a map keyed by both.
  const clusterSize = new Map<number, number>();
  const personSize = new Map<number, number>();
  const both = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    clusterSize.set(labels[i], (clusterSize.get(labels[i]) ?? 0) + 1);
    personSize.set(truth[i], (personSize.get(truth[i]) ?? 0) + 1);
    const k = labels[i] * 4194304 + truth[i];
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  const c2 = (x: number) => (x * (x - 1)) / 2;
  let truePairs = 0;
  for (const s of personSize.values()) truePairs += c2(s);
  let predictedPairs = 0;
  for (const s of clusterSize.values()) predictedPairs += c2(s);
  let correctPairs = 0;
  let bp = 0;
  let br = 0;
  const personsInCluster = new Map<number, number>();
  const clustersOfPerson = new Map<number, number>();
  for (const [k, s] of both) {
    correctPairs += c2(s);
    const label = Math.floor(k / 4194304);
    const person = k - label * 4194304;
    // B-cubed: for each record, |cluster ∩ person| / |cluster| (precision) and / |person| (recall).
    bp += (s * s) / clusterSize.get(label)!;
    br += (s * s) / personSize.get(person)!;
    personsInCluster.set(label, (personsInCluster.get(label) ?? 0) + 1);
    clustersOfPerson.set(person, (clustersOfPerson.get(person) ?? 0) + 1);
  }
  bp /= n;
  br /= n;
  const precision = predictedPairs ? correctPairs / predictedPairs : 1;
  const recall = truePairs ? correctPairs / truePairs : 1;
  let overMerged = 0;
  for (const v of personsInCluster.values()) if (v > 1) overMerged++;
  let split = 0;
  for (const v of clustersOfPerson.values()) if (v > 1) split++;
  // Hard negatives merged: some cluster holds records of both persons.
  const labelsOfPerson = new Map<number, Set<number>>();
  for (let i = 0; i < n; i++) {
    let s = labelsOfPerson.get(truth[i]);
    if (!s) labelsOfPerson.set(truth[i], (s = new Set()));
    s.add(labels[i]);
  }
  const hn = { twin: 0, namesake: 0, total: 0 };
  for (const h of data.hardNegatives) {
    const la = labelsOfPerson.get(h.a);
    const lb = labelsOfPerson.get(h.b);
    if (la && lb && [...la].some((x) => lb.has(x))) {
      hn[h.kind]++;
      hn.total++;
    }
  }
  return {
    records: n,
    truePersons: personSize.size,
    clusters: clusterSize.size,
    headcountError: (clusterSize.size - personSize.size) / personSize.size,
    truePairs,
    predictedPairs,
    correctPairs,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    bcubedPrecision: bp,
    bcubedRecall: br,
    bcubedF1: (2 * bp * br) / (bp + br),
    overMergedClusters: overMerged,
    splitPersons: split,
    hardNegativesMerged: hn,
  };
}

interface ProfileResult {
  profile: DepartmentProfile;
  records: number;
  generateSeconds: number;
  normaliseSeconds: number;
  linkSeconds: Record<string, number>;
  endToEndSeconds: number;
  /** CPU seconds of normalise + link (single-threaded, so ≈ wall time on an idle core). */
  endToEndCpuSeconds: number;
  loadAverage: number;
  candidatePairs: number;
  cappedBlocks: number;
  blocking?: Record<string, { blocks: number; capped: number; pairs: number }>;
  reviewPairs: number;
  model: { priorWeight: number; iterations: number; converged: boolean; weights: Record<string, Record<string, number>> };
  evaluation: Evaluation;
  peakRssMb: number;
  incremental?: {
    existing: number;
    batch: number;
    seconds: number;
    cpuSeconds: number;
    loadAverage: number;
    stages: Record<string, number>;
    candidatePairs: number;
    reviewPairs: number;
    evaluation: Evaluation;
    peakRssMb: number;
  };
}

function modelWeights(out: LinkOutput): Record<string, Record<string, number>> {
  const w: Record<string, Record<string, number>> = {};
  for (const [f, { levels }] of Object.entries(out.model.fields)) {
    w[f] = {};
    for (const l of levels) if (l.code !== 'null') w[f][l.code] = round(Math.log2(l.m / l.u), 2);
  }
  return w;
}

function runProfile(profile: DepartmentProfile): ProfileResult {
  console.log(`\n== ${profile}: ${RECORDS.toLocaleString('en')} records`);
  let t0 = performance.now();
  const data = generateDepartmentLists(args.seed!, { records: RECORDS, profile });
  const generateSeconds = secs(t0);
  console.log(`generated ${data.records.length.toLocaleString('en')} rows of ${data.persons.toLocaleString('en')} persons in ${generateSeconds.toFixed(1)} s`);

  t0 = performance.now();
  const cpu0 = cpuNow();
  const norm: NormRecord[] = data.records.map(normalise);
  const normaliseSeconds = secs(t0);
  console.log(`normalise ${normaliseSeconds.toFixed(1)} s`);

  t0 = performance.now();
  const out = link({ existing: [], pending: norm, decisions: [], settings });
  const linkTotal = secs(t0);
  const cpuTotal = cpuNow() - cpu0;
  console.log(`link ${linkTotal.toFixed(1)} s (normalise + link cpu ${cpuTotal.toFixed(1)} s, load ${load1()})`, Object.entries(out.stats.seconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
  const keys = norm.map((r) => r.key);
  const evaluation = evaluate(data.truth, labelsOf(out, keys), data);
  console.log(
    `pairs ${out.stats.candidatePairs.toLocaleString('en')} · P ${evaluation.precision.toFixed(5)} R ${evaluation.recall.toFixed(5)} F1 ${evaluation.f1.toFixed(5)} · B3 F1 ${evaluation.bcubedF1.toFixed(5)} · headcount ${(evaluation.headcountError * 100).toFixed(3)}% · over-merged ${evaluation.overMergedClusters} · review ${out.review.length} · EM it ${out.model.iterations}`,
  );
  const result: ProfileResult = {
    profile,
    records: data.records.length,
    generateSeconds: round(generateSeconds, 2),
    normaliseSeconds: round(normaliseSeconds, 2),
    linkSeconds: Object.fromEntries(Object.entries(out.stats.seconds).map(([k, v]) => [k, round(v, 2)])),
    endToEndSeconds: round(normaliseSeconds + linkTotal, 2),
    endToEndCpuSeconds: round(cpuTotal, 2),
    loadAverage: load1(),
    candidatePairs: out.stats.candidatePairs,
    cappedBlocks: out.stats.cappedBlocks,
    blocking: out.stats.blocking,
    reviewPairs: out.review.length,
    model: { priorWeight: round(out.model.priorWeight, 3), iterations: out.model.iterations, converged: out.model.converged, weights: modelWeights(out) },
    evaluation,
    peakRssMb: vmHwmMb(),
  };

  if (args.incremental) {
    // The registry as the first run left it: every record but the last BATCH, with its person.
    const cut = norm.length - BATCH;
    const prior = link({ existing: [], pending: norm.slice(0, cut), decisions: [], settings });
    const personOf = new Map<number, number>();
    const existing = norm.slice(0, cut).map((record) => {
      const a = prior.assignments.get(record.key)!;
      const personId = a.cluster! + 1;
      personOf.set(record.key, personId);
      return { record, personId };
    });
    const batch = norm.slice(cut);
    t0 = performance.now();
    const icpu0 = cpuNow();
    const inc = link({ existing, pending: batch, decisions: [], settings, model: prior.model });
    const incSeconds = secs(t0);
    const incCpu = cpuNow() - icpu0;
    const incLabels = labelsOf(inc, keys, personOf);
    const incEval = evaluate(data.truth, incLabels, data);
    console.log(
      `incremental ${BATCH.toLocaleString('en')} vs ${cut.toLocaleString('en')}: ${incSeconds.toFixed(2)} s, cpu ${incCpu.toFixed(2)} s (${Object.entries(inc.stats.seconds).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}) · F1 ${incEval.f1.toFixed(5)}`,
    );
    result.incremental = {
      existing: cut,
      batch: BATCH,
      seconds: round(incSeconds, 2),
      cpuSeconds: round(incCpu, 2),
      loadAverage: load1(),
      stages: Object.fromEntries(Object.entries(inc.stats.seconds).map(([k, v]) => [k, round(v, 3)])),
      candidatePairs: inc.stats.candidatePairs,
      reviewPairs: inc.review.length,
      evaluation: incEval,
      peakRssMb: vmHwmMb(),
    };
  }
  return result;
}

const profiles: DepartmentProfile[] = args.profile === 'all' ? ['easy', 'medium', 'hard'] : [args.profile as DepartmentProfile];
const results: ProfileResult[] = [];
for (const p of profiles) {
  results.push(runProfile(p));
  if (global.gc) global.gc();
}

// Targets of issue 4.
const byProfile = (p: DepartmentProfile) => results.find((r) => r.profile === p);
const med = byProfile('medium');
const hard = byProfile('hard');
const full = RECORDS >= 1_000_000;
const targets: { target: string; value: string; met: boolean | null }[] = [];
if (med) {
  const e = med.evaluation;
  const note = full ? '' : ` (at ${med.records.toLocaleString('en')} records, not 1,000,000)`;
  targets.push({ target: 'medium F1 ≥ 0.995', value: e.f1.toFixed(5) + note, met: full ? e.f1 >= 0.995 : null });
  targets.push({ target: 'medium precision ≥ 0.998', value: e.precision.toFixed(5) + note, met: full ? e.precision >= 0.998 : null });
  targets.push({ target: 'medium headcount error ≤ 0.2%', value: `${(e.headcountError * 100).toFixed(3)}%${note}`, met: full ? Math.abs(e.headcountError) <= 0.002 : null });
  targets.push({ target: 'medium ≤ 120 s normalise → cluster', value: `${med.endToEndSeconds} s wall, ${med.endToEndCpuSeconds} s CPU (load ${med.loadAverage})${note}`, met: full ? med.endToEndSeconds <= 120 : null });
  if (med.incremental) {
    targets.push({
      target: 'incremental 10,000 vs 1,000,000 ≤ 10 s',
      value: `${med.incremental.seconds} s wall, ${med.incremental.cpuSeconds} s CPU (${med.incremental.batch.toLocaleString('en')} vs ${med.incremental.existing.toLocaleString('en')}, load ${med.incremental.loadAverage})`,
      met: full && med.incremental.batch >= 10_000 ? med.incremental.seconds <= 10 : null,
    });
  }
}
if (hard) {
  const note = full ? '' : ` (at ${hard.records.toLocaleString('en')} records)`;
  targets.push({ target: 'hard F1 ≥ 0.98', value: hard.evaluation.f1.toFixed(5) + note, met: full ? hard.evaluation.f1 >= 0.98 : null });
}

const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  args: { records: RECORDS, profile: args.profile, incremental: args.incremental, batch: BATCH, seed: args.seed },
  settings,
  results,
  targets,
};
writeFileSync(`bench/results/${args.out}.json`, `${JSON.stringify(report, null, 2)}\n`);

const md: string[] = [];
md.push(`# Record linkage benchmark (${report.date.slice(0, 10)})`, '');
md.push(`\`node --import tsx bench/linkage.ts --records ${RECORDS} --profile ${args.profile}${args.incremental ? ' --incremental' : ''}\` · ${report.machine.cpus} cores (${report.machine.model}), Node ${process.version}, single-threaded; the machine was shared with other benchmarks. Settings: upper ${settings.upper}, lower ${settings.lower}, maxBlockSize ${settings.maxBlockSize}.`, '');
md.push('## Targets', '', '| target | measured | met |', '|---|---|---|');
for (const t of targets) md.push(`| ${t.target} | ${t.value} | ${t.met === null ? 'n/a (not the full size)' : t.met ? 'met' : '**missed**'} |`);
md.push('', '## Quality', '', '| profile | records | true persons | clusters | headcount error | precision | recall | F1 | B³ F1 | over-merged clusters | split persons | hard negatives merged (twin/namesake) | review pairs |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const e = r.evaluation;
  md.push(`| ${r.profile} | ${r.records.toLocaleString('en')} | ${e.truePersons.toLocaleString('en')} | ${e.clusters.toLocaleString('en')} | ${(e.headcountError * 100).toFixed(3)}% | ${e.precision.toFixed(5)} | ${e.recall.toFixed(5)} | ${e.f1.toFixed(5)} | ${e.bcubedF1.toFixed(5)} | ${e.overMergedClusters} | ${e.splitPersons} | ${e.hardNegativesMerged.twin}/${e.hardNegativesMerged.namesake} | ${r.reviewPairs.toLocaleString('en')} |`);
}
md.push('', '## Time (seconds) and memory', '', '| profile | generate (not counted) | normalise | prepare | block | compare | u | em | score | cluster | output | normalise → output (wall) | same, CPU | load avg | candidate pairs | capped blocks | peak RSS (MB) |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const s = r.linkSeconds;
  md.push(`| ${r.profile} | ${r.generateSeconds} | ${r.normaliseSeconds} | ${s.prepare ?? '-'} | ${s.block ?? '-'} | ${s.compare ?? '-'} | ${s.u ?? '-'} | ${s.em ?? '-'} | ${s.score ?? '-'} | ${s.cluster ?? '-'} | ${s.output ?? '-'} | ${r.endToEndSeconds} | ${r.endToEndCpuSeconds} | ${r.loadAverage} | ${r.candidatePairs.toLocaleString('en')} | ${r.cappedBlocks} | ${r.peakRssMb} |`);
}
const incs = results.filter((r) => r.incremental);
if (incs.length) {
  md.push('', '## Incremental batch', '', '| profile | existing | batch | seconds (wall) | CPU seconds | load avg | stages (wall) | candidate pairs | review | F1 after | peak RSS (MB) |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of incs) {
    const i = r.incremental!;
    md.push(`| ${r.profile} | ${i.existing.toLocaleString('en')} | ${i.batch.toLocaleString('en')} | ${i.seconds} | ${i.cpuSeconds} | ${i.loadAverage} | ${Object.entries(i.stages).map(([k, v]) => `${k} ${v}`).join(', ')} | ${i.candidatePairs.toLocaleString('en')} | ${i.reviewPairs} | ${i.evaluation.f1.toFixed(5)} | ${i.peakRssMb} |`);
  }
}
md.push('', '## Fitted weights (log2 m/u per level, before term-frequency adjustment)', '');
for (const r of results) {
  md.push(`**${r.profile}** (prior ${r.model.priorWeight} bits, EM ${r.model.iterations} iterations${r.model.converged ? ', converged' : ', NOT converged'}): ` + Object.entries(r.model.weights).map(([f, lv]) => `${f} ${Object.entries(lv).map(([l, w]) => `${l} ${w}`).join(' / ')}`).join('; '), '');
}
md.push(
  '## How this was measured',
  '',
  '- Data: `generateDepartmentLists(seed, { records, profile })` (server/src/synth/departments.ts): persons from the district generator plus twins (same surname, birth date, region, town and a parent\'s mobile; IDs one sequence number apart) and namesakes (same name and birth date); ten source units covering 20–60% of the persons each, with duplicates inside a unit and the profile\'s error rates (missing IDs averaging 15% in medium with one unit at 40%, one-digit typos, transpositions, Excel truncation and scientific notation, legacy 15-digit IDs, homophones, look-alikes, traditional characters, changed/missing/mistyped mobiles, abbreviated/changed employers, moved towns, date formats incl. Excel serials).',
  '- Timed: `normalise` over every row, then `link()` (prepare columns, block, compare, u by 400,000 random pairs, EM on the histogram of all candidate pairs\' comparison patterns — the histogram makes a sample unnecessary —, score, cluster, output with evidence for every linked record). Generation is reported but not counted. Peak RSS is the process high-water mark (VmHWM) after each stage of the run, so later profiles include earlier ones.',
  '- Quality: pairwise precision/recall/F1 over all record pairs; B-cubed over records; headcount error = (clusters − true persons) / true persons; over-merged = clusters holding records of more than one true person; split persons = true persons spread over more than one cluster. Review pairs are not resolved (as if nobody had reviewed yet).',
  '- Incremental: the registry is the first run on all rows but the last `--batch` (those come from the last unit, the list with the most missing IDs); the batch is then linked against it as `existing`, reusing that run\'s model (no u sampling, no EM). Quality is measured over all rows.',
);
writeFileSync(`bench/results/${args.out}.md`, `${md.join('\n')}\n`);
console.log(`\nwrote bench/results/${args.out}.{json,md}`);
