// `npm run bench [-- --persons 1000000 --duration 15 --connections 50 --quick]`
//
// Foundation scenarios, each reported as p50/p95/p99, throughput and a ratio to its floor:
//   1. POST /api/v1/auth/login under load (floor: one argon2id verification, the work a login must do)
//   2. GET /api/v1/workbench with a session (floor: the same SQL run directly on the same database)
//   3. GET /api/v1/units (the whole district's org tree, 500+ rows; floor: its SQL run directly)
//   4. the synthetic district generator: persons per second at the requested size
// Results go to bench/results/<date>-foundation.{json,md}.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { verify } from '@node-rs/argon2';
import { generatePersons } from '../server/src/synth/persons.js';
import { hashPassword } from '../server/src/platform/passwords.js';
import { sessionIdOf } from '../server/src/platform/sessions.js';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string', default: '3299' },
    quick: { type: 'boolean', default: false },
  },
});
const quick = args.quick;
const duration = quick ? 3 : Number(args.duration);
const connections = Number(args.connections);
const personCount = quick ? 20_000 : Number(args.persons);
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;

interface Stats {
  requests: number;
  errors: number;
  non2xx: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarise(latencies: number[], seconds: number, errors: number, non2xx: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: latencies.length,
    errors,
    non2xx,
    throughput: round(latencies.length / seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

async function load(opts: { path: string; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> }): Promise<Stats> {
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${base}${opts.path}`,
        method: opts.method ?? 'GET',
        connections,
        duration,
        body: opts.body,
        headers: { 'content-type': 'application/json', ...opts.headers },
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) non2xx += 1;
    });
  });
  return summarise(latencies, duration, result.errors + result.timeouts, non2xx);
}

/** Times a function many times in-process: the floor the HTTP figure is compared with. */
async function floor(fn: () => unknown | Promise<unknown>, iterations: number): Promise<{ p50: number; p95: number; mean: number }> {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), mean: round(times.reduce((a, b) => a + b, 0) / times.length) };
}

async function waitReady(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error('server exited during start-up');
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become ready');
}

/**
 * The JavaScript a first visit downloads (login page, then the workbench): the entry chunk, the
 * workbench's lazy chunk, and everything they import statically, weighed gzipped.
 */
function firstLoadJs(): { files: number; rawKb: number; gzipKb: number; brotliKb: number } {
  const manifest = JSON.parse(readFileSync('dist/web/.vite/manifest.json', 'utf8')) as Record<string, { file: string; imports?: string[] }>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const i of manifest[key]!.imports ?? []) visit(i);
  };
  visit('index.html');
  visit('src/features/workbench/workbench-page.tsx');
  let raw = 0;
  let gz = 0;
  let br = 0;
  const files = [...seen].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  for (const f of files) {
    const data = readFileSync(join('dist/web', f));
    raw += data.length;
    gz += gzipSync(data, { level: 9 }).length;
    // What the server actually sends to browsers that accept brotli (built by scripts/build.mjs).
    br += existsSync(join('dist/web', `${f}.br`)) ? statSync(join('dist/web', `${f}.br`)).size : data.length;
  }
  return { files: files.length, rawKb: Math.round(raw / 1024), gzipKb: Math.round(gz / 1024), brotliKb: Math.round(br / 1024) };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongxin-bench-'));
  const server = spawn(process.execPath, ['dist/cli.js', 'demo'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TONGXIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', TONGXIN_LOGIN_RATE_LIMIT: '100000000', TONGXIN_API_RATE_LIMIT: '100000000', TONGXIN_WORKER: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    settings: { duration, connections, personCount, database: 'sqlite' },
    firstLoadJs: firstLoadJs(),
  };
  try {
    await waitReady(server);
    const credentials = JSON.stringify({ username: 'hongshan', password: 'Tongxin@2026' });

    // 1. login
    const login = await load({ path: '/api/v1/auth/login', method: 'POST', body: credentials });
    const hash = await hashPassword('Tongxin@2026');
    const loginFloor = await floor(() => verify(hash, 'Tongxin@2026'), quick ? 20 : 100);
    results.login = { http: login, floor: loginFloor, ratioP50: round2(login.p50 / loginFloor.p50) };

    // 2 and 3: authenticated reads with one session
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: credentials });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const token = decodeURIComponent(cookie.split('=')[1] ?? '');
    const sqlite = new SQLite(join(dataDir, 'demo.db'), { readonly: true });
    const sid = sessionIdOf(token);

    // The statements the workbench request runs (session + permissions, me, counts), raw.
    const stmts = {
      session: sqlite.prepare('select s.id, s.csrf_token, s.stage, s.created_at, s.last_seen_at, u.id as user_id, u.username, u.display_name, u.unit_id, u.locale, u.active, un.path from sessions s join users u on u.id = s.user_id join units un on un.id = u.unit_id where s.id = ?'),
      perms: sqlite.prepare('select r.permissions from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = ?'),
      me: sqlite.prepare('select u.id, u.username, u.display_name, u.locale, u.totp_secret, un.id, un.name, un.kind, un.path, u.prev_login_at, u.prev_login_ip from users u join units un on un.id = u.unit_id where u.id = ?'),
      counts: sqlite.prepare("select kind, count(*) as n from units where path like ? and active = 1 group by kind"),
      units: sqlite.prepare('select u.id, u.parent_id, u.kind, u.code, u.name, u.name_en, u.path, u.depth, u.sort_order, u.active, (select count(*) from units c where c.parent_id = u.id) as child_count from units u where u.path like ? order by u.depth, u.sort_order, u.id'),
    };
    const workbenchSql = () => {
      const s = stmts.session.get(sid) as { user_id: number; path: string };
      stmts.perms.all(s.user_id);
      stmts.me.get(s.user_id);
      stmts.counts.all(`${s.path}%`);
    };
    const headers = { cookie };
    const workbench = await load({ path: '/api/v1/workbench', headers });
    const workbenchFloor = await floor(workbenchSql, 5000);
    results.workbench = { http: workbench, floor: workbenchFloor, ratioP50: round2(workbench.p50 / workbenchFloor.p50) };

    // The district-wide tree, as the system administrator sees it.
    const adminRes = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sysadmin', password: 'Tongxin@2026' }) });
    const adminCookie = (adminRes.headers.get('set-cookie') ?? '').split(';')[0]!;
    const units = await load({ path: '/api/v1/units', headers: { cookie: adminCookie } });
    const unitsFloor = await floor(() => {
      workbenchSql();
      stmts.units.all('/1/%');
    }, 2000);
    results.units = { http: units, floor: unitsFloor, ratioP50: round2(units.p50 / unitsFloor.p50) };
    sqlite.close();

    // 4. generator
    const t = process.hrtime.bigint();
    let n = 0;
    for (const _p of generatePersons(20261125, personCount)) n++;
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    results.generator = { persons: n, seconds: round2(seconds), perSecond: Math.round(n / seconds), rssMb: Math.round(process.memoryUsage().rss / 1e6) };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }

  const stamp = new Date().toISOString().slice(0, 10);
  const name = quick ? `${stamp}-foundation-quick` : `${stamp}-foundation`;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${name}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`bench/results/${name}.md`, markdown(results));
  process.stdout.write(markdown(results));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function markdown(r: Record<string, any>): string {
  const row = (label: string, x: any) =>
    `| ${label} | ${x.http.p50} | ${x.http.p95} | ${x.http.p99} | ${x.http.throughput} | ${x.http.errors + x.http.non2xx} | ${x.floor.p50} | ${x.ratioP50}× |`;
  return [
    `# Foundation benchmark — ${r.date}`,
    '',
    `Machine: ${r.machine.cpus} cores, Node ${r.machine.node}; embedded SQLite; ${r.settings.connections} connections, ${r.settings.duration} s per scenario.`,
    '',
    '| scenario | p50 ms | p95 ms | p99 ms | req/s | errors | floor p50 ms | p50 / floor |',
    '|---|---|---|---|---|---|---|---|',
    row('POST /auth/login (floor: one argon2id verify)', r.login),
    row('GET /workbench (floor: its SQL, direct)', r.workbench),
    row('GET /units, 500+ units (floor: its SQL, direct)', r.units),
    '',
    `Under 50 concurrent connections the latency is mostly queueing: p50 ≈ connections ÷ throughput. The floor is one request's work with no concurrency.`,
    '',
    `Web first load (login, then workbench): ${r.firstLoadJs.files} JS files, ${r.firstLoadJs.gzipKb} KB gzip, ${r.firstLoadJs.brotliKb} KB brotli as served (${r.firstLoadJs.rawKb} KB raw); target ≤ 300 KB gzip.`,
    '',
    `Synthetic generator: ${r.generator.persons.toLocaleString('en')} persons in ${r.generator.seconds} s (${r.generator.perSecond.toLocaleString('en')}/s), RSS ${r.generator.rssMb} MB.`,
    '',
  ].join('\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
