import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { openPostgres, openSqlite, type Database, type DialectName } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { syncBuiltInRoles } from '../modules/roles/roles.repository.js';
import { DEMO_PASSWORD, seedDemo } from '../cli/seed-demo.js';
import { seedPersons } from '../cli/seed-persons.js';
import { cipherFor } from '../platform/personal-data.js';

// API tests run through buildApp() against a real database: always SQLite, and PostgreSQL too
// when TEST_DATABASE_URL is set (CI sets it). Each test file gets its own database (a temp SQLite
// file, or a fresh PostgreSQL schema), loaded with the demo district.

export const DIALECTS: DialectName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
export { DEMO_PASSWORD };

export interface TestEnv {
  app: App;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

export async function openTestDatabase(dialect: DialectName): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tongxin-test-'));
    const database = openSqlite(join(dir, 'test.db'));
    return { database, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const sep = url.includes('?') ? '&' : '?';
  const database = openPostgres(`${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`);
  return {
    database,
    cleanup: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export async function createTestEnv(dialect: DialectName, opts: { seed?: boolean; persons?: number; config?: Partial<Config> } = {}): Promise<TestEnv> {
  const { database, cleanup } = await openTestDatabase(dialect);
  await migrateToLatest(database.db);
  await syncBuiltInRoles(database.db);
  // Each test file has its own data directory, so its own personal-data key file.
  const dataDir = mkdtempSync(join(tmpdir(), 'tongxin-data-'));
  const config = loadConfig({}, { dataDir, loginRateLimit: 10_000, apiRateLimit: 100_000, webDir: '/nonexistent', ...opts.config });
  if (opts.seed !== false) await seedDemo(database.db);
  if (opts.persons) await seedPersons(database.db, cipherFor(config.dataDir), opts.persons);
  const app = await buildApp({ config, database, logger: false });
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
      await cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A browser-like API client: keeps the session cookie and sends the CSRF token. */
export class TestClient {
  private cookie = '';
  csrfToken = '';
  constructor(private readonly app: App, private readonly locale = 'zh-CN') {}

  async request<T = any>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await this.app.inject({
      method,
      url: url.startsWith('/api') || url.startsWith('/healthz') || url.startsWith('/readyz') ? url : `/api/v1${url}`,
      headers: {
        'accept-language': this.locale,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body as object } : method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
    });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(';');
      if (pair?.startsWith('tx_sid=')) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      /* not JSON (CSV export) */
    }
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }

  /** Posts a file's raw bytes, as the import wizard does. */
  async upload<T = any>(url: string, bytes: Buffer): Promise<Reply<T>> {
    return this.request<T>('POST', url, bytes, { 'content-type': 'application/octet-stream' });
  }

  /** A GET whose body is a file: the raw bytes and headers. */
  async download(url: string): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
    const res = await this.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { 'accept-language': this.locale, ...(this.cookie ? { cookie: this.cookie } : {}) } });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body);
  }
  patch<T = any>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  put<T = any>(url: string, body: unknown) {
    return this.request<T>('PUT', url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }

  async login(username: string, password = DEMO_PASSWORD, totp?: string): Promise<Reply> {
    const res = await this.post('/auth/login', { username, password, ...(totp ? { totp } : {}) });
    if (res.status === 200) this.csrfToken = res.body.csrfToken;
    return res;
  }
}

/** Logs in and fails the test loudly if that does not work. */
export async function loggedIn(app: App, username: string, locale = 'zh-CN'): Promise<TestClient> {
  const client = new TestClient(app, locale);
  const res = await client.login(username);
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}
