// `node --import tsx bench/registry.ts [--persons 1000000] [--quick] [--duration 60] [--connections 50] …`
// (part of `npm run bench`; see bench/all.ts)
//
// The person-registry benchmark, on a synthetic district of N persons (default 1,000,000) loaded by
// bench/load-persons.ts. Every latency figure is p50/p95/p99 over many sequential requests on ONE
// keep-alive connection (accept-encoding: gzip, as a browser sends), next to its floor: the very SQL
// statements the request runs (captured from the server's own repository functions through Kysely's
// query log, session lookup included), prepared once and run directly on the same database.
//
// SQLite (embedded, the default):
//   1. list: staff first page (updated desc), a dictionary filter sorted by name, a town officer's first
//      page, page 201 reached by following nextCursor, the cursor of "page 10,000" (row 500,000), counts
//   2. search box: surname, full name, pinyin, initials, mobile (full, last 4), ID (full, last 6), employer
//   3. detail: GET /persons/:id and /persons/:id/history for random ids
//   4. mixed read load: 50 connections, 60 s, list/search/detail mix → errors, p99
//   5. export of ~100,000 rows: POST /persons/export → job → download (fresh server process; peak RSS)
//   6. import of a 100,000-row department .xlsx: upload → preview → commit job, end to end (fresh
//      server process; peak RSS = VmHWM); floor = the bare parse (readWorkbook)
// PostgreSQL (127.0.0.1:5432, own database tongxin_bench, dropped at the end unless --keep-pg):
//   list, count, search and detail scenarios with their floors.
//
// Results: bench/results/<date>-registry.{json,md} (--quick: <date>-registry-quick.*).
//
// --only import: the import scenarios alone (SQLite: via HTTP alone, via HTTP with a reader, through
// the CLI; PostgreSQL: via HTTP unless --skip-pg-import), no read, mixed or export scenarios;
// results go to <date>-registry-import.{json,md} so the full run's files are left as they are.
// --cli <file>: the server bundle to run (default dist/cli.js), e.g. one built from a clean tree.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { PersonFilter } from '../common/src/schemas/persons.js';
import type { DB } from '../server/src/db/schema.js';
import { countPersonsInScope, countSourceRecords, iteratePersonsInScope, listHistory, listPersonsInScope } from '../server/src/modules/persons/persons.repository.js';
import { searchPersons } from '../server/src/modules/persons/persons.search.js';
import { requirePerson } from '../server/src/modules/persons/persons.service.js';
import { namePinyin } from '../server/src/modules/persons/search-terms.js';
import { actorOf } from '../server/src/platform/access.js';
import type { Ctx } from '../server/src/platform/context.js';
import type { PersonalDataCipher } from '../server/src/platform/personal-data.js';
import { loadSession } from '../server/src/platform/sessions.js';
import { readWorkbook } from '../server/src/platform/spreadsheets/read-workbook.js';
import { zichuanDivisions } from '../server/src/synth/divisions.js';
import { generatePersons, type SynthPerson } from '../server/src/synth/persons.js';
import { cipherOf, DATASET_SEED, ensureSqliteDataset, LOADER_VERSION, loadPostgres, type Manifest } from './load-persons.js';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string', default: '3298' },
    samples: { type: 'string' },
    'import-rows': { type: 'string' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    'pg-db': { type: 'string', default: 'tongxin_bench' },
    'skip-sqlite': { type: 'boolean', default: false },
    'skip-pg': { type: 'boolean', default: false },
    'skip-import': { type: 'boolean', default: false },
    'skip-export': { type: 'boolean', default: false },
    'skip-mixed': { type: 'boolean', default: false },
    'skip-pg-import': { type: 'boolean', default: false },
    'keep-pg': { type: 'boolean', default: false },
    'force-load': { type: 'boolean', default: false },
    only: { type: 'string' },
    cli: { type: 'string', default: 'dist/cli.js' },
  },
});
if (args.only !== undefined && args.only !== 'import') throw new Error(`--only ${args.only}: only "import" is supported`);
const onlyImport = args.only === 'import';
const cliFile = args.cli;
const quick = args.quick;
const personCount = quick ? 20_000 : Number(args.persons);
const mixedSeconds = Number(args.duration ?? (quick ? 5 : 60));
const mixedConnections = Number(args.connections);
const samples = Number(args.samples ?? (quick ? 60 : 300));
const importRows = Number(args['import-rows'] ?? Math.min(100_000, Math.round(personCount / 10)));
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
const PASSWORD = 'Tongxin@2026';
/** The list page size: the API default (the web app's default is 20). Page 10,000 = row 500,000. */
const PAGE = 50;
const runDir = resolve('bench/tmp', `run-${process.pid}`);
/** A slow scenario stops after this long (with at least 10 requests / 5 floor runs) and reports n. */
const FLOOR_BUDGET_MS = 30_000;
const log = (s: string) => process.stderr.write(`[registry] ${s}\n`);

// ---------------------------------------------------------------------------------------------
// Statistics

interface Stats {
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(times: number[], errors = 0, digits: (n: number) => number = r2): Stats {
  const s = [...times].sort((a, b) => a - b);
  return { n: s.length, errors, p50: digits(percentile(s, 50)), p95: digits(percentile(s, 95)), p99: digits(percentile(s, 99)), mean: digits(s.reduce((a, b) => a + b, 0) / (s.length || 1)), max: digits(s[s.length - 1] ?? 0) };
}

/** A deterministic pseudo-random sequence (mulberry32) so every run asks for the same things. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP: one keep-alive connection, gzip accepted, time to the last byte of the body

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

interface Res {
  status: number;
  ms: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
}

function request(method: string, path: string, opts: { session?: Session; body?: Buffer | string; contentType?: string; timeoutMs?: number; gzip?: boolean; agent?: http.Agent } = {}): Promise<Res> {
  return new Promise((resolvePromise, reject) => {
    const headers: Record<string, string> = { 'accept-encoding': opts.gzip === false ? 'identity' : 'gzip', 'accept-language': 'zh-CN' };
    if (opts.session) {
      headers.cookie = opts.session.cookie;
      if (method !== 'GET') headers['x-csrf-token'] = opts.session.csrf;
    }
    if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    const t = process.hrtime.bigint();
    const req = http.request(`${base}${path}`, { method, agent: opts.agent ?? agent, headers, timeout: opts.timeoutMs ?? 120_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        let body = Buffer.concat(chunks);
        if (res.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        resolvePromise({ status: res.statusCode ?? 0, ms, body, headers: res.headers });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout ${method} ${path}`)));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

async function json<T>(method: string, path: string, opts: Parameters<typeof request>[2] = {}): Promise<T> {
  const res = await request(method, path, opts);
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
  return JSON.parse(res.body.toString('utf8')) as T;
}

interface Session {
  username: string;
  cookie: string;
  csrf: string;
  token: string;
}

async function login(username: string): Promise<Session> {
  const res = await request('POST', '/api/v1/auth/login', { body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${res.body.toString('utf8').slice(0, 200)}`);
  const setCookie = res.headers['set-cookie'] ?? [];
  const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie]).map((c) => c.split(';')[0]!).find((c) => c.startsWith('tx_sid='))!;
  const body = JSON.parse(res.body.toString('utf8')) as { csrfToken: string };
  return { username, cookie, csrf: body.csrfToken, token: decodeURIComponent(cookie.slice('tx_sid='.length)) };
}

interface Variant {
  path: string;
  session: Session;
}

/**
 * Sequential requests over one connection, cycling through the variants: `n` timed after `warmup`
 * untimed, but never longer than `budgetMs` (a slow scenario still reports what it measured).
 */
async function timeRequests(variants: Variant[], n = samples, warmup = Math.min(20, Math.ceil(n / 10)), budgetMs = 45_000, opts: { gzip?: boolean } = {}): Promise<Stats & { statuses: Record<string, number>; slowest?: { path: string; ms: number } }> {
  const times: number[] = [];
  let slowest = { path: '', ms: 0 };
  const statuses: Record<string, number> = {};
  let errors = 0;
  const get = (v: Variant) => request('GET', v.path, { session: v.session, gzip: opts.gzip });
  const warmStart = Date.now();
  for (let i = 0; i < warmup && Date.now() - warmStart < 5000; i++) await get(variants[i % variants.length]!);
  const started = Date.now();
  for (let i = 0; i < n; i++) {
    const v = variants[i % variants.length]!;
    const res = await get(v);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status !== 200) errors += 1;
    times.push(res.ms);
    if (res.ms > slowest.ms) slowest = { path: decodeURIComponent(v.path), ms: r2(res.ms) };
    if (Date.now() - started > budgetMs && times.length >= 10) break;
  }
  return { ...stats(times, errors), statuses, slowest };
}

// ---------------------------------------------------------------------------------------------
// Floors: the statements a request runs, captured from the server's own code, replayed raw

interface Stmt {
  sql: string;
  params: readonly unknown[];
}

type Capture = (fn: (db: Kysely<DB>) => Promise<unknown>) => Promise<Stmt[]>;

interface Floor {
  dialect: 'sqlite' | 'postgres';
  capture: Capture;
  /** Times running each variant's statements (cycling), `n` iterations after a warm-up. */
  time(variants: Stmt[][], n: number): Promise<Stats>;
  ctxFor(session: Session): Promise<Ctx>;
  kysely: Kysely<DB>;
  close(): Promise<void>;
}

function capturingKysely(dialect: SqliteDialect | PostgresDialect): { db: Kysely<DB>; capture: Capture } {
  let sink: Stmt[] | null = null;
  const db = new Kysely<DB>({
    dialect,
    log: (e: LogEvent) => {
      if (sink && e.level === 'query') sink.push({ sql: e.query.sql, params: e.query.parameters });
    },
  });
  const capture: Capture = async (fn) => {
    sink = [];
    try {
      await fn(db);
      return sink;
    } finally {
      sink = null;
    }
  };
  return { db, capture };
}

async function ctxFrom(db: Kysely<DB>, session: Session): Promise<Ctx> {
  const s = await loadSession(db, session.token);
  if (!s) throw new Error(`no session for ${session.username}`);
  return { actor: actorOf(s), ip: '127.0.0.1', requestId: 'bench-floor', locale: 'zh-CN' };
}

