import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Skeleton, Steps } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import type { ImportBatch, ImportPreview } from '../../../../common/src/schemas/imports.js';
import { ApiRequestError } from '../../lib/api.js';
import { useT } from '../../lib/i18n.js';
import { useErrorText } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { useRememberedJob } from '../../components/job-progress.js';
import { LoadErrorAlert } from '../../components/load-error-alert.js';
import { PageHeader } from '../../components/page-header.js';
import { NotFoundPage } from '../../components/result-pages.js';
import {
  FIRST_PAGE,
  importKeys,
  useCommitImport,
  useImportBatch,
  useImportPreview,
  useRefreshAfterImport,
  useUpdateMapping,
  type PreviewPage,
} from './api.js';
import { BatchStatusTag } from './batch-status-tag.js';
import { LinkButton } from './link-button.js';
import { MappingStep } from './mapping-step.js';
import { importMessages } from './messages.js';
import { PREVIEW_PAGE_SIZES, PROBLEM_SCAN_LIMIT, PreviewStep } from './preview-step.js';
import { ProgressStep, ResultStep } from './result-step.js';
import { UploadStep } from './upload-step.js';
import './imports.css';

// The import wizard (ui.md: a full page with steps): ① upload → ② check the header → ③ preview →
// ④ import → ⑤ result. The batch id is in the URL (/persons/import/:batchId), so a reload comes back
// to the same step: a draft to its mapping or preview (`?step=preview`), a queued batch to its
// progress, a finished one to its result.

const Step = { Upload: 0, Mapping: 1, Preview: 2, Import: 3, Result: 4 } as const;
type Step = (typeof Step)[keyof typeof Step];

/** How long a finished progress bar stays at 100% before the result replaces it. */
const DONE_PAUSE_MS = 800;

export function ImportWizardPage() {
  const { batchId } = useParams();
  if (batchId === undefined) return <NewImport />;
  const id = Number(batchId);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  // A fresh wizard per batch: its remembered job and local state belong to that batch.
  return <BatchWizard key={id} id={id} />;
}

function WizardFrame({ step, status, batch, onStep, children }: {
  step: Step;
  status?: 'error';
  batch?: ImportBatch;
  /** Makes the steps the user may go back to clickable. */
  onStep?: (step: Step) => void;
  children: ReactNode;
}) {
  const t = useT(importMessages);
  const clickable = (s: Step) => onStep !== undefined && s !== step && s <= Step.Preview;
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={batch ? t('batchInfo', { source: batch.sourceName, file: batch.fileName }) : t('subtitle')}
        tags={batch && <BatchStatusTag status={batch.status} />}
        extra={
          <LinkButton to="/persons/imports" icon={<HistoryOutlined />}>
            {t('history')}
          </LinkButton>
        }
      />
      <Card>
        <nav aria-label={t('stepsLabel')}>
          <Steps
            current={step}
            status={status}
            onChange={onStep ? (s) => clickable(s as Step) && onStep(s as Step) : undefined}
            items={(['upload', 'mapping', 'preview', 'import', 'result'] as const).map((k, i) => ({
              title: t(`step.${k}`),
              disabled: onStep ? !clickable(i as Step) : undefined,
            }))}
            style={{ marginBottom: 32 }}
          />
        </nav>
        {children}
      </Card>
    </>
  );
}

function NewImport() {
  const navigate = useNavigate();
  return (
    <WizardFrame step={Step.Upload}>
      <UploadStep onUploaded={(preview: ImportPreview) => navigate(`/persons/import/${preview.batch.id}`)} />
    </WizardFrame>
  );
}

function pageFromParams(params: URLSearchParams): PreviewPage {
  const size = Number(params.get('size'));
  const limit = PREVIEW_PAGE_SIZES.includes(size) ? size : FIRST_PAGE.limit;
  const pageNo = Number(params.get('page'));
  const offset = Number.isInteger(pageNo) && pageNo > 1 ? (pageNo - 1) * limit : 0;
  const problem = params.get('problem');
  const validProblem = problem && /^\w+\.\w+$/.test(problem) ? problem : undefined;
  const filter = params.get('filter') === 'problems' || validProblem ? 'problems' : 'all';
  return validProblem ? { offset, limit, filter, problem: validProblem } : { offset, limit, filter };
}

function paramsFromPage(page: PreviewPage): URLSearchParams {
  const next = new URLSearchParams({ step: 'preview' });
  if (page.filter !== 'all') next.set('filter', page.filter);
  if (page.problem) next.set('problem', page.problem);
  if (page.offset > 0) next.set('page', String(Math.floor(page.offset / page.limit) + 1));
  if (page.limit !== FIRST_PAGE.limit) next.set('size', String(page.limit));
  return next;
}

