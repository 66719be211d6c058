import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { DB } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the database or a transaction: repositories accept both. */
export type Executor = Db | Trx;

export interface Database {
  db: Db;
  dialect: DialectName;
  /** For SQLite: the file, for backup; null on PostgreSQL. */
  sqlitePath: string | null;
  /** The raw better-sqlite3 handle (backup API, benchmarks' raw SQL floor); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  sqliteFile: string;
}

export function openDatabase(opts: DatabaseOptions): Database {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  mkdirSync(opts.dataDir, { recursive: true });
  return openSqlite(join(opts.dataDir, opts.sqliteFile));
}

export function openSqlite(path: string): Database {
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    sqlitePath: path,
    sqlite,
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every query anew; preparing costs as much as running a small statement. The
 * same SQL text reuses its prepared statement (least recently used dropped past `size`). Safe
 * because Kysely runs statements to completion (all/run), never leaving one mid-iteration.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source);
    } else {
      stmt = sqlite.prepare(source);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', sqlitePath: null, sqlite: null, close: () => db.destroy() };
}

export function nowIso(): string {
  return new Date().toISOString();
}

export const bool = (v: boolean): number => (v ? 1 : 0);

/** Dialect-specific SQL (row locks, SKIP LOCKED) asks this rather than threading a flag around. */
export function isPostgres(exec: Executor): boolean {
  return exec.getExecutor().adapter instanceof PostgresAdapter;
}