function sqliteFloor(file: string): Floor & { raw: SQLite.Database } {
  const raw = new SQLite(file, { readonly: true, fileMustExist: true });
  const { db, capture } = capturingKysely(new SqliteDialect({ database: raw }));
  return {
    dialect: 'sqlite',
    raw,
    kysely: db,
    capture,
    ctxFor: (s) => ctxFrom(db, s),
    async time(variants, n) {
      const prepared = variants.map((stmts) => stmts.map((s) => ({ st: raw.prepare(s.sql), params: s.params as unknown[] })));
      const run = (i: number) => {
        for (const p of prepared[i % prepared.length]!) {
          if (p.st.reader) p.st.all(...p.params);
          else p.st.run(...p.params);
        }
      };
      const warmStart = Date.now();
      for (let i = 0; i < Math.min(20, n) && Date.now() - warmStart < 3000; i++) run(i);
      const times: number[] = [];
      const started = Date.now();
      for (let i = 0; i < n; i++) {
        const t = process.hrtime.bigint();
        run(i);
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (Date.now() - started > FLOOR_BUDGET_MS && times.length >= 5) break;
      }
      return stats(times, 0, r3);
    },
    close: async () => {
      await db.destroy();
    },
  };
}

function pgFloor(url: string): Floor {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const { db, capture } = capturingKysely(new PostgresDialect({ pool }));
  return {
    dialect: 'postgres',
    kysely: db,
    capture,
    ctxFor: (s) => ctxFrom(db, s),
    async time(variants, n) {
      const client = await pool.connect();
      try {
        const run = async (i: number) => {
          for (const s of variants[i % variants.length]!) await client.query(s.sql, s.params as unknown[]);
        };
        const warmStart = Date.now();
        for (let i = 0; i < Math.min(20, n) && Date.now() - warmStart < 3000; i++) await run(i);
        const times: number[] = [];
        const started = Date.now();
        for (let i = 0; i < n; i++) {
          const t = process.hrtime.bigint();
          await run(i);
          times.push(Number(process.hrtime.bigint() - t) / 1e6);
          if (Date.now() - started > FLOOR_BUDGET_MS && times.length >= 5) break;
        }
        return stats(times, 0, r3);
      } finally {
        client.release();
      }
    },
    close: async () => {
      await db.destroy();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Server process

interface Server {
  child: ChildProcess;
  pid: number;
  logFile: string;
}

const liveServers = new Set<ChildProcess>();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const c of liveServers) c.kill('SIGKILL');
    process.exit(130);
  });
}
process.once('exit', () => {
  for (const c of liveServers) c.kill('SIGKILL');
});

