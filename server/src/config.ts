import { resolve } from 'node:path';

// Every way of starting Tongxin (npm start, the CLI, tests, the demo) reads its settings here.
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… to use PostgreSQL; otherwise the embedded SQLite file in dataDir. */
  databaseUrl: string | null;
  /** SQLite file name inside dataDir. */
  sqliteFile: string;
  logLevel: string;
  /** Requests per minute per IP for the login endpoint and for the API as a whole. */
  loginRateLimit: number;
  apiRateLimit: number;
  /** Secure cookies need HTTPS; on by default when NODE_ENV=production. */
  secureCookies: boolean;
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  runWorker: boolean;
  webDir: string;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    port: intEnv(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.TONGXIN_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    sqliteFile: 'tongxin.db',
    logLevel: env.LOG_LEVEL || 'info',
    loginRateLimit: intEnv(env, 'TONGXIN_LOGIN_RATE_LIMIT', 30),
    apiRateLimit: intEnv(env, 'TONGXIN_API_RATE_LIMIT', 1200),
    secureCookies: env.TONGXIN_SECURE_COOKIES ? env.TONGXIN_SECURE_COOKIES === 'true' : env.NODE_ENV === 'production',
    idleTimeoutMinutes: intEnv(env, 'TONGXIN_IDLE_TIMEOUT_MINUTES', 30),
    absoluteTimeoutHours: intEnv(env, 'TONGXIN_ABSOLUTE_TIMEOUT_HOURS', 12),
    runWorker: env.TONGXIN_WORKER !== 'false',
    webDir: resolve(env.TONGXIN_WEB_DIR || new URL('../../dist/web', import.meta.url).pathname),
    ...overrides,
  };
}
