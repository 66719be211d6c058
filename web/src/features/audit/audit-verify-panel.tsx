import { useState } from 'react';
import { Alert, Button, Card } from 'antd';
import type { AuditVerifyResult } from '../../../../common/src/schemas/audit.js';
import type { Job } from '../../../../common/src/schemas/jobs.js';
import { JobProgress } from '../../components/job-progress.js';
import { formatNumber } from '../../components/format.js';
import { useT } from '../../lib/i18n.js';
import { auditMessages } from './messages.js';

/** The running or finished verification job and, once it has finished, its verdict. */
export function AuditVerifyPanel({ jobId, onClose }: { jobId: number; onClose: () => void }) {
  const t = useT(auditMessages);
  const [done, setDone] = useState<{ id: number; job: Job } | null>(null);
  const finished = done?.id === jobId ? done.job : null;

  let verdict = null;
  if (finished?.status === 'failed') {
    verdict = <Alert type="error" showIcon title={t('verifyFailed')} description={finished.error ?? undefined} />;
  } else if (finished?.status === 'succeeded' && finished.result) {
    const r = finished.result as AuditVerifyResult;
    verdict = r.ok ? (
      <Alert type="success" showIcon title={t('verifyOk', { n: formatNumber(r.checked) })} />
    ) : (
      <Alert
        type="error"
        showIcon
        title={t('verifyBad', { seq: r.firstBadSeq ?? '?' })}
        description={
          <>
            {r.problem ? t(`problem.${r.problem}`) : null}
            {r.checked > 0 ? <div>{t('checkedBefore', { n: formatNumber(r.checked) })}</div> : null}
          </>
        }
      />
    );
  }

  return (
    <Card
      size="small"
      title={t('verify')}
      extra={
        <Button size="small" type="text" onClick={onClose}>
          {t('close')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      <JobProgress jobId={jobId} onDone={(job) => setDone({ id: jobId, job })} />
      {verdict && <div style={{ marginTop: 12 }}>{verdict}</div>}
    </Card>
  );
}