async function startServer(env: Record<string, string>, label: string): Promise<Server> {
  mkdirSync(runDir, { recursive: true });
  const logFile = join(runDir, `server-${label}.log`);
  const out = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [cliFile, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TONGXIN_LOGIN_RATE_LIMIT: '100000000',
      TONGXIN_API_RATE_LIMIT: '100000000',
      TONGXIN_IDLE_TIMEOUT_MINUTES: '600',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveServers.add(child);
  child.once('exit', () => liveServers.delete(child));
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up (see ${logFile})`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return { child, pid: child.pid!, logFile };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('server did not become ready');
}

async function stopServer(s: Server | null): Promise<void> {
  if (!s || s.child.exitCode !== null) return;
  agent.destroy();
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** VmHWM (peak resident set) and VmRSS of a process, in MB. */
function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return { peakMb: 0, rssMb: 0 };
  }
}

// ---------------------------------------------------------------------------------------------
// Test data picked from the generator (deterministic, so the same queries every run)

interface Picks {
  sample: SynthPerson[];
}

function pickPersons(count: number, want: number): SynthPerson[] {
  const take = new Set<number>();
  const rand = rng(4242);
  const limit = Math.min(count, 200_000);
  while (take.size < want) take.add(Math.floor(rand() * limit));
  const out: SynthPerson[] = [];
  for (const p of generatePersons(DATASET_SEED, limit)) if (take.has(p.index)) out.push(p);
  return out;
}

function employerSubstring(name: string): string {
  // What someone remembers of a firm's name: its distinctive middle, without the city in front.
  const core = name.replace(/^(淄博市?|淄川区?|山东省?)/, '');
  return core.slice(0, Math.min(4, Math.max(2, core.length - 2)));
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface ScenarioResult {
  what: string;
  http: Stats & { statuses?: Record<string, number>; slowest?: { path: string; ms: number } };
  floor: Stats;
  /** http p50 / floor p50, and p95 / p95 */
  ratioP50: number;
  ratioP95: number;
  /** http p50 − floor p50: the per-request cost outside the database */
  overheadP50Ms: number;
  connections: 1;
  variants: number;
  note?: string;
}

function combine(what: string, httpStats: ScenarioResult['http'], floorStats: Stats, variants: number, note?: string): ScenarioResult {
  return {
    what,
    http: httpStats,
    floor: floorStats,
    ratioP50: r2(httpStats.p50 / Math.max(floorStats.p50, 0.001)),
    ratioP95: r2(httpStats.p95 / Math.max(floorStats.p95, 0.001)),
    overheadP50Ms: r2(httpStats.p50 - floorStats.p50),
    connections: 1,
    variants,
    ...(note ? { note } : {}),
  };
}

const qs = (o: Record<string, string | number | undefined>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

const decodeCursor = (c: string) => JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as { k: string; id: number };
const encodeCursor = (k: { k: string; id: number }) => Buffer.from(JSON.stringify(k)).toString('base64url');

interface ReadContext {
  floor: Floor;
  cipher: PersonalDataCipher;
  staff: Session;
  hongshan: Session;
  staffCtx: Ctx;
  hongshanCtx: Ctx;
  picks: SynthPerson[];
  /** person ids present */
  maxId: number;
  /** the row at offset `deepOffset` in staff's default order, as a cursor */
  deepOffset: number;
  deepRow: { k: string; id: number } | null;
  /** The cursor of the row at a 0-based offset in staff's default order (updated desc, id desc). */
  rowCursor: (offset: number) => Promise<{ k: string; id: number } | null>;
}

type ListQuery = { sort: 'updated' | 'name' | 'birthDate'; order: 'asc' | 'desc'; limit: number; filter: PersonFilter; cursor?: { k: string; id: number } };

function listPath(q: ListQuery, extra: Record<string, string | number | undefined> = {}): string {
  const f = q.filter as Record<string, unknown>;
  const filterParams: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) filterParams[k] = Array.isArray(v) ? v.join(',') : String(v);
  return `/api/v1/persons?${qs({ ...filterParams, sort: q.sort, order: q.order, limit: q.limit, cursor: q.cursor ? encodeCursor(q.cursor) : undefined, ...extra })}`;
}

async function listFloor(rc: ReadContext, ctx: Ctx, session: Session, q: ListQuery): Promise<Stmt[]> {
  return rc.floor.capture(async (db) => {
    await loadSession(db, session.token);
    await listPersonsInScope(db, ctx, rc.cipher, q.filter, { sort: q.sort, order: q.order, after: q.cursor ?? null, limit: q.limit });
  });
}

async function readScenarios(rc: ReadContext, opts: { deep: boolean }): Promise<Record<string, ScenarioResult>> {
  const out: Record<string, ScenarioResult> = {};
  const { staff, hongshan, staffCtx, hongshanCtx, floor } = rc;
  const floorN = Math.max(50, Math.min(samples, 300));

  const list = async (key: string, what: string, session: Session, ctx: Ctx, q: ListQuery, note?: string) => {
    log(`  ${key}`);
    const httpStats = await timeRequests([{ path: listPath(q), session }]);
    const f = await floor.time([await listFloor(rc, ctx, session, q)], floorN);
    out[key] = combine(what, httpStats, f, 1, note);
  };

  // 1. List
  const defaultQ: ListQuery = { sort: 'updated', order: 'desc', limit: PAGE, filter: {} };
  await list('list.staff.default', 'list, staff (whole district), updated desc, page 1', staff, staffCtx, defaultQ);
  const filterQ: ListQuery = { sort: 'name', order: 'asc', limit: PAGE, filter: { gender: ['2'], political: ['13'] } };
  await list('list.staff.filterByName', 'list, staff, gender=2 & political=13 (女, 群众), sorted by name, page 1', staff, staffCtx, filterQ);
  await list('list.hongshan.default', 'list, town officer (洪山镇 only), updated desc, page 1', hongshan, hongshanCtx, defaultQ);
  // Page 2 of each view (the cursor from page 1): a plan that is right for page 1 can be wrong here.
  const page2 = async (session: Session, q: ListQuery) => {
    const res = await json<{ nextCursor: string | null }>('GET', listPath(q), { session });
    return res.nextCursor ? { ...q, cursor: decodeCursor(res.nextCursor) } : null;
  };
  for (const [key, what, session, ctx, q] of [
    ['list.staff.default.page2', 'list, staff, updated desc, page 2', staff, staffCtx, defaultQ],
    ['list.staff.filterByName.page2', 'list, staff, gender=2 & political=13 by name, page 2', staff, staffCtx, filterQ],
    ['list.hongshan.default.page2', 'list, town officer, updated desc, page 2', hongshan, hongshanCtx, defaultQ],
  ] as const) {
    const q2 = await page2(session, q);
    if (q2) await list(key, what, session, ctx, q2);
  }

  if (opts.deep) {
    // Follow nextCursor page by page (up to 200 pages or 90 s), timing every page; then time page
    // 201 on its own, with the cursor of row 10,000 (the last of page 200) in staff's order, which
    // is the cursor the walk ends with (checked when the walk gets that far).
    log('  list.staff.page201 (following nextCursor)');
    let cursor: string | null = null;
    const walk: number[] = [];
    const walkStart = Date.now();
    for (let page = 1; page <= 200 && Date.now() - walkStart < 90_000; page++) {
      const res = await request('GET', listPath(defaultQ, { cursor: cursor ?? undefined }), { session: staff });
      if (res.status !== 200) throw new Error(`page ${page}: ${res.status}`);
      walk.push(res.ms);
      cursor = (JSON.parse(res.body.toString('utf8')) as { nextCursor: string | null }).nextCursor;
      if (!cursor) break;
    }
    const page201 = await rc.rowCursor(200 * PAGE - 1);
    if (page201) {
      const walked = walk.length === 200 && cursor ? decodeCursor(cursor) : null;
      const q = { ...defaultQ, cursor: page201 };
      const httpStats = await timeRequests([{ path: listPath(q), session: staff }]);
      const f = await floor.time([await listFloor(rc, staffCtx, staff, q)], floorN);
      out['list.staff.page201'] = combine(
        'list, staff, page 201 (keyset cursor after row 10,000)',
        httpStats,
        f,
        1,
        `walking pages 1→${walk.length} by nextCursor: ${JSON.stringify(stats(walk))}${walked ? `; walked cursor ${walked.id === page201.id ? 'matches' : 'DIFFERS FROM'} the row-10,000 cursor` : ` (stopped after ${walk.length} pages / 90 s)`}`,
      );
    }
    if (rc.deepRow) {
      const q = { ...defaultQ, cursor: rc.deepRow };
      log('  list.staff.deepCursor');
      const httpStats = await timeRequests([{ path: listPath(q), session: staff }]);
      const f = await floor.time([await listFloor(rc, staffCtx, staff, q)], floorN);
      const page = Math.round(rc.deepOffset / PAGE);
      out['list.staff.deepCursor'] = combine(`list, staff, "page ${page.toLocaleString('en')}": the cursor after row ${rc.deepOffset.toLocaleString('en')}`, httpStats, f, 1);
    }
  }

  // Selective filters on unindexed columns: the sort index is walked until a page is found.
  await list('list.staff.rareFilter', 'list, staff, ethnicity=03 (回族, ~0.4%), updated desc, page 1', staff, staffCtx, { sort: 'updated', order: 'desc', limit: PAGE, filter: { ethnicity: ['03'] } });
  await list('list.staff.party', 'list, staff, political=05 (民盟, ~0.3%) by name, page 1', staff, staffCtx, { sort: 'name', order: 'asc', limit: PAGE, filter: { political: ['05'] } });
  await list('list.staff.rarestParty', 'list, staff, political=11 (台盟, a handful) by name, page 1', staff, staffCtx, { sort: 'name', order: 'asc', limit: PAGE, filter: { political: ['11'] } });
  // The list's own search box (q) as a filter, a common surname.
  await list('list.staff.q', 'list, staff, q=张 (the list filtered by the search box), updated desc, page 1', staff, staffCtx, { sort: 'updated', order: 'desc', limit: PAGE, filter: { q: '张' } });
  // Where the time goes outside SQL: the town officer's page again without gzip.
  log('  list.hongshan.identity');
  {
    const httpStats = await timeRequests([{ path: listPath(defaultQ), session: hongshan }], samples, undefined, 45_000, { gzip: false });
    out['list.hongshan.identity'] = combine('list, town officer, page 1, without gzip (accept-encoding: identity)', httpStats, out['list.hongshan.default']!.floor, 1, 'floor: as list.hongshan.default');
  }

  // Counts (separate endpoint; the list asks for it once per filter change)
  const count = async (key: string, what: string, session: Session, ctx: Ctx, filter: PersonFilter, path: string) => {
    log(`  ${key}`);
    const httpStats = await timeRequests([{ path, session }], Math.min(samples, 60), 3);
    const stmts = await floor.capture(async (db) => {
      await loadSession(db, session.token);
      await countPersonsInScope(db, ctx, rc.cipher, filter);
    });
    out[key] = combine(what, httpStats, await floor.time([stmts], Math.min(floorN, 30)), 1);
  };
  await count('count.staff', 'count, staff, no filter', staff, staffCtx, {}, '/api/v1/persons/count');
  await count('count.staff.filter', 'count, staff, gender=2 & political=13', staff, staffCtx, { gender: ['2'], political: ['13'] }, '/api/v1/persons/count?gender=2&political=13');
  await count('count.hongshan', 'count, town officer (洪山镇)', hongshan, hongshanCtx, {}, '/api/v1/persons/count');

  // 2. Search box
  const picks = rc.picks;
  const pyOf = (n: string) => namePinyin(n);
  const searches: [string, string, string[]][] = [
    ['search.surname', 'search, common surname (张 王 李 刘 陈)', ['张', '王', '李', '刘', '陈']],
    ['search.fullName', 'search, full name (e.g. 张伟)', picks.map((p) => p.name)],
    ['search.pinyin', 'search, full pinyin (e.g. zhangwei)', picks.map((p) => pyOf(p.name).full)],
    ['search.initials', 'search, initials (e.g. zw)', picks.map((p) => pyOf(p.name).initials)],
    ['search.mobile', 'search, mobile, full', picks.map((p) => p.mobile)],
    ['search.mobileTail', 'search, mobile, last 4', picks.map((p) => p.mobile.slice(-4))],
    ['search.residentId', 'search, resident ID, full', picks.map((p) => p.residentId)],
    ['search.residentIdTail', 'search, resident ID, last 6', picks.map((p) => p.residentId.slice(-6))],
    ['search.employer', 'search, employer substring (e.g. 明德律师)', [...new Set(picks.filter((p) => p.employer).map((p) => employerSubstring(p.employer!)))]],
  ];
  for (const [key, what, queries] of searches) {
    log(`  ${key}`);
    const variants = queries.map((q) => ({ path: `/api/v1/persons/search?q=${encodeURIComponent(q)}`, session: staff }));
    const httpStats = await timeRequests(variants);
    const stmts: Stmt[][] = [];
    for (const q of queries) {
      stmts.push(
        await floor.capture(async (db) => {
          await loadSession(db, staff.token);
          await searchPersons(db, staffCtx, rc.cipher, q, 10);
        }),
      );
    }
    out[key] = combine(what, httpStats, await floor.time(stmts, floorN), queries.length, `queries: ${queries.slice(0, 5).join(' | ')}${queries.length > 5 ? ' …' : ''}`);
  }

  // 3. Detail and timeline, random ids
  const rand = rng(99);
  const ids = Array.from({ length: 100 }, () => 1 + Math.floor(rand() * rc.maxId));
  for (const [key, what, suffix] of [
    ['detail', 'detail, GET /persons/:id, random ids', ''],
    ['detail.history', 'detail timeline, GET /persons/:id/history, random ids', '/history'],
  ] as const) {
    log(`  ${key}`);
    const httpStats = await timeRequests(ids.map((id) => ({ path: `/api/v1/persons/${id}${suffix}`, session: staff })));
    const stmts: Stmt[][] = [];
    for (const id of ids) {
      stmts.push(
        await floor.capture(async (db) => {
          await loadSession(db, staff.token);
          await requirePerson(db, staffCtx, id);
          if (suffix) await listHistory(db, id, null, 50);
          else await countSourceRecords(db, id);
        }),
      );
    }
    out[key] = combine(what, httpStats, await floor.time(stmts, floorN), ids.length);
  }
  return out;
}

/** The baseline: an authenticated request that does (almost) nothing, to size the fixed per-request cost. */
async function baseline(session: Session): Promise<Stats> {
  return timeRequests([{ path: '/api/v1/auth/me', session }], Math.min(samples, 200));
}

// ---------------------------------------------------------------------------------------------
// 4. Mixed read load

async function mixedLoad(variants: Variant[]): Promise<Record<string, unknown>> {
  const latencies: number[] = [];
  let non2xx = 0;
  const rand = rng(7);
  const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: mixedConnections,
        duration: mixedSeconds,
        headers: { 'accept-encoding': 'gzip' },
        requests: [
          {
            setupRequest: (req: any) => {
              const v = variants[Math.floor(rand() * variants.length)]!;
              return { ...req, method: 'GET', path: v.path, headers: { ...req.headers, cookie: v.session.cookie, 'accept-encoding': 'gzip' } };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolvePromise(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) non2xx += 1;
    });
  });
  const s = stats(latencies);
  return { connections: mixedConnections, seconds: mixedSeconds, requests: latencies.length, throughput: r2(latencies.length / mixedSeconds), errors: result.errors, timeouts: result.timeouts, non2xx, p50: s.p50, p95: s.p95, p99: s.p99, max: s.max, variants: variants.length };
}

// ---------------------------------------------------------------------------------------------
// 5. Export

async function pollJob(session: Session, jobId: number, timeoutMs: number): Promise<{ status: string; result: any; error: string | null; polls: number; busy503: number; seconds: number; ranSeconds?: number | null }> {
  const started = Date.now();
  let polls = 0;
  let busy503 = 0;
  for (;;) {
    const res = await request('GET', `/api/v1/jobs/${jobId}`, { session, timeoutMs });
    polls += 1;
    if (res.status === 503) {
      // SQLite's writer is busy (the import holds it): the API says retry shortly.
      busy503 += 1;
    } else if (res.status !== 200) {
      throw new Error(`GET /jobs/${jobId} → ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
    } else {
      const job = JSON.parse(res.body.toString('utf8')) as { status: string; result: any; error: string | null; startedAt: string | null; finishedAt: string | null };
      if (job.status === 'succeeded' || job.status === 'failed') {
        const ranSeconds = job.startedAt && job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : null;
        return { ...job, polls, busy503, seconds: (Date.now() - started) / 1000, ranSeconds };
      }
    }
    if (Date.now() - started > timeoutMs) return { status: 'timeout', result: null, error: `unfinished after ${timeoutMs / 1000} s`, polls, busy503, seconds: (Date.now() - started) / 1000 };
    // The web client's job progress polls once a second.
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Reads while something else runs (an import): on a second connection and with a second staff
 * session, the first list page and a random person's detail, alternately, 200 ms apart.
 */
function readProbe(session: Session, maxId: number): { stop: () => Promise<Record<string, unknown>> } {
  const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let running = true;
  const rand = rng(123);
  const loop = (async () => {
    let i = 0;
    while (running) {
      const path = i++ % 2 ? `/api/v1/persons/${1 + Math.floor(rand() * maxId)}` : '/api/v1/persons?limit=50';
      try {
        const res = await request('GET', path, { session, agent: probeAgent, timeoutMs: 60_000 });
        times.push(res.ms);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      } catch {
        statuses.error = (statuses.error ?? 0) + 1;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      probeAgent.destroy();
      return { ...stats(times), statuses };
    },
  };
}

/** Samples a process's RSS every 250 ms while `fn` runs. */
async function sampled<T>(pid: number, fn: () => Promise<T>): Promise<{ value: T; rss: number[] }> {
  const rss: number[] = [];
  const timer = setInterval(() => rss.push(memoryOf(pid).rssMb), 250);
  try {
    return { value: await fn(), rss };
  } finally {
    clearInterval(timer);
  }
}

async function exportScenario(server: Server, rc: ReadContext, town: { id: number; name: string; count: number }): Promise<Record<string, unknown>> {
  const { staff, floor, staffCtx } = rc;
  const t0 = Date.now();
  const { value, rss } = await sampled(server.pid, async () => {
    const { jobId } = await json<{ jobId: number }>('POST', '/api/v1/persons/export', { session: staff, body: JSON.stringify({ townId: town.id }) });
    const job = await pollJob(staff, jobId, 30 * 60_000);
    const jobSeconds = (Date.now() - t0) / 1000;
    if (job.status !== 'succeeded') return { job, jobSeconds };
    const file = await request('GET', `/api/v1/files/${job.result.fileId}`, { session: staff, timeoutMs: 600_000 });
    return { job, jobSeconds, fileBytes: file.body.length, fileStatus: file.status };
  });
  const seconds = (Date.now() - t0) / 1000;
  const mem = memoryOf(server.pid);

  // Floor: the export's own SQL (count + keyset pages of 1,000 full rows) in-process, no spreadsheet.
  const ft = Date.now();
  let rows = 0;
  await countPersonsInScope(floor.kysely, staffCtx, rc.cipher, { townId: town.id });
  for await (const page of iteratePersonsInScope(floor.kysely, staffCtx, rc.cipher, { townId: town.id }, 'updated', 'desc')) rows += page.length;
  const floorSeconds = (Date.now() - ft) / 1000;
  return {
    filter: `townId=${town.id} (${town.name})`,
    expectedRows: town.count,
    rows: value.job.result?.rows ?? null,
    status: value.job.status,
    error: value.job.error,
    seconds: r2(seconds),
    jobSeconds: r2(value.jobSeconds),
    fileBytes: (value as { fileBytes?: number }).fileBytes ?? null,
    floorSeconds: r2(floorSeconds),
    floorRows: rows,
    ratio: r2(seconds / floorSeconds),
    serverPeakRssMb: mem.peakMb,
    rssDuringMaxMb: Math.max(0, ...rss),
  };
}

// ---------------------------------------------------------------------------------------------
// 6. Import

const IMPORT_HEADERS = ['序号', '姓名', '性别', '民族', '出生年月', '身份证号码', '政治面貌', '工作单位及职务', '联系电话', '所在镇街', '所在社区'];

/**
 * A department list: a title row, the header row, then `rows` persons. 90% are new persons (the
 * generator's stream continued past the loaded N, so their IDs are new: another seed would reuse the
 * same IDs, because ID sequence numbers depend only on region, birth date and sex); every 10th row is
 * a person already in the registry (same ID), which the import links.
 */
async function writeImportFile(file: string, rows: number, loaded: number): Promise<{ newRows: number; linkRows: number; bytes: number; seconds: number }> {
  const t = Date.now();
  const towns = zichuanDivisions();
  const townName = new Map(towns.map((tw) => [tw.code, tw.name]));
  const communityName = new Map(towns.flatMap((tw) => tw.communities.map((c) => [c.code, c.name] as const)));
  const linkRows = Math.floor(rows / 10);
  const newRows = rows - linkRows;
  const rand = rng(31337);
  const linkIdx = new Set<number>();
  while (linkIdx.size < linkRows) linkIdx.add(Math.floor(rand() * loaded));
  const linked: SynthPerson[] = [];
  const fresh: SynthPerson[] = [];
  for (const p of generatePersons(DATASET_SEED, loaded + newRows)) {
    if (p.index < loaded) {
      if (linkIdx.has(p.index)) linked.push(p);
    } else fresh.push(p);
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('名单');
  const title = ws.addRow(['淄川区工商联 新的社会阶层人士名单（2026年11月）']);
  ws.mergeCells(1, 1, 1, IMPORT_HEADERS.length);
  title.commit();
  ws.addRow(IMPORT_HEADERS).commit();
  let li = 0;
  let fi = 0;
  for (let i = 0; i < rows; i++) {
    const p = (i % 10 === 9 && li < linked.length) || fi >= fresh.length ? linked[li++]! : fresh[fi++]!;
    ws.addRow([
      i + 1,
      p.name,
      p.gender === 'male' ? '男' : '女',
      p.ethnicity,
      p.birthDate,
      p.residentId,
      p.political,
      p.employer ? `${p.employer} ${p.post}` : '',
      p.mobile,
      townName.get(p.townCode) ?? '',
      communityName.get(p.communityCode) ?? '',
    ]).commit();
  }
  await wb.commit();
  return { newRows, linkRows, bytes: statSync(file).size, seconds: (Date.now() - t) / 1000 };
}

/** CPU seconds a process has used (utime + stime), to tell a busy server from a stuck one. */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return -1;
  }
}

/** Characters the process has read and written (all I/O syscalls), from /proc/<pid>/io. */
function ioOf(pid: number): number {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    return Number(/rchar:\s+(\d+)/.exec(io)?.[1] ?? 0) + Number(/wchar:\s+(\d+)/.exec(io)?.[1] ?? 0);
  } catch {
    return -1;
  }
}

/**
 * Resolves when `pid` has done (almost) nothing for `quietMs`: no CPU to speak of and no I/O. A long
 * commit waiting on the disk does I/O; a deadlocked process does neither.
 */
function stallWatch(pid: number, quietMs = 180_000): { stalled: Promise<{ at: number; cpu: number }>; stop: () => void } {
  let lastCpu = cpuSecondsOf(pid);
  let lastIo = ioOf(pid);
  let quietSince = Date.now();
  let timer: NodeJS.Timeout;
  const stalled = new Promise<{ at: number; cpu: number }>((resolveStall) => {
    timer = setInterval(() => {
      const cpu = cpuSecondsOf(pid);
      const io = ioOf(pid);
      if (cpu - lastCpu > 0.2 || io - lastIo > 1_000_000) {
        lastCpu = cpu;
        lastIo = io;
        quietSince = Date.now();
      } else if (Date.now() - quietSince > quietMs) {
        clearInterval(timer);
        resolveStall({ at: Date.now(), cpu });
      }
    }, 1000);
  });
  return { stalled, stop: () => clearInterval(timer) };
}

async function probe(path: string, timeoutMs: number): Promise<string> {
  try {
    const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    return `${res.status}`;
  } catch (err) {
    return `no answer in ${timeoutMs / 1000} s (${(err as Error).name})`;
  }
}

async function importScenario(server: Server, session: Session, probeSession: Session | null, file: string, built: Awaited<ReturnType<typeof writeImportFile>>): Promise<Record<string, unknown>> {
  const bytes = readFileSync(file);
  // Floor: the bare parse of the same bytes.
  const pt = Date.now();
  const book = await readWorkbook(bytes, 'import.xlsx');
  const parseSeconds = (Date.now() - pt) / 1000;
  const parsedRows = book.sheets[0]?.rows.length ?? 0;
  const replacementChars = book.sheets[0]?.rows.reduce((n, row) => n + (row.some((c) => typeof c === 'string' && c.includes('\uFFFD')) ? 1 : 0), 0) ?? 0;

  const memBefore = memoryOf(server.pid);
  const t0 = Date.now();
  const phases: Record<string, number> = {};
  const watch = stallWatch(server.pid);
  let stall: Record<string, unknown> | null = null;
  let readsDuringJob: Record<string, unknown> | null = null;
  const { value, rss } = await sampled(server.pid, async () => {
    const preview = await json<{ batch: { id: number }; totals: Record<string, number>; columns: { header: string; field: string | null }[] }>(
      'POST',
      `/api/v1/imports?${qs({ fileName: `部门名单-${built.newRows + built.linkRows}.xlsx`, source: `bench-${process.pid}-${Date.now()}` })}`,
      { session, body: bytes, contentType: 'application/octet-stream', timeoutMs: 30 * 60_000 },
    );
    phases.uploadAndPreview = (Date.now() - t0) / 1000;
    const commit = await json<{ jobId: number }>('POST', `/api/v1/imports/${preview.batch.id}/commit`, { session, body: '{}', timeoutMs: 30 * 60_000 });
    phases.commitRequest = (Date.now() - t0) / 1000 - phases.uploadAndPreview;
    const reads = probeSession ? readProbe(probeSession, personCount) : null;
    const raced = await Promise.race([pollJob(session, commit.jobId, 30 * 60_000), watch.stalled.then((s) => ({ stalledAt: s.at }))]);
    readsDuringJob = reads ? await reads.stop() : null;
    if ('stalledAt' in raced) {
      // The server sits idle with the job unfinished: say what still answers, then give up on it.
      stall = {
        afterSeconds: r2((raced.stalledAt - t0) / 1000),
        serverCpuSeconds: cpuSecondsOf(server.pid),
        healthz: await probe('/healthz', 3000),
        readyz: await probe('/readyz', 3000),
      };
      return { preview, job: { status: 'stalled', result: null, error: 'the server stopped using CPU with the import job unfinished', polls: 0, seconds: (Date.now() - t0) / 1000 } };
    }
    phases.job = raced.seconds;
    if (raced.ranSeconds != null) phases.jobRanAsRecorded = raced.ranSeconds;
    return { preview, job: raced };
  });
  watch.stop();
  const seconds = (Date.now() - t0) / 1000;
  const mem = memoryOf(server.pid);
  return {
    rows: built.newRows + built.linkRows,
    newRows: built.newRows,
    linkRows: built.linkRows,
    fileBytes: built.bytes,
    status: value.job.status,
    error: value.job.error,
    stall,
    result: value.job.result,
    jobPolls: (value.job as { polls?: number }).polls ?? null,
    jobPolls503: (value.job as { busy503?: number }).busy503 ?? null,
    readsDuringJob,
    previewTotals: value.preview.totals,
    mapping: value.preview.columns.map((c) => `${c.header}→${c.field ?? '-'}`).join(', '),
    seconds: r2(seconds),
    phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, r2(v)])),
    floorParseSeconds: r2(parseSeconds),
    floorParsedRows: parsedRows,
    floorRowsWithReplacementChar: replacementChars,
    ratio: r2(seconds / parseSeconds),
    serverRssBeforeMb: memBefore.rssMb,
    serverPeakRssMb: mem.peakMb,
    rssDuringMaxMb: Math.max(0, ...rss),
  };
}

