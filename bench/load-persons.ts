// Bulk loader for the registry benchmark: writes N synthetic persons exactly as `createPerson` would
// (same columns, same derived values: SM4-encrypted ID and mobile, HMAC-SM3 blind indexes, masked
// copies, pinyin sort key, search terms, person_groups/person_tags rows, organisations deduplicated
// by their normalised name) but fast: raw better-sqlite3 prepared statements in large transactions
// on SQLite, multi-row `INSERT … SELECT FROM unnest(…)` batches on PostgreSQL. Secondary indexes are
// dropped during the load and rebuilt from their own definitions afterwards, then ANALYZE.
//
// Two deliberate differences from `seedPersons`, both stated in the results:
//   - field history: one 'name' row per person (createPerson writes one row per filled field, ~15);
//   - created_at/updated_at: spread deterministically over three years (seedPersons stamps every row
//     with the same instant, which no real registry looks like and which would make the default
//     "updated desc" sort degenerate into id order).
//
// Standalone: node --import tsx bench/load-persons.ts --persons 20000 [--db sqlite|postgres] [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { maskMobile } from '../common/src/validation/mobile.js';
import { maskResidentId } from '../common/src/validation/resident-id.js';
import { synthToWrite } from '../server/src/cli/seed-persons.js';
import { organisationKey, owningUnit, type PersonWrite } from '../server/src/modules/persons/person-writer.js';
import { nameSortKey, personSearchTerms } from '../server/src/modules/persons/search-terms.js';
import { PersonalDataCipher, FileKeyProvider } from '../server/src/platform/personal-data.js';
import { generatePersons } from '../server/src/synth/persons.js';

/** Bump when what the loader writes changes, so cached datasets are rebuilt. */
export const LOADER_VERSION = 1;
export const DATASET_SEED = 2026; // the demo's seed (seedPersons' default)
const ACTOR_NAME = 'system:seed-demo';

export interface LoadStats {
  persons: number;
  organisations: number;
  searchTerms: number;
  seconds: number;
  /** of which: deriving values in JS (generator, pinyin, SM4, HMAC-SM3) */
  deriveSeconds: number;
  /** of which: rebuilding the secondary indexes after the load */
  indexSeconds: number;
  analyzeSeconds: number;
  perSecond: number;
  seedDemoSeconds: number;
}

export interface Manifest {
  loaderVersion: number;
  seed: number;
  persons: number;
  dialect: 'sqlite' | 'postgres';
  loadedAt: string;
  stats: LoadStats;
  dbBytes?: number;
}

// ---------------------------------------------------------------------------------------------
// What createPerson writes, as plain rows

export interface DerivedPerson {
  id: number;
  /** persons columns, in PERSON_COLUMNS order */
  row: unknown[];
  org: { key: string; name: string; kind: string | null; industry: string | null } | null;
  groups: [string, string][];
  tags: string[];
  terms: string[];
  name: string;
  at: string;
}

export const PERSON_COLUMNS = [
  'id', 'name', 'former_names', 'pen_name', 'sort_name', 'gender', 'ethnicity', 'birth_date',
  'resident_id_enc', 'resident_id_bidx', 'resident_id_tail_bidx', 'resident_id_masked', 'resident_id_valid',
  'mobile_enc', 'mobile_bidx', 'mobile_tail_bidx', 'mobile_masked',
  'political', 'political2', 'party_join_date', 'party2_join_date', 'education', 'degree', 'school', 'major',
  'organisation_id', 'post', 'title', 'qualification', 'groups',
  'work_town_id', 'work_community_id', 'residence_town_id', 'residence_community_id', 'unit_id',
  'tags', 'rep_level', 'status', 'notes', 'version', 'created_at', 'updated_at',
] as const;
const INT_COLUMNS = new Set(['id', 'resident_id_valid', 'organisation_id', 'work_town_id', 'work_community_id', 'residence_town_id', 'residence_community_id', 'unit_id', 'version']);
const ORG_COLUMN = PERSON_COLUMNS.indexOf('organisation_id');

