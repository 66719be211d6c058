import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { errorMessage, isErrorKey, type ErrorKey } from '../../common/src/i18n/errors.js';
import { DEFAULT_LOCALE } from '../../common/src/i18n/locale.js';
import type { Config } from './config.js';
import { openDatabase, openSqlite, type Database } from './db/database.js';
import { isMigrated, migrateToLatest } from './db/migrate.js';
import { collectRouteAccess, registerAccessHooks, type RouteAccess } from './platform/access.js';
import { AppError } from './platform/errors.js';
import { JobWorker } from './platform/jobs.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { registerSetupRoutes } from './modules/setup/setup.routes.js';
import { registerUnitRoutes } from './modules/units/units.routes.js';
import { registerUserRoutes } from './modules/users/users.routes.js';
import { registerRoleRoutes } from './modules/roles/roles.routes.js';
import { registerAuditRoutes } from './modules/audit/audit.routes.js';
import { registerJobRoutes } from './modules/jobs/jobs.routes.js';
import { syncBuiltInRoles } from './modules/roles/roles.repository.js';
import { registerWorkbenchRoutes } from './modules/workbench/workbench.routes.js';
import { registerPersonRoutes } from './modules/persons/persons.routes.js';
import { registerSavedViewRoutes } from './modules/saved-views/saved-views.routes.js';
import { registerFileRoutes } from './modules/files/files.routes.js';
import { registerImportRoutes } from './modules/imports/imports.routes.js';
import { registerConsolidationRoutes } from './modules/consolidation/consolidation.routes.js';
import { registerSurveyRoutes } from './modules/surveys/surveys.routes.js';
import { cipherFor, type PersonalDataCipher } from './platform/personal-data.js';

export interface AppDeps {
  config: Config;
  database: Database;
  worker: JobWorker;
  /** Encrypts and blind-indexes resident IDs and mobiles (key from the data directory's key file). */
  cipher: PersonalDataCipher;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    routeAccess: RouteAccess[];
  }
}

export type App = FastifyInstance;

export interface BuildAppOptions {
  config: Config;
  /** An already-open database (tests share one per file); otherwise opened from config. */
  database?: Database;
  logger?: boolean;
  /** Start the background job worker (the server does; tests drain jobs explicitly). */
  startWorker?: boolean;
  migrate?: boolean;
}

/** Modules register their routes here, in menu order. */
const MODULES = [
  registerSetupRoutes,
  registerAuthRoutes,
  registerWorkbenchRoutes,
  registerPersonRoutes,
  registerImportRoutes,
  registerConsolidationRoutes,
  registerSurveyRoutes,
  registerUnitRoutes,
  registerUserRoutes,
  registerRoleRoutes,
  registerAuditRoutes,
  registerJobRoutes,
  registerSavedViewRoutes,
  registerFileRoutes,
];

export async function buildApp(opts: BuildAppOptions): Promise<App> {
  const { config } = opts;
  const database = opts.database ?? openDatabase(config);
  if (opts.migrate !== false) {
    await migrateToLatest(database.db);
    await syncBuiltInRoles(database.db);
  }

  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
            // Log the path only: query strings may carry search terms with personal data.
            serializers: {
              req: (req) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
            },
          },
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TONGXIN_TRUST_PROXY === 'true',
    // Refused during shutdown by our own hook below, so the 503 speaks the API's error format.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const cipher = cipherFor(config.dataDir);
  // On SQLite, jobs get a connection of their own: a long import transaction then holds only that
  // one, and requests keep reading (WAL) on the main connection meanwhile.
  const jobDatabase = database.dialect === 'sqlite' && database.sqlitePath ? openSqlite(database.sqlitePath) : null;
  if (jobDatabase) {
    // Both connections live on this one thread: waiting for the other's lock (SQLite's busy wait
    // sleeps the thread) cannot help and would freeze the process. A request that meets the
    // job's lock is answered 'busy' at once; the job retries its start asynchronously.
    database.sqlite?.pragma('busy_timeout = 0');
    jobDatabase.sqlite?.pragma('busy_timeout = 0');
  }
  const worker = new JobWorker((jobDatabase ?? database).db, app.log, cipher);
  app.decorate('deps', { config, database, worker, cipher });
  app.decorate('routeAccess', collectRouteAccess(app));

  // Dynamic responses (the API) are gzipped on the fly; the web app's files are compressed once at
  // build time and served pre-compressed (see serveWebApp).
  await app.register(compress, { global: true, encodings: ['gzip'], threshold: 2048 });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its CSS-in-JS into style tags.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        scriptSrc: ["'self'"],
        // District intranets often serve plain HTTP: upgrading would break every asset there.
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: true,
    max: config.apiRateLimit,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => new AppError(429, 'rateLimited', { seconds: Math.ceil(ctx.ttl / 1000) }),
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Tongxin API', version: '1', description: 'JSON over HTTP. Errors are `{ code, message, fields? }` with the message in the caller\'s language (Accept-Language).' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tx_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // While shutting down: new requests get 503, in-flight ones finish with `Connection: close` so
  // keep-alive sockets end with them and the process exits as soon as the last one is answered.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    if (closing) throw new AppError(503, 'unavailable');
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  registerAccessHooks(app, database.db, config);
  setErrorHandlers(app);

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      const ready = await isMigrated(database.db);
      if (!ready) return reply.code(503).send({ status: 'migrations pending' });
      return { status: 'ready', database: database.dialect };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });

  await app.register(
    async (api) => {
      for (const register of MODULES) await register(api as unknown as App);
    },
    { prefix: '/api/v1' },
  );

  await serveWebApp(app, config.webDir);

  app.addHook('onReady', async () => {
    if (opts.startWorker) worker.start();
  });
  app.addHook('onClose', async () => {
    await worker.stop();
    if (jobDatabase) await jobDatabase.close();
    if (!opts.database) await database.close();
  });

  await app.ready();
  return app as unknown as App;
}

function setErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const locale = request.ctx?.locale ?? DEFAULT_LOCALE;
    const send = (status: number, key: ErrorKey, params?: Record<string, string | number>, fields?: Record<string, string>) =>
      reply.code(status).send({ code: key, message: errorMessage(locale, key, params), requestId: request.id, ...(fields ? { fields } : {}) });

    if (error instanceof AppError) {
      const fields = error.fields
        ? Object.fromEntries(Object.entries(error.fields).map(([f, e]) => [f, errorMessage(locale, e.key, e.params)]))
        : undefined;
      return send(error.status, error.key, error.params, fields);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      // zod does not report the offending input; messages such as "unknown permission: {value}" take it from the request.
      const context = (error as { validationContext?: string }).validationContext;
      const data: unknown = context === 'querystring' ? request.query : context === 'params' ? request.params : context === 'headers' ? undefined : request.body;
      for (const issue of error.validation) {
        const field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_';
        if (!fields[field]) fields[field] = fieldMessage(locale, issue, valueAt(data, issue.instancePath));
      }
      return send(400, 'validation', undefined, fields);
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status === 413) return send(413, 'bodyTooLarge');
    if (status === 415) return send(415, 'unsupportedMediaType');
    if (status === 429) return send(429, 'rateLimited');
    // SQLite's single writer is busy (a large import committing): a retry shortly will succeed.
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return send(503, 'busy');
    if (status >= 400 && status < 500) return send(status, 'badRequest');
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'internal', { requestId: request.id });
  });

  app.setNotFoundHandler((request, reply) => {
    const locale = request.ctx?.locale ?? DEFAULT_LOCALE;
    reply.code(404).send({ code: 'routeNotFound', message: errorMessage(locale, 'routeNotFound'), requestId: request.id });
  });
}

interface ValidationIssue {
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The scalar submitted at a JSON-pointer-like path (`/permissions/1`), shortened, for messages that quote it. */
function valueAt(data: unknown, path: string): string {
  let value = data;
  for (const key of path.split('/').filter(Boolean)) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value).slice(0, 64) : '';
}

/** Turns one zod issue into a message in the user's language, using our catalog keys. */
function fieldMessage(locale: typeof DEFAULT_LOCALE | 'en-US', issue: ValidationIssue, submitted = ''): string {
  const p = issue.params ?? {};
  const min = Number(p.minimum ?? 0);
  const max = Number(p.maximum ?? 0);
  if (issue.message && isErrorKey(issue.message)) return errorMessage(locale, issue.message, { min, max, value: p.input !== undefined ? String(p.input) : submitted });
  switch (issue.keyword) {
    case 'invalid_type':
      return errorMessage(locale, /undefined/.test(issue.message ?? '') ? 'field.required' : 'field.invalid');
    case 'too_small':
      if (p.origin === 'string') return errorMessage(locale, min <= 1 ? 'field.required' : 'field.tooShort', { min });
      if (p.origin === 'array') return errorMessage(locale, 'field.required');
      return errorMessage(locale, 'field.tooSmall', { min });
    case 'too_big':
      return errorMessage(locale, p.origin === 'string' ? 'field.tooLong' : 'field.tooBig', { max });
    case 'invalid_value':
    case 'invalid_enum_value':
      return errorMessage(locale, 'field.invalidChoice');
    default:
      return errorMessage(locale, 'field.invalid');
  }
}

/** Serves the built web app with a fallback to index.html for client-side routes. */
async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const candidates = [webDir, join(process.cwd(), 'dist/web')];
  const dir = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!dir) {
    app.log.warn('web app not built (run npm run build); serving the API only');
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    // Vite puts content-hashed files under /assets: cache them for good; everything else revalidates.
    setHeaders: (res, path) => {
      res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) {
      const locale = request.ctx?.locale ?? DEFAULT_LOCALE;
      return reply.code(404).send({ code: 'routeNotFound', message: errorMessage(locale, 'routeNotFound'), requestId: request.id });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