/**
 * The same import through `tongxin import` (createDraft → previewDraft → runImport, the functions the
 * HTTP routes and the job call, minus the job's progress callback), with the server stopped.
 */
async function cliImport(env: Record<string, string>, file: string): Promise<Record<string, unknown>> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [cliFile, 'import', '--source', `bench-cli-${process.pid}`, file, '--json'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  let peak = 0;
  const rss: number[] = [];
  const timer = setInterval(() => {
    const m = memoryOf(child.pid!);
    if (m.peakMb) peak = Math.max(peak, m.peakMb);
    if (m.rssMb) rss.push(m.rssMb);
  }, 100);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  clearInterval(timer);
  const seconds = (Date.now() - t0) / 1000;
  let parsed: Record<string, any> = {};
  try {
    parsed = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, any>;
  } catch {
    parsed = { raw: out.slice(0, 500) };
  }
  return { exitCode: code, seconds: r2(seconds), peakRssMb: peak, rows: parsed.rows ?? null, alreadyImported: parsed.alreadyImported ?? null, problems: Array.isArray(parsed.problems) ? parsed.problems.length : null, error: parsed.error ?? (code ? err.slice(0, 500) : null) };
}

// ---------------------------------------------------------------------------------------------
// Query plans (for the report)

function sqlitePlans(raw: SQLite.Database, named: Record<string, Stmt[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, stmts] of Object.entries(named)) {
    const last = stmts[stmts.length - 1];
    if (!last) continue;
    try {
      out[name] = (raw.prepare(`explain query plan ${last.sql}`).all(...(last.params as unknown[])) as { detail: string }[]).map((r) => r.detail);
    } catch (err) {
      out[name] = [`(${(err as Error).message})`];
    }
  }
  return out;
}

