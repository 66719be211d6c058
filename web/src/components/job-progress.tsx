import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Progress, Skeleton, Tag, Typography } from 'antd';
import type { Job } from '../../../common/src/schemas/jobs.js';
import { ApiRequestError, apiGet } from '../lib/api.js';
import { useT } from '../lib/i18n.js';
import { formatDateTime } from './format.js';
import { jobProgressMessages } from './job-progress-messages.js';

// Progress of a background job (GET /jobs/:id, polled every second while it is queued or running).
// Pages remember the job id in sessionStorage with useRememberedJob, so a reload shows the same job.

const STORAGE_PREFIX = 'tongxin.job.';

function isFinished(job: Job | undefined): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}

/**
 * `const [jobId, setJobId] = useRememberedJob('audit.verify')`: the page's current job id, kept in
 * sessionStorage (per tab) so the progress survives a reload. `setJobId(null)` forgets it.
 */
export function useRememberedJob(key: string): [number | null, (id: number | null) => void] {
  const storageKey = STORAGE_PREFIX + key;
  const [jobId, setState] = useState<number | null>(() => {
    const raw = sessionStorage.getItem(storageKey);
    const id = raw ? Number(raw) : NaN;
    return Number.isInteger(id) && id > 0 ? id : null;
  });
  const setJobId = useCallback(
    (id: number | null) => {
      if (id === null) sessionStorage.removeItem(storageKey);
      else sessionStorage.setItem(storageKey, String(id));
      setState(id);
    },
    [storageKey],
  );
  return [jobId, setJobId];
}

/** One job's query; polls every second until the job has finished. */
export function useJob(jobId: number | null) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => apiGet<Job>(`/jobs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (isFinished(query.state.data) || query.state.error ? false : 1000),
    refetchIntervalInBackground: true,
    retry: (count, err) => !(err instanceof ApiRequestError && err.status < 500) && count < 3,
  });
}

const STATUS_COLORS: Record<Job['status'], string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
};

export function JobProgress({
  jobId,
  onDone,
  onGone,
}: {
  jobId: number;
  /** Called once when the job has finished (succeeded or failed). */
  onDone?: (job: Job) => void;
  /** Called when the job no longer exists (e.g. a remembered id after a server restart). */
  onGone?: () => void;
}) {
  const t = useT(jobProgressMessages);
  const job = useJob(jobId);
  const doneFor = useRef<number | null>(null);
  const goneFor = useRef<number | null>(null);
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;
  const onGoneRef = useRef(onGone);
  onGoneRef.current = onGone;

  const data = job.data?.id === jobId ? job.data : undefined;
  const gone = job.error instanceof ApiRequestError && job.error.status === 404;

  useEffect(() => {
    if (data && isFinished(data) && doneFor.current !== jobId) {
      doneFor.current = jobId;
      onDoneRef.current?.(data);
    }
  }, [data, jobId]);

  useEffect(() => {
    if (gone && goneFor.current !== jobId) {
      goneFor.current = jobId;
      onGoneRef.current?.();
    }
  }, [gone, jobId]);

  if (gone) return <Alert type="warning" showIcon title={t('gone', { id: jobId })} />;
  if (job.error && !data)
    return <Alert type="error" showIcon title={t('loadFailed', { error: job.error.message })} />;
  if (!data) return <Skeleton active title={false} paragraph={{ rows: 1 }} aria-label={t('loading')} />;

  const percent = Math.max(0, Math.min(100, Math.round(data.progress * 100)));
  const progressStatus =
    data.status === 'failed' ? 'exception' : data.status === 'succeeded' ? 'success' : data.status === 'running' ? 'active' : 'normal';
  const when = data.finishedAt
    ? t('finishedAt', { time: formatDateTime(data.finishedAt) })
    : data.startedAt
      ? t('startedAt', { time: formatDateTime(data.startedAt) })
      : null;

  return (
    <div role="status" aria-live="polite">
      <Flex align="center" gap={8} wrap>
        <Tag color={STATUS_COLORS[data.status]}>{t(`status.${data.status}`)}</Tag>
        <Typography.Text>{data.message ?? t('jobNo', { id: data.id })}</Typography.Text>
        {when && <Typography.Text type="secondary">· {when}</Typography.Text>}
      </Flex>
      <Progress percent={percent} status={progressStatus} aria-label={t(`status.${data.status}`)} />
      {data.status === 'failed' && data.error && <Alert type="error" showIcon title={data.error} style={{ marginTop: 8 }} />}
    </div>
  );
}