const THREE_YEARS_MS = 3 * 365 * 86_400_000;
const NEWEST = Date.parse('2026-11-20T09:00:00.000Z');

/** A deterministic, well-spread timestamp for person i (the same on both databases). */
export function timestampOf(i: number): string {
  let h = Math.imul(i + 1, 0x9e3779b1) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  const ms = Math.floor((h / 0x1_0000_0000) * THREE_YEARS_MS);
  return new Date(NEWEST - ms).toISOString();
}

const nameCache = new Map<string, { sort: string; terms: string[] }>();
function nameDerived(name: string) {
  let hit = nameCache.get(name);
  if (!hit) {
    hit = { sort: nameSortKey(name), terms: [...new Set(personSearchTerms([name, '', '']))] };
    if (nameCache.size < 2_000_000) nameCache.set(name, hit);
  }
  return hit;
}

/** The same values createPerson computes (person-writer.ts), for one writer input. */
export function derive(cipher: PersonalDataCipher, id: number, v: PersonWrite, fallbackUnitId: number, at: string): DerivedPerson {
  const rid = v.residentId ?? null;
  const mobile = v.mobile ?? null;
  const names = nameDerived(v.name);
  const groups = new Map<string, [string, string]>();
  for (const code of v.groups) {
    const [group] = code.split('.');
    const sub = code.includes('.') ? code : '';
    groups.set(`${group}|${sub}`, [group!, sub]);
  }
  const row: unknown[] = [
    id,
    v.name,
    v.formerNames,
    v.penName,
    names.sort,
    v.gender,
    v.ethnicity,
    v.birthDate ?? '',
    rid ? cipher.encrypt(rid.value) : null,
    rid ? cipher.blindIndex('residentId', rid.value) : null,
    rid ? cipher.blindIndex('residentIdTail', rid.value.slice(-6)) : null,
    rid ? maskResidentId(rid.value) : null,
    rid ? (rid.valid ? 1 : 0) : 0,
    mobile ? cipher.encrypt(mobile) : null,
    mobile ? cipher.blindIndex('mobile', mobile) : null,
    mobile ? cipher.blindIndex('mobileTail', mobile.slice(-4)) : null,
    mobile ? maskMobile(mobile) : null,
    v.political,
    v.political2,
    v.partyJoinDate,
    v.party2JoinDate,
    v.education,
    v.degree,
    v.school,
    v.major,
    null, // organisation_id, filled in once the organisation has its id
    v.post,
    v.title,
    v.qualification,
    JSON.stringify(v.groups),
    v.workTownId,
    v.workCommunityId,
    v.residenceTownId,
    v.residenceCommunityId,
    owningUnit(v, fallbackUnitId),
    JSON.stringify(v.tags),
    v.repLevel,
    v.status,
    v.notes,
    1,
    at,
    at,
  ];
  return {
    id,
    row,
    org: v.employer ? { key: organisationKey(v.employer.name), name: v.employer.name, kind: v.employer.kind, industry: v.employer.industry } : null,
    groups: [...groups.values()],
    tags: [...new Set(v.tags)],
    terms: names.terms,
    name: v.name,
    at,
  };
}

// ---------------------------------------------------------------------------------------------
// Shared driver

interface Sink {
  organisations(rows: { id: number; name: string; key: string; kind: string | null; industry: string | null; at: string }[]): Promise<void> | void;
  persons(batch: DerivedPerson[]): Promise<void> | void;
}

