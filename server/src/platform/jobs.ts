import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { isPostgres, nowIso, type Db, type Executor } from '../db/database.js';
import { systemActor, type Ctx } from './context.js';
import { actorForUser } from './sessions.js';
import { AppError } from './errors.js';
import type { PersonalDataCipher } from './personal-data.js';
import type { Permission } from '../../../common/src/permissions.js';

// A durable job table with an in-process worker. Several app processes may run against one
// PostgreSQL: each claims with FOR UPDATE SKIP LOCKED, so a job runs once. A job whose worker
// died (no heartbeat for STALE_MS) is queued again.

export interface JobContext<P> {
  id: number;
  payload: P;
  db: Db;
  /** The system handle jobs act with; its audit rows name the job kind. */
  ctx: Ctx;
  /** Reports progress (0..1) and a short message; throttled, cheap to call often. */
  progress(fraction: number, message?: string): Promise<void>;
  /**
   * The user who started the job, with their data scope and permissions as they are now, for jobs
   * that act on a user's behalf (exports, imports): the job then sees exactly what the user may.
   */
  asCreator(): Promise<Ctx>;
  /** The app's personal-data cipher (jobs that read or write IDs and mobiles). */
  cipher: PersonalDataCipher;
}

export type JobHandler<P = unknown, R = unknown> = (job: JobContext<P>) => Promise<R>;

const handlers = new Map<string, JobHandler<any, any>>();

/** Progress of the jobs running in this process, fresher than the table while a job is mid-transaction. */
const liveProgress = new Map<number, { progress: number; message: string | null }>();

export function liveProgressOf(jobId: number): { progress: number; message: string | null } | undefined {
  return liveProgress.get(jobId);
}

/** Job kinds whose progress every holder of a permission may follow (work on the whole registry, nothing personal in it). */
const sharedKinds = new Map<string, Permission>();

export function registerJobHandler<P, R>(kind: string, handler: JobHandler<P, R>, opts: { sharedWith?: Permission } = {}): void {
  handlers.set(kind, handler);
  if (opts.sharedWith) sharedKinds.set(kind, opts.sharedWith);
}

/** The permission that lets a user other than its starter see a job of this kind, if any. */
export function jobSharedWith(kind: string): Permission | undefined {
  return sharedKinds.get(kind);
}

export async function enqueueJob(exec: Executor, kind: string, payload: unknown, createdBy: number | null): Promise<number> {
  if (!handlers.has(kind)) throw new Error(`no handler registered for job kind ${kind}`);
  const row = await exec
    .insertInto('jobs')
    .values({ kind, status: 'queued', progress: 0, payload: JSON.stringify(payload ?? null), created_by: createdBy, created_at: nowIso(), attempts: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const STALE_MS = 5 * 60_000;
const HEARTBEAT_MS = 30_000;

export class JobWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly cipher: PersonalDataCipher,
    private readonly pollMs = 500,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops claiming new jobs and waits for the one in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs queued jobs until none is left (tests and the CLI use this instead of polling). */
  async drain(): Promise<void> {
    while (await this.runOne()) {
      /* keep going */
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, delay);
  }

  private async tick(): Promise<void> {
    let worked = false;
    try {
      await this.requeueStale();
      worked = await this.runOne();
    } catch (err) {
      this.log.error({ err }, 'job worker tick failed');
    }
    this.schedule(worked ? 0 : this.pollMs);
  }

  private async requeueStale(): Promise<void> {
    const staleBefore = new Date(Date.now() - STALE_MS).toISOString();
    await this.db
      .updateTable('jobs')
      .set({ status: 'queued', locked_by: null })
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', staleBefore)
      .execute();
  }

  private async claim(): Promise<{ id: number; kind: string; payload: string; created_by: number | null } | undefined> {
    const now = nowIso();
    if (isPostgres(this.db)) {
      const res = await sql<{ id: number; kind: string; payload: string; created_by: number | null }>`
        UPDATE jobs SET status = 'running', locked_by = ${this.workerId}, started_at = COALESCE(started_at, ${now}),
               heartbeat_at = ${now}, attempts = attempts + 1
        WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id, kind, payload, created_by`.execute(this.db);
      return res.rows[0];
    }
    // SQLite has one writer at a time; the conditional update makes the claim atomic.
    return this.db.transaction().execute(async (trx) => {
      const next = await trx.selectFrom('jobs').select(['id', 'kind', 'payload', 'created_by']).where('status', '=', 'queued').orderBy('id').limit(1).executeTakeFirst();
      if (!next) return undefined;
      const res = await trx
        .updateTable('jobs')
        .set((eb) => ({ status: 'running', locked_by: this.workerId, started_at: eb.fn.coalesce('started_at', eb.val(now)), heartbeat_at: now, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', next.id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return res.numUpdatedRows > 0n ? next : undefined;
    });
  }

  private async runOne(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    const handler = handlers.get(job.kind);
    let lastWrite = 0;
    const progress = async (fraction: number, message?: string) => {
      const value = Math.max(0, Math.min(1, fraction));
      // Kept in memory first: on SQLite a job inside one long transaction cannot write its progress
      // where others can read it until it commits, so this process serves it from here.
      liveProgress.set(job.id, { progress: value, message: message ?? null });
      const now = Date.now();
      if (now - lastWrite < 250 && fraction < 1) return;
      lastWrite = now;
      // Not awaited: inside a transaction on SQLite the write waits for the connection.
      void this.db
        .updateTable('jobs')
        .set({ progress: value, message: message ?? null, heartbeat_at: nowIso() })
        .where('id', '=', job.id)
        .execute()
        .catch(() => {});
    };
    const heartbeat = setInterval(() => {
      void this.db.updateTable('jobs').set({ heartbeat_at: nowIso() }).where('id', '=', job.id).execute().catch(() => {});
    }, HEARTBEAT_MS);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const ctx: Ctx = { actor: systemActor(`job:${job.kind}`), ip: null, requestId: `job-${job.id}`, locale: 'zh-CN' };
      const asCreator = async (): Promise<Ctx> => {
        const actor = job.created_by ? await actorForUser(this.db, job.created_by, `job-${job.id}`) : null;
        if (!actor) throw new Error('the user who started this job no longer exists or is deactivated');
        return { actor, ip: null, requestId: `job-${job.id}`, locale: actor.locale };
      };
      const result = await handler({ id: job.id, payload: JSON.parse(job.payload), db: this.db, ctx, progress, asCreator, cipher: this.cipher });
      await this.db
        .updateTable('jobs')
        .set({ status: 'succeeded', progress: 1, result: JSON.stringify(result ?? null), finished_at: nowIso(), locked_by: null })
        .where('id', '=', job.id)
        .execute();
    } catch (err) {
      this.log.error({ err, jobId: job.id, kind: job.kind }, 'job failed');
      // An AppError is kept as its catalog key so the job page can say it in the reader's language.
      const error = err instanceof AppError ? JSON.stringify({ key: err.key, params: err.params ?? {} }) : err instanceof Error ? err.message : String(err);
      await this.db
        .updateTable('jobs')
        .set({ status: 'failed', error, finished_at: nowIso(), locked_by: null })
        .where('id', '=', job.id)
        .execute();
    } finally {
      clearInterval(heartbeat);
      liveProgress.delete(job.id);
    }
    return true;
  }
}
