// `npm run bench [-- --quick] [-- --persons 1000000 --duration 60 --connections 50 …]`
//
// Runs the foundation benchmark (bench/run.ts), then the person-registry benchmark
// (bench/registry.ts), with the same flags. run.ts accepts only --persons, --duration,
// --connections and --quick, so only those are passed to it; registry.ts gets everything.
// `--only foundation` or `--only registry` runs one of them.
import { spawnSync } from 'node:child_process';

const FOUNDATION_FLAGS = new Set(['--persons', '--duration', '--connections', '--quick']);
const BOOLEAN_FLAGS = new Set(['--quick', '--skip-sqlite', '--skip-pg', '--skip-import', '--skip-export', '--skip-mixed', '--skip-pg-import', '--keep-pg', '--force-load']);

const argv = process.argv.slice(2);
let only: string | null = null;
const foundation: string[] = [];
const registry: string[] = [];
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i]!;
  const [name] = arg.split('=');
  const takesValue = name!.startsWith('--') && !arg.includes('=') && !BOOLEAN_FLAGS.has(name!) && i + 1 < argv.length && !argv[i + 1]!.startsWith('--');
  const value = takesValue ? argv[++i]! : null;
  if (name === '--only') {
    only = arg.includes('=') ? arg.split('=')[1]! : value;
    continue;
  }
  const parts = value === null ? [arg] : [arg, value];
  registry.push(...parts);
  if (FOUNDATION_FLAGS.has(name!)) foundation.push(...parts);
}

function run(script: string, args: string[]): void {
  process.stderr.write(`\n> node --import tsx ${script} ${args.join(' ')}\n`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

if (only !== 'registry') run('bench/run.ts', foundation);
if (only !== 'foundation') run('bench/registry.ts', registry);