async function pgPlans(url: string, named: Record<string, Stmt[]>): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const out: Record<string, string[]> = {};
  try {
    for (const [name, stmts] of Object.entries(named)) {
      const last = stmts[stmts.length - 1];
      if (!last) continue;
      const res = await client.query(`explain (analyze, buffers off) ${last.sql}`, last.params as unknown[]);
      out[name] = res.rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
    }
  } finally {
    await client.end();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SQLite diagnosis: the statements as the server writes them next to the rewrites proposed in the
// report, timed on the same database (no server involved).

const SCOPE_SQL = '"p"."unit_id" in (select scope_units.id from units as scope_units where scope_units.path like ?)';
const COUNT_JOINS = / inner join "units" as "u" on "u"."id" = "p"."unit_id" left join "organisations" as "o" on "o"."id" = "p"."organisation_id" left join "units" as "wt" on "wt"."id" = "p"."work_town_id" left join "units" as "wc" on "wc"."id" = "p"."work_community_id"/;

function rewrite(stmt: Stmt, how: 'noScope' | 'plusScope' | 'leafScope' | 'countNoJoins' | 'countNoJoinsNoScope', unitId?: number): Stmt | null {
  let sql = stmt.sql;
  const params = [...stmt.params];
  const at = sql.indexOf(SCOPE_SQL);
  // The server may already write this statement another way (e.g. no scope predicate at all).
  if (at < 0) return null;
  // The list may already write it as `+"p"."unit_id" in (…)` (checked per row).
  const start = sql[at - 1] === '+' ? at - 1 : at;
  const scopeIndex = sql.slice(0, at).split('?').length - 1;
  const replaceScope = (by: string) => {
    sql = sql.slice(0, start) + by + sql.slice(at + SCOPE_SQL.length);
  };
  if (how === 'noScope' || how === 'countNoJoinsNoScope') {
    replaceScope('1 = 1');
    params.splice(scopeIndex, 1);
  } else if (how === 'plusScope') replaceScope(`+${SCOPE_SQL}`);
  else if (how === 'leafScope') {
    replaceScope('"p"."unit_id" = ?');
    params[scopeIndex] = unitId;
  }
  if (how === 'countNoJoins' || how === 'countNoJoinsNoScope') {
    if (!COUNT_JOINS.test(sql)) return null;
    sql = sql.replace(COUNT_JOINS, '');
  }
  return { sql, params };
}

function timeRaw(raw: SQLite.Database, stmt: Stmt, runs: number): { ms: number[]; rows: number; plan: string } {
  const st = raw.prepare(stmt.sql);
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    rows = st.all(...(stmt.params as unknown[])).length;
    ms.push(r2(Number(process.hrtime.bigint() - t) / 1e6));
  }
  const plan = (raw.prepare(`explain query plan ${stmt.sql}`).all(...(stmt.params as unknown[])) as { detail: string }[])
    .map((r) => r.detail)
    .filter((d) => /\bp\b|persons|TEMP B-TREE/.test(d) && !/scope_units/.test(d))
    .join('; ');
  return { ms, rows, plan };
}

async function sqliteDiagnosis(floor: Floor & { raw: SQLite.Database }, rc: ReadContext, community: { ctx: Ctx; unitId: number } | null, exportTown: number): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  // The statement that reads persons (a list may first ask how much of the tree the scope covers).
  const one = async (fn: (db: Kysely<DB>) => Promise<unknown>) => {
    const stmts = await floor.capture(fn);
    return stmts.filter((st) => st.sql.includes('from "persons"')).pop() ?? stmts[stmts.length - 1]!;
  };
  const list = (ctx: Ctx, filter: PersonFilter, sort: ListQuery['sort'], order: 'asc' | 'desc', after: ListOptionsAfter = null, limit = PAGE) =>
    one((db) => listPersonsInScope(db, ctx, rc.cipher, filter, { sort, order, after, limit }));
  const compare = (what: string, current: Stmt, proposed: [string, Stmt | null][]) => {
    const slow = timeRaw(floor.raw, current, 2);
    const row: Record<string, unknown> = { what, current: slow };
    // A rewrite that does not apply (the server already writes the statement differently) is left out.
    const applicable = proposed.filter((p): p is [string, Stmt] => p[1] !== null && p[1].sql !== current.sql);
    row.proposed = Object.fromEntries(applicable.map(([name, st]) => [name, timeRaw(floor.raw, st, 5)]));
    out.push(row);
  };
  const staffDefault = await list(rc.staffCtx, {}, 'updated', 'desc');
  compare('list, staff, updated desc, page 1', staffDefault, [['root scope: no scope predicate', rewrite(staffDefault, 'noScope')], ['scope as IN (…) the index may use', rewriteNoPlus(staffDefault)]]);
  const staffName = await list(rc.staffCtx, { gender: ['2'], political: ['13'] }, 'name', 'asc');
  compare('list, staff, gender=2 & political=13, by name', staffName, [['root scope: no scope predicate', rewrite(staffName, 'noScope')]]);
  if (rc.deepRow) {
    const deep = await list(rc.staffCtx, {}, 'updated', 'desc', rc.deepRow);
    compare('list, staff, cursor after row 500,000', deep, [['root scope: no scope predicate', rewrite(deep, 'noScope')]]);
  }
  const rare = await list(rc.staffCtx, { ethnicity: ['03'] }, 'updated', 'desc');
  compare('list, staff, ethnicity=03 (~0.4%), updated desc', rare, [['root scope: no scope predicate', rewrite(rare, 'noScope')]]);
  const town = await list(rc.hongshanCtx, {}, 'updated', 'desc');
  compare('list, town officer (洪山镇), updated desc', town, [['+p.unit_id (checked per row)', rewrite(town, 'plusScope')], ['scope as IN (…) the index may use', rewriteNoPlus(town)]]);
  const townRare = await list(rc.hongshanCtx, { ethnicity: ['03'] }, 'updated', 'desc');
  compare('list, town officer, ethnicity=03, updated desc', townRare, [['+p.unit_id (checked per row)', rewrite(townRare, 'plusScope')], ['scope as IN (…) the index may use', rewriteNoPlus(townRare)]]);
  if (community) {
    const comm = await list(community.ctx, {}, 'updated', 'desc');
    compare('list, community worker (one community), updated desc', comm, [['+p.unit_id (checked per row)', rewrite(comm, 'plusScope')], ['scope as IN (…) the index may use', rewriteNoPlus(comm)], ['leaf scope: p.unit_id = ?', rewrite(comm, 'leafScope', community.unitId)]]);
    const commName = await list(community.ctx, {}, 'name', 'asc');
    compare('list, community worker, by name', commName, [['+p.unit_id (checked per row)', rewrite(commName, 'plusScope')], ['scope as IN (…) the index may use', rewriteNoPlus(commName)], ['leaf scope: p.unit_id = ?', rewrite(commName, 'leafScope', community.unitId)]]);
  }
  const countStaff = await one((db) => countPersonsInScope(db, rc.staffCtx, rc.cipher, {}));
  compare('count, staff', countStaff, [['no joins', rewrite(countStaff, 'countNoJoins')], ['no joins, root scope: no predicate', rewrite(countStaff, 'countNoJoinsNoScope')]]);
  const countFilter = await one((db) => countPersonsInScope(db, rc.staffCtx, rc.cipher, { gender: ['2'], political: ['13'] }));
  compare('count, staff, gender=2 & political=13', countFilter, [['no joins, root scope: no predicate', rewrite(countFilter, 'countNoJoinsNoScope')]]);
  const countTown = await one((db) => countPersonsInScope(db, rc.hongshanCtx, rc.cipher, {}));
  compare('count, town officer', countTown, [['no joins', rewrite(countTown, 'countNoJoins')]]);
  // The export's first page of 1,000 full rows (selectFull) for a town filter.
  const exportPage = await one(async (db) => {
    for await (const _page of iteratePersonsInScope(db, rc.staffCtx, rc.cipher, { townId: exportTown }, 'updated', 'desc')) break;
  });
  compare('export page (1,000 full rows), staff, townId filter', exportPage, [['root scope: no scope predicate', rewrite(exportPage, 'noScope')]]);
  return out;
}

type ListOptionsAfter = { k: string; id: number } | null;

/** The scope predicate without a unary plus, i.e. usable by the planner to drive the query. */
function rewriteNoPlus(stmt: Stmt): Stmt | null {
  return stmt.sql.includes(`+${SCOPE_SQL}`) ? { sql: stmt.sql.replace(`+${SCOPE_SQL}`, SCOPE_SQL), params: stmt.params } : null;
}

// ---------------------------------------------------------------------------------------------
// Main