async function drive(count: number, seed: number, cipher: PersonalDataCipher, unitIdByCode: Map<string, number>, rootId: number, sink: Sink, log: (s: string) => void) {
  const orgIds = new Map<string, number>();
  let nextOrg = 1;
  let terms = 0;
  let deriveMs = 0;
  const batchSize = 10_000;
  let batch: DerivedPerson[] = [];
  let newOrgs: Parameters<Sink['organisations']>[0] = [];
  const started = Date.now();
  const flush = async () => {
    if (newOrgs.length) await sink.organisations(newOrgs);
    if (batch.length) await sink.persons(batch);
    batch = [];
    newOrgs = [];
  };
  let t = performance.now();
  for (const p of generatePersons(seed, count)) {
    const id = p.index + 1;
    const d = derive(cipher, id, synthToWrite(p, unitIdByCode), rootId, timestampOf(p.index));
    if (d.org) {
      let orgId = orgIds.get(d.org.key);
      if (orgId === undefined) {
        orgId = nextOrg++;
        orgIds.set(d.org.key, orgId);
        newOrgs.push({ id: orgId, name: d.org.name, key: d.org.key, kind: d.org.kind, industry: d.org.industry, at: d.at });
      }
      d.row[ORG_COLUMN] = orgId;
    }
    terms += d.terms.length;
    batch.push(d);
    if (batch.length === batchSize) {
      deriveMs += performance.now() - t;
      await flush();
      t = performance.now();
      if (id % 100_000 === 0) log(`  ${id.toLocaleString('en')} persons, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  deriveMs += performance.now() - t;
  await flush();
  return { organisations: orgIds.size, searchTerms: terms, deriveSeconds: deriveMs / 1000 };
}

/** The org tree and accounts, by `cli` (the server bundle the benchmark runs, so its migrations match). */
function seedDemo(dataDir: string, databaseUrl: string | null, cli = 'dist/cli.js'): number {
  const t = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, TONGXIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const res = spawnSync(process.execPath, [cli, 'seed-demo', '--persons', '0', '--json'], { env, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`seed-demo failed: ${res.stdout}${res.stderr}`);
  return (Date.now() - t) / 1000;
}

export function cipherOf(dataDir: string): PersonalDataCipher {
  return new PersonalDataCipher(new FileKeyProvider(join(dataDir, 'tongxin.key')));
}

// ---------------------------------------------------------------------------------------------
// SQLite

const CHILD_TABLES = ['persons', 'person_groups', 'person_tags', 'person_search_terms', 'person_field_history', 'organisations'];

export async function loadSqlite(dataDir: string, count: number, seed = DATASET_SEED, log: (s: string) => void = () => {}, cli?: string): Promise<Manifest> {
  const started = Date.now();
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const seedDemoSeconds = seedDemo(dataDir, null, cli);
  const file = join(dataDir, 'tongxin.db');
  const db = new SQLite(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('temp_store = MEMORY');
  const cipher = cipherOf(dataDir);
  const units = db.prepare('select id, code from units where code is not null').all() as { id: number; code: string }[];
  const root = db.prepare('select id from units where parent_id is null').get() as { id: number };
  const unitIdByCode = new Map(units.map((u) => [u.code, u.id]));

  // Secondary indexes are rebuilt from their own definitions after the load.
  const indexes = db
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${CHILD_TABLES.map(() => '?').join(',')})`)
    .all(...CHILD_TABLES) as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`drop index "${ix.name}"`);

  const insPerson = db.prepare(`insert into persons (${PERSON_COLUMNS.join(', ')}) values (${PERSON_COLUMNS.map(() => '?').join(', ')})`);
  const insOrg = db.prepare('insert into organisations (id, name, name_key, uscc, kind, industry, created_at, updated_at) values (?, ?, ?, null, ?, ?, ?, ?)');
  const insGroup = db.prepare('insert into person_groups (person_id, group_code, sub_group_code) values (?, ?, ?)');
  const insTag = db.prepare('insert into person_tags (person_id, tag) values (?, ?)');
  const insTerm = db.prepare('insert into person_search_terms (term, person_id) values (?, ?)');
  const insHistory = db.prepare('insert into person_field_history (person_id, field, old_value, new_value, source_record_id, actor_id, actor_name, at) values (?, ?, null, ?, null, null, ?, ?)');

  const writeOrgs = db.transaction((rows: Parameters<Sink['organisations']>[0]) => {
    for (const o of rows) insOrg.run(o.id, o.name, o.key, o.kind, o.industry, o.at, o.at);
  });
  const writePersons = db.transaction((batch: DerivedPerson[]) => {
    for (const d of batch) {
      insPerson.run(...d.row);
      for (const [g, s] of d.groups) insGroup.run(d.id, g, s);
      for (const tag of d.tags) insTag.run(d.id, tag);
      for (const term of d.terms) insTerm.run(term, d.id);
      insHistory.run(d.id, 'name', d.name, ACTOR_NAME, d.at);
    }
  });
  const driven = await drive(count, seed, cipher, unitIdByCode, root.id, { organisations: writeOrgs, persons: writePersons }, log);

  log('  rebuilding indexes');
  let t = Date.now();
  for (const ix of indexes) db.exec(ix.sql);
  const indexSeconds = (Date.now() - t) / 1000;
  t = Date.now();
  db.exec('analyze');
  const analyzeSeconds = (Date.now() - t) / 1000;
  db.pragma('journal_mode = WAL');
  db.close();

  const seconds = (Date.now() - started) / 1000;
  const manifest: Manifest = {
    loaderVersion: LOADER_VERSION,
    seed,
    persons: count,
    dialect: 'sqlite',
    loadedAt: new Date().toISOString(),
    stats: { persons: count, organisations: driven.organisations, searchTerms: driven.searchTerms, seconds: round(seconds), deriveSeconds: round(driven.deriveSeconds), indexSeconds: round(indexSeconds), analyzeSeconds: round(analyzeSeconds), perSecond: Math.round(count / seconds), seedDemoSeconds: round(seedDemoSeconds) },
    dbBytes: statSync(file).size,
  };
  writeFileSync(join(dataDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The loaded SQLite dataset for `count` persons, built once and kept under bench/tmp/ (gitignored). */
export async function ensureSqliteDataset(count: number, opts: { force?: boolean; log?: (s: string) => void; cli?: string } = {}): Promise<{ dir: string; manifest: Manifest; reused: boolean }> {
  const dir = resolve('bench/tmp', `registry-sqlite-${count}`);
  const manifestFile = join(dir, 'manifest.json');
  if (!opts.force && existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (m.loaderVersion === LOADER_VERSION && m.persons === count && m.seed === DATASET_SEED) return { dir, manifest: m, reused: true };
  }
  opts.log?.(`Loading ${count.toLocaleString('en')} persons into SQLite (${dir})`);
  const manifest = await loadSqlite(dir, count, DATASET_SEED, opts.log, opts.cli);
  return { dir, manifest, reused: false };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

export async function loadPostgres(databaseUrl: string, dataDir: string, count: number, seed = DATASET_SEED, log: (s: string) => void = () => {}, cli?: string): Promise<Manifest> {
  const started = Date.now();
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const seedDemoSeconds = seedDemo(dataDir, databaseUrl, cli);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('set synchronous_commit = off');
    await client.query("set maintenance_work_mem = '512MB'");
    const cipher = cipherOf(dataDir);
    const units = (await client.query<{ id: number; code: string }>('select id, code from units where code is not null')).rows;
    const root = (await client.query<{ id: number }>('select id from units where parent_id is null')).rows[0]!;
    const unitIdByCode = new Map(units.map((u) => [u.code, u.id]));

    // Plain (non-constraint) indexes are dropped and rebuilt from pg_indexes' own definitions.
    const indexes = (
      await client.query<{ indexname: string; indexdef: string }>(
        `select i.indexname, i.indexdef from pg_indexes i
         where i.schemaname = current_schema() and i.tablename = any($1)
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
        [CHILD_TABLES],
      )
    ).rows;
    for (const ix of indexes) await client.query(`drop index "${ix.indexname}"`);

    const personTypes = PERSON_COLUMNS.map((c) => (INT_COLUMNS.has(c) ? 'int[]' : 'text[]'));
    const personSql = `insert into persons (${PERSON_COLUMNS.join(', ')}) select * from unnest(${personTypes.map((t, i) => `$${i + 1}::${t}`).join(', ')})`;
    const sink: Sink = {
      organisations: async (rows) => {
        await client.query(
          'insert into organisations (id, name, name_key, uscc, kind, industry, created_at, updated_at) select id, name, key, null, kind, industry, at, at from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(id, name, key, kind, industry, at)',
          [rows.map((o) => o.id), rows.map((o) => o.name), rows.map((o) => o.key), rows.map((o) => o.kind), rows.map((o) => o.industry), rows.map((o) => o.at)],
        );
      },
      persons: async (batch) => {
        await client.query('begin');
        for (let i = 0; i < batch.length; i += 5000) {
          const part = batch.slice(i, i + 5000);
          await client.query(personSql, PERSON_COLUMNS.map((_c, ci) => part.map((d) => d.row[ci])));
        }
        const g = batch.flatMap((d) => d.groups.map(([gc, sc]) => [d.id, gc, sc] as const));
        await client.query('insert into person_groups (person_id, group_code, sub_group_code) select * from unnest($1::int[], $2::text[], $3::text[])', [g.map((x) => x[0]), g.map((x) => x[1]), g.map((x) => x[2])]);
        const tg = batch.flatMap((d) => d.tags.map((tag) => [d.id, tag] as const));
        if (tg.length) await client.query('insert into person_tags (person_id, tag) select * from unnest($1::int[], $2::text[])', [tg.map((x) => x[0]), tg.map((x) => x[1])]);
        const tm = batch.flatMap((d) => d.terms.map((term) => [term, d.id] as const));
        await client.query('insert into person_search_terms (term, person_id) select * from unnest($1::text[], $2::int[])', [tm.map((x) => x[0]), tm.map((x) => x[1])]);
        await client.query(
          "insert into person_field_history (person_id, field, old_value, new_value, source_record_id, actor_id, actor_name, at) select p, 'name', null, n, null, null, $3, a from unnest($1::int[], $2::text[], $4::text[]) as t(p, n, a)",
          [batch.map((d) => d.id), batch.map((d) => d.name), ACTOR_NAME, batch.map((d) => d.at)],
        );
        await client.query('commit');
      },
    };
    const driven = await drive(count, seed, cipher, unitIdByCode, root.id, sink, log);
    for (const table of ['persons', 'organisations', 'person_field_history']) {
      await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`);
    }
    log('  rebuilding indexes');
    let t = Date.now();
    for (const ix of indexes) await client.query(ix.indexdef);
    const indexSeconds = (Date.now() - t) / 1000;
    t = Date.now();
    await client.query('vacuum analyze');
    const analyzeSeconds = (Date.now() - t) / 1000;
    const seconds = (Date.now() - started) / 1000;
    const dbBytes = Number((await client.query<{ n: string }>('select pg_database_size(current_database()) as n')).rows[0]!.n);
    const manifest: Manifest = {
      loaderVersion: LOADER_VERSION,
      seed,
      persons: count,
      dialect: 'postgres',
      loadedAt: new Date().toISOString(),
      stats: { persons: count, organisations: driven.organisations, searchTerms: driven.searchTerms, seconds: round(seconds), deriveSeconds: round(driven.deriveSeconds), indexSeconds: round(indexSeconds), analyzeSeconds: round(analyzeSeconds), perSecond: Math.round(count / seconds), seedDemoSeconds: round(seedDemoSeconds) },
      dbBytes,
    };
    writeFileSync(join(dataDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await client.end();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

// ---------------------------------------------------------------------------------------------

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { persons: { type: 'string', default: '20000' }, db: { type: 'string', default: 'sqlite' }, force: { type: 'boolean', default: false }, url: { type: 'string' } } });
  const count = Number(values.persons);
  const log = (s: string) => process.stdout.write(`${s}\n`);
  if (values.db === 'postgres') {
    const url = values.url ?? 'postgres://postgres@127.0.0.1:5432/tongxin_bench';
    const m = await loadPostgres(url, resolve('bench/tmp', `registry-pg-${count}`), count, DATASET_SEED, log);
    log(JSON.stringify(m, null, 2));
  } else {
    const { manifest, reused } = await ensureSqliteDataset(count, { force: values.force, log });
    log(`${reused ? 'reused' : 'loaded'}: ${JSON.stringify(manifest, null, 2)}`);
  }
}
