// `node --import tsx bench/linkage-cli.ts [--records 20000] [--profile medium] [--seed 7]`
//
// Consolidation as an operator (or an evaluator) runs it, end to end through the command line:
// seeded department lists with ground truth are written as .csv files the way departments send
// them, each is loaded with `tongxin import`, then `tongxin consolidate` and `tongxin export-links`
// run on the fresh data directory, and the exported person of every row is scored against the truth
// (pairwise precision/recall/F1, headcount error). Uses the built bundle (npm run build first).
// Results: bench/results/<date>-linkage-cli.{json,md}.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDepartmentLists, writeDepartmentList, type DepartmentProfile } from '../server/src/synth/departments.js';

const { values: args } = parseArgs({ options: { records: { type: 'string', default: '20000' }, profile: { type: 'string', default: 'medium' }, seed: { type: 'string', default: '7' } } });
const records = Number(args.records);
const profile = args.profile as DepartmentProfile;
const work = mkdtempSync(join(tmpdir(), 'tongxin-linkage-cli-'));
const dataDir = join(work, 'data');
mkdirSync(dataDir);
const env = { ...process.env, TONGXIN_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
const cli = (...a: string[]) => execFileSync(process.execPath, ['dist/cli.js', ...a], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const seconds = (t: number) => Math.round((Date.now() - t) / 100) / 10;

const lists = generateDepartmentLists(Number(args.seed), { records, profile });
// Truth by file and row as Excel shows it: a title row, then the header, then the data.
const truth = new Map<string, number>();
const files: string[] = [];
for (const [u, unit] of lists.units.entries()) {
  const rows = lists.records.map((r, i) => ({ r, i })).filter(({ r }) => r.source === unit.source);
  const name = `unit-${u}.csv`;
  await writeDepartmentList(join(work, name), unit, rows.map(({ r }) => r));
  rows.forEach(({ i }, k) => truth.set(`${name}|${k + 3}`, lists.truth[i]!));
  files.push(name);
}

let t = Date.now();
for (const [u, name] of files.entries()) cli('import', '--source', lists.units[u]!.name, join(work, name), '--json');
const importSeconds = seconds(t);
t = Date.now();
const run = JSON.parse(cli('consolidate', '--json').trim().split('\n').pop()!) as Record<string, number>;
const consolidateSeconds = seconds(t);
cli('export-links', join(work, 'links.csv'));

// Score: pairs of rows that share a person, predicted vs true.
const predicted = new Map<string, string>();
for (const line of readFileSync(join(work, 'links.csv'), 'utf8').trim().split('\r\n').slice(1)) {
  const [file, , row, person] = line.split(',');
  predicted.set(`${file}|${row}`, person ?? '');
}
const pairs = (labels: Map<string, string | number>) => {
  const groups = new Map<string | number, number>();
  for (const v of labels.values()) groups.set(v, (groups.get(v) ?? 0) + 1);
  let n = 0;
  for (const c of groups.values()) n += (c * (c - 1)) / 2;
  return { n, clusters: groups.size };
};
const both = new Map<string, string>();
for (const [k, v] of truth) both.set(k, `${v}|${predicted.get(k)}`);
const tp = pairs(both).n;
const tr = pairs(truth);
const pr = pairs(new Map([...truth.keys()].map((k) => [k, predicted.get(k) ?? `missing:${k}`])));
const precision = tp / pr.n;
const recall = tp / tr.n;
const result = {
  at: new Date().toISOString(),
  records: lists.records.length,
  profile,
  files: files.length,
  truePersons: tr.clusters,
  predictedPersons: pr.clusters,
  headcountErrorPct: Math.round(((pr.clusters - tr.clusters) / tr.clusters) * 100_000) / 1000,
  precision: Math.round(precision * 1e5) / 1e5,
  recall: Math.round(recall * 1e5) / 1e5,
  f1: Math.round(((2 * precision * recall) / (precision + recall)) * 1e5) / 1e5,
  rowsExported: predicted.size,
  importSeconds,
  consolidateSeconds,
  run,
};
const date = result.at.slice(0, 10);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/${date}-linkage-cli.json`, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  `bench/results/${date}-linkage-cli.md`,
  [
    `# Consolidation through the command line — ${result.at}`,
    '',
    `\`node --import tsx bench/linkage-cli.ts --records ${records} --profile ${profile}\`: ${result.files} department .csv files (${result.records.toLocaleString('en')} rows, ${result.truePersons.toLocaleString('en')} true persons), each loaded with \`tongxin import\`, then \`tongxin consolidate\` and \`tongxin export-links\` on a fresh SQLite data directory; every exported row scored against the truth.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| pairwise precision | ${result.precision} |`,
    `| pairwise recall | ${result.recall} |`,
    `| pairwise F1 | ${result.f1} |`,
    `| persons: true → after consolidation | ${result.truePersons.toLocaleString('en')} → ${result.predictedPersons.toLocaleString('en')} (${result.headcountErrorPct}%) |`,
    `| rows in export-links | ${result.rowsExported.toLocaleString('en')} |`,
    `| import of all files (${result.files} processes) | ${result.importSeconds} s |`,
    `| consolidate (one process: read, decrypt, link, apply) | ${result.consolidateSeconds} s |`,
    `| merged persons / pairs for review | ${run.mergedPersons} / ${run.reviewPairs} |`,
    '',
  ].join('\n'),
);
rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify(result, null, 2));
