import { errorMessage, isErrorKey } from '../../../../common/src/i18n/errors.js';
import type { Locale } from '../../../../common/src/i18n/locale.js';
import { liveProgressOf } from '../../platform/jobs.js';
import type { Job } from '../../../../common/src/schemas/jobs.js';
import type { Executor } from '../../db/database.js';
import type { JobsTable } from '../../db/schema.js';

type JobRow = Omit<JobsTable, 'id'> & { id: number };

export async function findJob(exec: Executor, id: number): Promise<JobRow | undefined> {
  return exec.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJobsOf(exec: Executor, userId: number, limit = 20): Promise<JobRow[]> {
  return exec.selectFrom('jobs').selectAll().where('created_by', '=', userId).orderBy('id', 'desc').limit(limit).execute();
}

/** A failed job's error in the reader's language when it was one of ours (stored as its catalog key). */
function errorText(stored: string | null, locale: Locale): string | null {
  if (!stored?.startsWith('{')) return stored;
  try {
    const e = JSON.parse(stored) as { key: string; params?: Record<string, string | number> };
    return isErrorKey(e.key) ? errorMessage(locale, e.key, e.params) : stored;
  } catch {
    return stored;
  }
}

export function presentJob(row: JobRow, locale: Locale = 'zh-CN'): Job {
  const live = row.status === 'running' ? liveProgressOf(row.id) : undefined;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as Job['status'],
    progress: live ? live.progress : Number(row.progress),
    message: live ? live.message : row.message,
    result: row.result ? JSON.parse(row.result) : null,
    error: errorText(row.error, locale),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