interface DbRun {
  dialect: 'sqlite' | 'postgres';
  dataset: Manifest & { reused: boolean };
  baseline: Stats;
  scenarios: Record<string, ScenarioResult>;
  plans: Record<string, string[]>;
  mixed?: Record<string, unknown>;
  export?: Record<string, unknown>;
  import?: Record<string, unknown>;
  importWithReads?: Record<string, unknown>;
  importCli?: Record<string, unknown>;
  indexExperiment?: Record<string, unknown>;
  diagnosis?: Record<string, unknown>[];
  notes: string[];
}

async function prepareReadContext(floor: Floor, maxId: number, rowCursor: ReadContext['rowCursor'], deepOffset: number, cipher: PersonalDataCipher): Promise<ReadContext> {
  const staff = await login('staff');
  const hongshan = await login('hongshan');
  const staffCtx = await floor.ctxFor(staff);
  const hongshanCtx = await floor.ctxFor(hongshan);
  return { floor, cipher, staff, hongshan, staffCtx, hongshanCtx, picks: pickPersons(personCount, 20), maxId, deepOffset, deepRow: await rowCursor(deepOffset - 1), rowCursor };
}

function planStatements(rc: ReadContext): Promise<Record<string, Stmt[]>> {
  const named: Record<string, Stmt[]> = {};
  const q = async (name: string, fn: (db: Kysely<DB>) => Promise<unknown>) => {
    named[name] = await rc.floor.capture(fn);
  };
  return (async () => {
    await q('list.staff.default', (db) => listPersonsInScope(db, rc.staffCtx, rc.cipher, {}, { sort: 'updated', order: 'desc', after: null, limit: PAGE }));
    await q('list.staff.filterByName', (db) => listPersonsInScope(db, rc.staffCtx, rc.cipher, { gender: ['2'], political: ['13'] }, { sort: 'name', order: 'asc', after: null, limit: PAGE }));
    await q('list.hongshan.default', (db) => listPersonsInScope(db, rc.hongshanCtx, rc.cipher, {}, { sort: 'updated', order: 'desc', after: null, limit: PAGE }));
    if (rc.deepRow) await q('list.staff.deepCursor', (db) => listPersonsInScope(db, rc.staffCtx, rc.cipher, {}, { sort: 'updated', order: 'desc', after: rc.deepRow, limit: PAGE }));
    await q('count.staff', (db) => countPersonsInScope(db, rc.staffCtx, rc.cipher, {}));
    await q('search.surname', (db) => searchPersons(db, rc.staffCtx, rc.cipher, '张', 10));
    const withEmployer = rc.picks.find((p) => p.employer);
    if (withEmployer) {
      const sub = employerSubstring(withEmployer.employer!);
      named['search.employer'] = (await rc.floor.capture((db) => searchPersons(db, rc.staffCtx, rc.cipher, sub, 10))).slice(-1);
    }
    await q('search.mobileTail', (db) => searchPersons(db, rc.staffCtx, rc.cipher, rc.picks[0]!.mobile.slice(-4), 10));
    await q('detail', (db) => requirePerson(db, rc.staffCtx, 1));
    return named;
  })();
}

async function runSqlite(results: Record<string, unknown>): Promise<DbRun> {
  const { dir, manifest, reused } = await ensureSqliteDataset(personCount, { force: args['force-load'], log, cli: cliFile });
  log(`SQLite dataset ${reused ? 'reused' : 'loaded'}: ${manifest.persons.toLocaleString('en')} persons (${Math.round((manifest.dbBytes ?? 0) / 1e6)} MB)`);
  // Work on a copy: the import and export write to it, the pristine dataset stays reusable.
  const work = join(runDir, 'sqlite');
  mkdirSync(work, { recursive: true });
  const ct = Date.now();
  copyFileSync(join(dir, 'tongxin.db'), join(work, 'tongxin.db'));
  copyFileSync(join(dir, 'tongxin.key'), join(work, 'tongxin.key'));
  log(`copied the dataset in ${((Date.now() - ct) / 1000).toFixed(1)} s`);
  const env = { TONGXIN_DATA_DIR: work, DATABASE_URL: '' };
  const cipher = cipherOf(work);
  const run: DbRun = { dialect: 'sqlite', dataset: { ...manifest, reused }, baseline: stats([]), scenarios: {}, plans: {}, notes: [] };
  results.sqlite = run;

  let server: Server | null = await startServer(env, 'sqlite');
  const floor = sqliteFloor(join(work, 'tongxin.db'));
  let floorOpen = true;
  const closeFloor = async () => {
    if (floorOpen) await floor.close();
    floorOpen = false;
  };
  try {
    if (!onlyImport) {
      const deepOffset = Math.min(500_000, Math.floor(personCount / 2));
      const rc = await prepareReadContext(
        floor,
        personCount,
        async (offset) => {
          // Staff's scope is the whole district, i.e. every person: the plain order is the list's order.
          const row = floor.raw.prepare('select updated_at as k, id from persons order by updated_at desc, id desc limit 1 offset ?').get(offset) as { k: string; id: number } | undefined;
          return row ?? null;
        },
        deepOffset,
        cipher,
      );
      run.baseline = await baseline(rc.staff);
      log('SQLite read scenarios');
      run.scenarios = await readScenarios(rc, { deep: true });
      run.plans = sqlitePlans(floor.raw, await planStatements(rc));

      // Towns with their head counts, to pick an export of ~100,000 (N/10) rows.
      const towns = floor.raw.prepare('select u.id, u.name, count(*) as n from persons p join units u on u.id = p.work_town_id group by u.id order by n desc').all() as { id: number; name: string; n: number }[];
      const target = Math.min(100_000, personCount / 10);
      const town = towns.reduce((best, t) => (Math.abs(t.n - target) < Math.abs(best.n - target) ? t : best), towns[0]!);

      log('SQLite diagnosis (current statements vs proposed rewrites)');
      const communitySession = await login('community');
      const communityCtx = await floor.ctxFor(communitySession);
      run.diagnosis = await sqliteDiagnosis(floor, rc, { ctx: communityCtx, unitId: (communityCtx.actor as { unitId: number }).unitId }, town.id);

      if (!args['skip-mixed']) {
        log(`SQLite mixed load: ${mixedConnections} connections, ${mixedSeconds} s`);
        run.mixed = await mixedLoad(mixedVariants(rc));
      }

      if (!args['skip-export']) {
        await stopServer(server);
        server = await startServer(env, 'sqlite-export');
        const staff = await login('staff');
        log(`SQLite export: ${town.name}, ${town.n.toLocaleString('en')} persons`);
        run.export = await exportScenario(server, { ...rc, staff, staffCtx: await floor.ctxFor(staff) }, { id: town.id, name: town.name, count: town.n });
      }
    }

    if (!args['skip-import']) {
      const file = join(runDir, `import-${importRows}.xlsx`);
      log(`writing the ${importRows.toLocaleString('en')}-row import file`);
      const built = await writeImportFile(file, importRows, personCount);
      await stopServer(server);
      server = null;
      await closeFloor();
      // Each import starts from the loaded dataset again (a fresh copy), so the three are comparable.
      const fresh = () => {
        for (const f of ['tongxin.db-wal', 'tongxin.db-shm']) rmSync(join(work, f), { force: true });
        copyFileSync(join(dir, 'tongxin.db'), join(work, 'tongxin.db'));
      };

      fresh();
      server = await startServer(env, 'sqlite-import');
      log('SQLite import via HTTP, the importing user alone (upload → preview → commit job, polled every second)');
      run.import = { ...(await importScenario(server, await login('staff'), null, file, built)), fileWriteSeconds: r2(built.seconds) };
      await stopServer(server);
      server = null;

      fresh();
      server = await startServer(env, 'sqlite-import-reads');
      log('SQLite import via HTTP while another user reads');
      run.importWithReads = await importScenario(server, await login('staff'), await login('staff'), file, built);
      await stopServer(server);
      server = null;

      fresh();
      log('SQLite import through the CLI (no server, no concurrent requests)');
      run.importCli = await cliImport(env, file);

      // A proposal measured: an index on ethnicity, so a rare value can drive the query.
      if (!onlyImport) run.indexExperiment = indexExperiment(join(work, 'tongxin.db'));
    }
  } finally {
    await stopServer(server);
    await closeFloor();
  }
  return run;
}

/**
 * The rare-value list (ethnicity=03, ~0.4%, updated desc) as written, then with an index on
 * persons(ethnicity) plus ANALYZE: SQLite's STAT4 samples then know that 03 is rare, and the
 * index drives the query (a few thousand rows, sorted) instead of a walk down the sort index.
 */
function indexExperiment(file: string): Record<string, unknown> {
  const db = new SQLite(file);
  try {
    const sql = 'select p.id, p.name, p.updated_at from persons as p left join units as u on u.id = p.unit_id left join organisations as o on o.id = p.organisation_id where p.ethnicity in (?) order by p.updated_at desc, p.id desc limit 51';
    const time = (value: string) => {
      const st = db.prepare(sql);
      const ms: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = process.hrtime.bigint();
        st.all(value);
        ms.push(r2(Number(process.hrtime.bigint() - t) / 1e6));
      }
      const plan = (db.prepare(`explain query plan ${sql}`).all(value) as { detail: string }[]).map((r) => r.detail).filter((d) => /\bp\b|TEMP/.test(d)).join('; ');
      return { ms, plan };
    };
    const before = { rare: time('03'), common: time('01') };
    const t = Date.now();
    db.exec('create index bench_persons_ethnicity on persons (ethnicity)');
    db.exec('analyze persons');
    const buildSeconds = (Date.now() - t) / 1000;
    const after = { rare: time('03'), common: time('01') };
    db.exec('drop index bench_persons_ethnicity');
    return { query: 'list page, ethnicity in (?), updated desc (the list statement reduced to its persons part)', before, indexAndAnalyzeSeconds: buildSeconds, after };
  } finally {
    db.close();
  }
}

