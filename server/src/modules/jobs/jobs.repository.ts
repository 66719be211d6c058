import type { Job } from '../../../../common/src/schemas/jobs.js';
import type { Executor } from '../../db/database.js';
import type { JobsTable } from '../../db/schema.js';

type JobRow = Omit<JobsTable, 'id'> & { id: number };

/** A job is visible to the user who started it, and to nobody else. */
export async function findJobOf(exec: Executor, userId: number, id: number): Promise<JobRow | undefined> {
  return exec.selectFrom('jobs').selectAll().where('id', '=', id).where('created_by', '=', userId).executeTakeFirst();
}

export async function listJobsOf(exec: Executor, userId: number, limit = 20): Promise<JobRow[]> {
  return exec.selectFrom('jobs').selectAll().where('created_by', '=', userId).orderBy('id', 'desc').limit(limit).execute();
}

export function presentJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as Job['status'],
    progress: Number(row.progress),
    message: row.message,
    result: row.result ? JSON.parse(row.result) : null,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