function BatchWizard({ id }: { id: number }) {
  const t = useT(importMessages);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const batch = useImportBatch(id);
  const status = batch.data?.status;
  const view: Step = params.get('step') === 'preview' ? Step.Preview : Step.Mapping;
  const page = useMemo(() => (view === Step.Preview ? pageFromParams(params) : FIRST_PAGE), [view, params]);
  // One problem's rows are picked out here from the problem rows (the API filters by outcome only).
  const queryPage = useMemo<PreviewPage>(
    () => (page.problem ? { offset: 0, limit: PROBLEM_SCAN_LIMIT, filter: 'problems', problem: page.problem } : page),
    [page],
  );
  const preview = useImportPreview(id, queryPage, status === 'draft');
  const mapping = useUpdateMapping(id);
  const commit = useCommitImport(id);
  const refreshAfterImport = useRefreshAfterImport(id);
  const [rememberedJob, setRememberedJob] = useRememberedJob(`import.${id}`);
  // Set once the user starts the import here: the progress stays up until the job has finished.
  const [watching, setWatching] = useState(false);
  const [jobDone, setJobDone] = useState(false);
  const doneTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(doneTimer.current), []);

  let step: Step;
  if (status === 'draft') step = watching ? Step.Import : view;
  else if (status === 'queued') step = Step.Import;
  else step = watching && !jobDone ? Step.Import : Step.Result;

  // On the result the job has served its purpose; forget it so the tab's storage stays tidy.
  useEffect(() => {
    if (step === Step.Result && rememberedJob !== null) setRememberedJob(null);
  }, [step, rememberedJob, setRememberedJob]);
  // Past the draft, the preview's place in the address means nothing any more.
  const hasParams = params.size > 0;
  useEffect(() => {
    if (status && status !== 'draft' && hasParams) setParams({}, { replace: true });
  }, [status, hasParams, setParams]);

  if (batch.isPending) {
    return (
      <WizardFrame step={Step.Mapping}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </WizardFrame>
    );
  }
  if (batch.isError) {
    if (batch.error instanceof ApiRequestError && batch.error.status === 404) return <NotFoundPage description={t('batchNotFound', { id })} />;
    return (
      <WizardFrame step={Step.Mapping}>
        <LoadErrorAlert title={t('batchLoadFailed')} error={batch.error} onRetry={() => void batch.refetch()} />
      </WizardFrame>
    );
  }
  const b = batch.data;

  const startCommit = async () => {
    const r = await commit.mutateAsync();
    setRememberedJob(r.jobId);
    setJobDone(false);
    setWatching(true);
  };
  const retry = () => {
    startCommit().catch((err: unknown) => message.error(errorText(err)));
  };
  const onJobDone = () => {
    refreshAfterImport();
    clearTimeout(doneTimer.current);
    doneTimer.current = setTimeout(() => setJobDone(true), DONE_PAUSE_MS);
  };
  const goStep = (s: Step) => {
    if (s === Step.Upload) navigate('/persons/import');
    else if (s === Step.Mapping) setParams({});
    else if (s === Step.Preview) setParams(paramsFromPage(FIRST_PAGE));
  };

  const alreadyCommitted = status === 'draft' && step !== Step.Import ? preview.data?.alreadyCommitted : null;
  let content: ReactNode;
  switch (step) {
    case Step.Mapping:
      content = preview.data ? (
        <MappingStep
          preview={preview.data}
          saving={mapping.isPending}
          onChange={(body) => mapping.mutateAsync(body)}
          onNext={() => goStep(Step.Preview)}
          onBack={() => goStep(Step.Upload)}
        />
      ) : preview.isError ? (
        <LoadErrorAlert title={t('previewFailed')} error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <Skeleton active paragraph={{ rows: 8 }} />
      );
      break;
    case Step.Preview:
      content = (
        <PreviewStep
          preview={preview.data}
          loading={preview.isFetching}
          error={preview.error}
          onRetry={() => void preview.refetch()}
          page={page}
          onPage={(p) => setParams(paramsFromPage(p))}
          onBack={() => goStep(Step.Mapping)}
          onCommit={startCommit}
        />
      );
      break;
    case Step.Import:
      content = <ProgressStep jobId={rememberedJob ?? b.jobId} onDone={onJobDone} />;
      break;
    default:
      content = (
        <ResultStep
          batch={b}
          retrying={commit.isPending}
          onRetry={retry}
          onAnother={() => {
            void qc.invalidateQueries({ queryKey: importKeys.sources });
            navigate('/persons/import');
          }}
        />
      );
  }

  return (
    <WizardFrame
      step={step}
      status={step === Step.Result && b.status === 'failed' ? 'error' : undefined}
      batch={b}
      onStep={status === 'draft' && !watching ? goStep : undefined}
    >
      {alreadyCommitted && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="already-committed"
          title={t('alreadyCommitted', { time: formatDateTime(alreadyCommitted.at), batchId: alreadyCommitted.batchId })}
          action={
            <Link to={`/persons/import/${alreadyCommitted.batchId}`}>{t('viewBatch')}</Link>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {content}
    </WizardFrame>
  );
}