function mixedVariants(rc: ReadContext): Variant[] {
  const v: Variant[] = [];
  const add = (path: string, session: Session, times: number) => {
    for (let i = 0; i < times; i++) v.push({ path, session });
  };
  // ~40% list pages (first pages of several views, a few deep cursors), ~30% search, ~30% detail.
  const lists: ListQuery[] = [
    { sort: 'updated', order: 'desc', limit: PAGE, filter: {} },
    { sort: 'name', order: 'asc', limit: PAGE, filter: { gender: ['2'], political: ['13'] } },
    { sort: 'name', order: 'asc', limit: PAGE, filter: {} },
    { sort: 'birthDate', order: 'desc', limit: PAGE, filter: { education: ['21'] } },
    { sort: 'updated', order: 'desc', limit: PAGE, filter: { repLevel: ['key', 'representative'] } },
  ];
  for (const q of lists) {
    add(listPath(q), rc.staff, 6);
    add(listPath(q), rc.hongshan, 2);
  }
  if (rc.deepRow) add(listPath({ ...lists[0]!, cursor: rc.deepRow }), rc.staff, 8);
  for (const p of rc.picks.slice(0, 10)) {
    add(`/api/v1/persons/search?q=${encodeURIComponent(p.name)}`, rc.staff, 1);
    add(`/api/v1/persons/search?q=${encodeURIComponent(namePinyin(p.name).full)}`, rc.staff, 1);
    add(`/api/v1/persons/search?q=${encodeURIComponent(p.mobile.slice(-4))}`, rc.staff, 1);
    add(`/api/v1/persons/search?q=${encodeURIComponent(p.residentId.slice(-6))}`, rc.staff, 1);
  }
  for (const s of ['张', '王', 'li', 'zw']) add(`/api/v1/persons/search?q=${encodeURIComponent(s)}`, rc.staff, 2);
  const rand = rng(5);
  for (let i = 0; i < 48; i++) {
    const id = 1 + Math.floor(rand() * rc.maxId);
    add(`/api/v1/persons/${id}${i % 3 === 2 ? '/history' : ''}`, rc.staff, 1);
  }
  return v;
}

async function runPostgres(results: Record<string, unknown>): Promise<DbRun | null> {
  const adminUrl = `${args['pg-url']}/postgres`;
  const dbName = args['pg-db'];
  const url = `${args['pg-url']}/${dbName}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (err) {
    log(`PostgreSQL not reachable at ${adminUrl}: ${(err as Error).message}; skipped`);
    results.postgres = { skipped: `not reachable: ${(err as Error).message}` };
    return null;
  }
  const dataDir = resolve('bench/tmp', `registry-pg-${personCount}`);
  const manifestFile = join(dataDir, 'manifest.json');
  let manifest: Manifest | null = null;
  let reused = false;
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount! > 0;
    if (exists && existsSync(manifestFile) && !args['force-load']) {
      const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
      const probe = new pg.Client({ connectionString: url });
      await probe.connect();
      const n = Number((await probe.query<{ n: string }>('select count(*) as n from persons')).rows[0]!.n);
      await probe.end();
      if (m.loaderVersion === LOADER_VERSION && m.persons === personCount && n === personCount) {
        manifest = m;
        reused = true;
      }
    }
    if (!manifest) {
      await admin.query(`drop database if exists "${dbName}" with (force)`);
      await admin.query(`create database "${dbName}"`);
      log(`Loading ${personCount.toLocaleString('en')} persons into PostgreSQL (${dbName})`);
      manifest = await loadPostgres(url, dataDir, personCount, DATASET_SEED, log, cliFile);
    }
  } finally {
    await admin.end();
  }
  log(`PostgreSQL dataset ${reused ? 'reused' : 'loaded'}: ${Math.round((manifest.dbBytes ?? 0) / 1e6)} MB`);

  const run: DbRun = { dialect: 'postgres', dataset: { ...manifest, reused }, baseline: stats([]), scenarios: {}, plans: {}, notes: [] };
  results.postgres = run;
  const server = await startServer({ TONGXIN_DATA_DIR: dataDir, DATABASE_URL: url }, 'postgres');
  // The import writes to the database: a reused dataset must be reloaded next time.
  if (!args['skip-import'] && !args['skip-pg-import']) rmSync(manifestFile, { force: true });
  const floor = pgFloor(url);
  try {
    let staff: Session | null = null;
    if (!onlyImport) {
      const deepOffset = Math.min(500_000, Math.floor(personCount / 2));
      const rc = await prepareReadContext(
        floor,
        personCount,
        async (offset) => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          const row = (await c.query<{ k: string; id: number }>('select updated_at as k, id from persons order by updated_at desc, id desc limit 1 offset $1', [offset])).rows[0];
          await c.end();
          return row ?? null;
        },
        deepOffset,
        cipherOf(dataDir),
      );
      run.baseline = await baseline(rc.staff);
      log('PostgreSQL read scenarios');
      run.scenarios = await readScenarios(rc, { deep: true });
      run.plans = await pgPlans(url, await planStatements(rc));
      staff = rc.staff;
    }
    if (!args['skip-import'] && !args['skip-pg-import']) {
      const file = join(runDir, `import-${importRows}.xlsx`);
      const built = existsSync(file) ? { newRows: importRows - Math.floor(importRows / 10), linkRows: Math.floor(importRows / 10), bytes: statSync(file).size, seconds: 0 } : await writeImportFile(file, importRows, personCount);
      log('PostgreSQL import via HTTP (upload → preview → commit job)');
      run.import = await importScenario(server, staff ?? (await login('staff')), await login('staff'), file, built);
    }
  } finally {
    await stopServer(server);
    await floor.close();
    if (!args['keep-pg']) {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists "${dbName}" with (force)`);
      await a.end();
      rmSync(dataDir, { recursive: true, force: true });
      log(`dropped ${dbName}`);
    }
  }
  return run;
}

/** Which code was measured: the commit, uncommitted server/common changes, and the built server. */
function codeVersion(): Record<string, unknown> {
  const git = (...a: string[]) => spawnSync('git', a, { encoding: 'utf8' }).stdout.trim();
  const dist = existsSync(cliFile) ? readFileSync(cliFile) : Buffer.alloc(0);
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    subject: git('log', '-1', '--format=%s'),
    uncommittedServerFiles: git('status', '--porcelain', '--', 'server', 'common').split('\n').filter(Boolean).length,
    distSha256: createHash('sha256').update(dist).digest('hex').slice(0, 16),
    distFile: cliFile,
    distBuiltAt: existsSync(cliFile) ? statSync(cliFile).mtime.toISOString() : null,
  };
}

async function main() {
  if (!existsSync(cliFile)) throw new Error(`${cliFile} missing: run \`npm run build\` first (npm run bench does)`);
  const codeAtStart = codeVersion();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', node: process.version },
    code: { atStart: codeAtStart },
    settings: { only: args.only ?? null, personCount, samplesPerScenario: samples, connectionsForLatency: 1, pageSize: PAGE, mixed: { connections: mixedConnections, seconds: mixedSeconds }, importRows, acceptEncoding: 'gzip', quick },
  };
  mkdirSync(runDir, { recursive: true });
  try {
    if (!args['skip-sqlite']) await runSqlite(results);
    if (!args['skip-pg']) await runPostgres(results);
  } finally {
    agent.destroy();
    if (!process.env.BENCH_KEEP_RUN_DIR) rmSync(runDir, { recursive: true, force: true });
  }
  const codeAtEnd = codeVersion();
  (results.code as Record<string, unknown>).atEnd = codeAtEnd;
  (results.code as Record<string, unknown>).changedDuringRun = codeAtEnd.distSha256 !== codeAtStart.distSha256 || codeAtEnd.commit !== codeAtStart.commit;
  const stamp = new Date().toISOString().slice(0, 10);
  const name = `${stamp}-registry${onlyImport ? '-import' : ''}${quick ? '-quick' : ''}`;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${name}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`bench/results/${name}.md`, markdown(results));
  process.stdout.write(markdown(results));
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** The quality.md targets, met or not, from this run's figures. */
function targetLines(run: any): string[] {
  const sc = run.scenarios as Record<string, ScenarioResult>;
  const pick = (prefix: string) => Object.entries(sc).filter(([k]) => k.startsWith(prefix) && !k.endsWith('.identity')).map(([, v]) => v);
  const worst = (list: ScenarioResult[], f: (x: ScenarioResult) => number) => list.reduce<ScenarioResult | null>((w, x) => (!w || f(x) > f(w) ? x : w), null);
  const ok = (b: boolean) => (b ? '**met**' : '**missed**');
  const out = ['| target | result | |', '|---|---|---|'];
  const lists = pick('list.');
  if (lists.length) {
    const w95 = worst(lists, (x) => x.http.p95)!;
    const wr = worst(lists, (x) => x.ratioP50)!;
    out.push(`| registry list: p95 ≤ 50 ms | worst p95 ${w95.http.p95} ms (${w95.what}) | ${ok(w95.http.p95 <= 50)} |`);
    out.push(`| registry list: ≤ 2× its raw SQL | worst ratio ${wr.ratioP50}× (${wr.what}: ${wr.http.p50} ms vs ${wr.floor.p50} ms of SQL; the fixed per-request cost, /auth/me p50 ${run.baseline.p50} ms, alone is ${r2(run.baseline.p50 / Math.max(wr.floor.p50, 0.001))}× that SQL) | ${ok(wr.ratioP50 <= 2)} |`);
  }
  const counts = pick('count.');
  if (counts.length) {
    const w = worst(counts, (x) => x.http.p95)!;
    out.push(`| count (no target of its own; the list asks for it separately) | worst p95 ${w.http.p95} ms (${w.what}) | — |`);
  }
  const searches = pick('search.');
  if (searches.length) {
    const w = worst(searches, (x) => x.http.p95)!;
    out.push(`| search box: p95 ≤ 50 ms | worst p95 ${w.http.p95} ms (${w.what}) | ${ok(w.http.p95 <= 50)} |`);
  }
  const details = pick('detail');
  if (details.length) {
    const w = worst(details, (x) => x.http.p95)!;
    out.push(`| person detail: p95 ≤ 20 ms | worst p95 ${w.http.p95} ms (${w.what}) | ${ok(w.http.p95 <= 20)} |`);
  }
  if (run.import) {
    const i = run.import;
    out.push(`| import of ${i.rows.toLocaleString('en')} rows: ≤ 60 s | ${i.status === 'succeeded' ? `${i.seconds} s end to end` : `${i.status} after ${i.seconds} s`} | ${ok(i.status === 'succeeded' && i.seconds <= 60)} |`);
    out.push(`| import: peak RSS ≤ 1 GB | server VmHWM ${i.serverPeakRssMb} MB | ${ok(i.serverPeakRssMb <= 1024)} |`);
  }
  if (run.export) {
    const e = run.export;
    out.push(`| export of ${Number(e.rows ?? e.expectedRows).toLocaleString('en')} rows: ≤ 30 s | ${e.status === 'succeeded' ? `${e.seconds} s` : e.status} | ${ok(e.status === 'succeeded' && e.seconds <= 30)} |`);
  }
  if (run.mixed) {
    const m = run.mixed;
    const errors = m.errors + m.timeouts + m.non2xx;
    out.push(`| mixed read load (${m.connections} connections, ${m.seconds} s): 0 errors, p99 ≤ 200 ms | ${errors} errors/timeouts, p99 ${m.p99} ms | ${ok(errors === 0 && m.p99 <= 200)} |`);
  }
  return out;
}

function markdown(r: Record<string, any>): string {
  const lines: string[] = [];
  const s = r.settings;
  lines.push(`# Registry benchmark — ${r.date}`, '');
  const c = r.code?.atStart;
  if (c) {
    lines.push(`Code: commit ${c.commit} (“${c.subject}”), ${c.uncommittedServerFiles} uncommitted server/common files; server bundle dist/cli.js ${c.distSha256} built ${c.distBuiltAt}.${r.code.changedDuringRun ? ` **The code or the bundle changed during the run** (now ${r.code.atEnd.commit}, bundle ${r.code.atEnd.distSha256}): the floors use the source, the server the bundle.` : ''}`, '');
  }
  lines.push(
    `Machine: ${r.machine.cpus} cores (${r.machine.cpuModel}), Node ${r.machine.node}, shared with other work. ${s.personCount.toLocaleString('en')} synthetic persons (seed ${DATASET_SEED}). ` +
      `Latency rows: ${s.samplesPerScenario} sequential requests per scenario on **1 connection** (keep-alive, gzip accepted), page size ${s.pageSize}. ` +
      `Floor: the same SQL statements the request runs (session lookup included), captured from the server's repository code and run directly on the same database, prepared once. Ratio = HTTP p50 ÷ floor p50 (p95 ÷ p95 in brackets).`,
    '',
  );
  for (const key of ['sqlite', 'postgres'] as const) {
    const run = r[key];
    if (!run) continue;
    if (run.skipped) {
      lines.push(`## ${key === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: skipped (${run.skipped})`, '');
      continue;
    }
    const ds = run.dataset;
    lines.push(`## ${key === 'sqlite' ? 'SQLite (embedded)' : 'PostgreSQL 15'}`, '');
    lines.push(
      `Dataset: ${ds.persons.toLocaleString('en')} persons, ${ds.stats.organisations.toLocaleString('en')} organisations, ${ds.stats.searchTerms.toLocaleString('en')} search terms; ${Math.round((ds.dbBytes ?? 0) / 1e6)} MB. ` +
        `Bulk load ${ds.stats.seconds} s (${ds.stats.perSecond.toLocaleString('en')} persons/s; of which deriving values ${ds.stats.deriveSeconds} s, index rebuild ${ds.stats.indexSeconds} s, analyze ${ds.stats.analyzeSeconds} s)${ds.reused ? `, loaded ${ds.loadedAt.slice(0, 16)} and reused` : ''}.`,
      '',
    );
    // An --only import run has no read scenarios.
    if (Object.keys(run.scenarios ?? {}).length) {
      lines.push(`Baseline, GET /auth/me (session lookup, no registry work): p50 ${run.baseline.p50} ms, p95 ${run.baseline.p95} ms.`, '');
      lines.push('| scenario | p50 ms | p95 ms | p99 ms | n | errors | floor p50 ms | floor p95 ms | ratio p50 (p95) |', '|---|---|---|---|---|---|---|---|---|');
      for (const [, sc] of Object.entries(run.scenarios as Record<string, ScenarioResult>)) {
        lines.push(`| ${sc.what} | ${sc.http.p50} | ${sc.http.p95} | ${sc.http.p99} | ${sc.http.n} | ${sc.http.errors} | ${sc.floor.p50} | ${sc.floor.p95} | ${sc.ratioP50}× (${sc.ratioP95}×) |`);
      }
      lines.push('');
    }
    if (run.mixed) {
      const m = run.mixed;
      lines.push(`Mixed read load (list/search/detail mix, ${m.connections} connections, ${m.seconds} s): ${m.requests.toLocaleString('en')} requests, ${m.throughput} req/s, errors ${m.errors}, timeouts ${m.timeouts}, non-2xx ${m.non2xx}; p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms, max ${m.max} ms.`, '');
    }
    if (run.export) {
      const e = run.export;
      lines.push(`Export (${e.filter}, ${e.rows ?? '?'} rows, ${e.status}): ${e.seconds} s end to end (job ${e.jobSeconds} s, file ${e.fileBytes ? Math.round(e.fileBytes / 1e6 * 10) / 10 : '?'} MB); floor (its SQL in-process, no spreadsheet) ${e.floorSeconds} s → ${e.ratio}×; server peak RSS ${e.serverPeakRssMb} MB.${e.error ? ` Error: ${e.error}` : ''}`, '');
    }
    const importLines = (label: string, i: any) => {
      lines.push(
        `${label} (${i.rows.toLocaleString('en')} rows: ${i.newRows.toLocaleString('en')} new, ${i.linkRows.toLocaleString('en')} existing IDs; ${Math.round(i.fileBytes / 1e5) / 10} MB .xlsx): **${i.status}**, ${i.seconds} s end to end (upload + preview ${i.phases.uploadAndPreview ?? '?'} s, commit job ${i.phases.job ?? '?'} s${i.phases.jobRanAsRecorded !== undefined ? `, of which the job ran ${i.phases.jobRanAsRecorded} s by its own timestamps` : ''}); ` +
          `floor (bare readWorkbook parse) ${i.floorParseSeconds} s → ${i.ratio}×; server peak RSS ${i.serverPeakRssMb} MB.${i.result ? ` Result: ${i.result.created} created, ${i.result.linked} linked, ${i.result.flagged} flagged.` : ''}${i.error ? ` Error: ${i.error}.` : ''} Job polls: ${i.jobPolls ?? '?'}, of which 503 'busy': ${i.jobPolls503 ?? 0}.`,
        '',
      );
      if (i.readsDuringJob) lines.push(`Reads while the commit job ran (another staff session on a second connection: list page 1 and a random person's detail, alternately, 200 ms apart): ${i.readsDuringJob.n} requests, p50 ${i.readsDuringJob.p50} ms, p95 ${i.readsDuringJob.p95} ms, max ${i.readsDuringJob.max} ms, statuses ${JSON.stringify(i.readsDuringJob.statuses)}.`, '');
      if (i.stall) lines.push(`The server did nothing (no CPU, no I/O) for 3 minutes ${i.stall.afterSeconds} s after the upload began, with the job unfinished; /healthz answered ${i.stall.healthz}, /readyz (needs the database): ${i.stall.readyz}.`, '');
      if (i.cli) lines.push(`The same import through \`tongxin import\`, server stopped: exit ${i.cli.exitCode}, ${i.cli.seconds} s, peak RSS ${i.cli.peakRssMb} MB.`, '');
      if (i.floorRowsWithReplacementChar) lines.push(`readWorkbook returned ${i.floorRowsWithReplacementChar} rows containing U+FFFD (a Chinese character split across a stream chunk boundary), although the file itself is intact.`, '');
    };
    if (run.import) importLines(run.import.readsDuringJob ? 'Import via HTTP while another user reads' : 'Import via HTTP, the importing user alone', run.import);
    if (run.importWithReads) importLines('Import via HTTP while another user reads', run.importWithReads);
    if (run.importCli) {
      const c = run.importCli;
      lines.push(`Import engine alone: the same file through \`tongxin import\` (createDraft → previewDraft → runImport, as the routes and the job call them), no server running, fresh copy: exit ${c.exitCode}, ${c.seconds} s including process start, peak RSS ${c.peakRssMb} MB${c.rows ? `, ${c.rows.created} created, ${c.rows.linked} linked` : ''}${c.alreadyImported ? ' (already imported!)' : ''}.`, '');
    }
    if (run.indexExperiment) {
      const x = run.indexExperiment;
      lines.push(
        `Index experiment (after the imports, server stopped): the rare-value list (ethnicity=03) takes ${x.before.rare.ms.join(' / ')} ms as the schema stands [${x.before.rare.plan}]; with \`create index … on persons (ethnicity)\` + ANALYZE (${x.indexAndAnalyzeSeconds} s) ${x.after.rare.ms.join(' / ')} ms [${x.after.rare.plan}], while the common value (01) stays ${x.after.common.ms.join(' / ')} ms [${x.after.common.plan}].`,
        '',
      );
    }
    if (run.diagnosis?.length) {
      lines.push('Diagnosis: the statement as the server writes it vs the rewrites proposed in the report, run directly on this database (ms per run; the plan lines that touch persons):', '');
      lines.push('| statement | as written: ms | plan | proposed rewrite | ms | plan |', '|---|---|---|---|---|---|');
      for (const d of run.diagnosis) {
        const entries = Object.entries(d.proposed as Record<string, { ms: number[]; rows: number; plan: string }>);
        if (!entries.length) lines.push(`| ${d.what} | ${(d.current.ms as number[]).join(' / ')} | ${d.current.plan} | (no rewrite applies) | | |`);
        entries.forEach(([name, p], i) => {
          const cur = i === 0 ? `${(d.current.ms as number[]).join(' / ')} | ${d.current.plan}` : ' | ';
          lines.push(`| ${i === 0 ? d.what : ''} | ${cur} | ${name} | ${p.ms.join(' / ')} | ${p.plan} |`);
        });
      }
      lines.push('');
    }
    const slow = Object.values(run.scenarios as Record<string, ScenarioResult>).filter((sc) => sc.http.p95 > 50 && sc.http.slowest?.path);
    if (slow.length) {
      lines.push('Slowest single request of each scenario with p95 over 50 ms:', '');
      for (const sc of slow) lines.push(`- ${sc.what}: ${sc.http.slowest!.ms} ms, \`${sc.http.slowest!.path}\``);
      lines.push('');
    }
    lines.push(...targetLines(run), '');
    for (const n of run.notes ?? []) lines.push(`- ${n}`);
    if (run.notes?.length) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

main().catch((err) => {
  process.stderr.write(`registry bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
