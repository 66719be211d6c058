import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import dayjs, { type Dayjs } from '../../lib/dayjs.js';
import { App, Button, Col, DatePicker, Empty, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { AUDIT_OUTCOMES } from '../../../../common/src/dictionaries/audit-outcomes.js';
import type { AuditEntry } from '../../../../common/src/schemas/audit.js';
import { useAuth } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { formatNumber } from '../../components/format.js';
import { FilterForm } from '../../components/filter-form.js';
import { useErrorText } from '../../components/form-errors.js';
import { useRememberedJob } from '../../components/job-progress.js';
import { KeysetPager, useKeysetPaging } from '../../components/keyset-pager.js';
import { ListCard } from '../../components/list-card.js';
import { PageHeader } from '../../components/page-header.js';
import { auditExportUrl, useAuditLog, useStartAuditVerify, type AuditFilters } from './api.js';
import { AuditVerifyPanel } from './audit-verify-panel.js';
import { ACTION_GROUPS, auditKey, auditMessages, KNOWN_ACTIONS, OBJECT_TYPES } from './messages.js';

const OUTCOME_COLORS: Record<AuditEntry['outcome'], string> = { success: 'success', failure: 'error', denied: 'warning' };
const PAGE_SIZES = [20, 50, 100, 200];

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  outcome?: AuditEntry['outcome'];
  objectType?: string;
  objectId?: string;
}

function validTime(v: string | null): string | undefined {
  return v && dayjs(v).isValid() ? v : undefined;
}

function filtersFromParams(p: URLSearchParams): AuditFilters {
  const outcome = p.get('outcome');
  const text = (k: string) => p.get(k)?.trim() || undefined;
  return {
    from: validTime(p.get('from')),
    to: validTime(p.get('to')),
    actor: text('actor'),
    action: text('action'),
    outcome: (AUDIT_OUTCOMES as readonly string[]).includes(outcome ?? '') ? (outcome as AuditEntry['outcome']) : undefined,
    objectType: text('objectType'),
    objectId: text('objectId'),
  };
}

/** 2026-11-25 10:40:15 +08:00 (in the browser's time zone, with its offset). */
export function formatAuditTime(at: string): string {
  const d = dayjs(at);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss Z') : at;
}

export function AuditPage() {
  const t = useT(auditMessages);
  const { can } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const paging = useKeysetPaging(filters, PAGE_SIZES, 50);
  const [form] = Form.useForm<FilterValues>();
  const [jobId, setJobId] = useRememberedJob('audit.verify');
  const log = useAuditLog(filters, paging.cursor, paging.pageSize);
  const startVerify = useStartAuditVerify();

  useEffect(() => {
    form.setFieldsValue({
      range: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null,
      actor: filters.actor,
      action: filters.action,
      outcome: filters.outcome,
      objectType: filters.objectType,
      objectId: filters.objectId,
    });
  }, [filters, form]);

  const applyFilters = (v: FilterValues) => {
    const next = new URLSearchParams();
    const [from, to] = v.range ?? [];
    // ISO 8601 with the browser's offset; the end of the range covers its whole minute.
    if (from) next.set('from', from.startOf('minute').format('YYYY-MM-DDTHH:mm:ssZ'));
    if (to) next.set('to', to.endOf('minute').format('YYYY-MM-DDTHH:mm:ss.SSSZ'));
    for (const k of ['actor', 'action', 'outcome', 'objectType', 'objectId'] as const) {
      const value = v[k]?.trim();
      if (value) next.set(k, value);
    }
    paging.addPageSize(next);
    setParams(next);
  };
  const clearFilters = () => {
    form.resetFields();
    applyFilters({});
  };
  const hasFilters = Object.values(filters).some(Boolean);

  const actionLabel = (code: string) => {
    const key = auditKey('action.', code);
    return key ? t(key) : code;
  };
  const objectTypeLabel = (code: string) => {
    const key = auditKey('objectType.', code);
    return key ? t(key) : code;
  };

  const onVerify = async () => {
    try {
      const job = await startVerify.mutateAsync();
      setJobId(job.id);
      message.info(t('verifyStarted'));
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'seq', title: t('seq'), dataIndex: 'seq', width: 70, align: 'right' },
    {
      key: 'time',
      title: t('time'),
      width: 200,
      render: (_, e) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatAuditTime(e.at)}</span>,
    },
    {
      key: 'actor',
      title: t('actor'),
      width: 120,
      ellipsis: true,
      render: (_, e) => e.actorName ?? <Typography.Text type="secondary">{t('system')}</Typography.Text>,
    },
    { key: 'ip', title: t('ip'), width: 120, render: (_, e) => e.ip ?? '' },
    {
      key: 'action',
      title: t('action'),
      render: (_, e) =>
        auditKey('action.', e.action) ? (
          <Space orientation="vertical" size={0}>
            <span>{actionLabel(e.action)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.action}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text code>{e.action}</Typography.Text>
        ),
    },
    {
      key: 'object',
      title: t('object'),
      width: 120,
      render: (_, e) =>
        e.objectType ? (
          <span>
            {objectTypeLabel(e.objectType)}
            {e.objectId ? ` #${e.objectId}` : ''}
          </span>
        ) : null,
    },
    {
      key: 'outcome',
      title: t('outcome'),
      width: 90,
      render: (_, e) => <Tag color={OUTCOME_COLORS[e.outcome]}>{t(`outcome.${e.outcome}`)}</Tag>,
    },
    {
      key: 'requestId',
      title: t('requestId'),
      width: 130,
      render: (_, e) =>
        e.requestId ? (
          <Tooltip title={e.requestId}>
            <Typography.Text copyable={{ text: e.requestId }} style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>
              {e.requestId.length > 10 ? `${e.requestId.slice(0, 8)}…` : e.requestId}
            </Typography.Text>
          </Tooltip>
        ) : null,
    },
  ];

  const page = log.data;
  const totalText = page && t('total', { n: formatNumber(page.total) });
  const actionOptions = [
    {
      label: t('actionGroups'),
      title: 'groups',
      options: ACTION_GROUPS.map((g) => ({ value: `${g}.`, label: t('allOf', { group: t(`group.${g}`) }) })),
    },
    ...ACTION_GROUPS.map((g) => ({
      label: t(`group.${g}`),
      title: g,
      options: KNOWN_ACTIONS.filter((a) => a.startsWith(`${g}.`)).map((a) => ({ value: a, label: actionLabel(a) })),
    })),
    {
      label: t('otherActions'),
      title: 'other',
      options: KNOWN_ACTIONS.filter((a) => !ACTION_GROUPS.some((g) => a.startsWith(`${g}.`))).map((a) => ({
        value: a,
        label: actionLabel(a),
      })),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <>
            {can('audit.export') && (
              <Tooltip title={t('exportHint')}>
                <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)}>
                  {t('export')}
                </Button>
              </Tooltip>
            )}
            {can('audit.verify') && (
              <Tooltip title={t('verifyHint')}>
                <Button
                  type="primary"
                  icon={<SafetyCertificateOutlined />}
                  loading={startVerify.isPending}
                  onClick={() => void onVerify()}
                >
                  {t('verify')}
                </Button>
              </Tooltip>
            )}
          </>
        }
      />
      {jobId !== null && <AuditVerifyPanel key={jobId} jobId={jobId} onClose={() => setJobId(null)} />}
      <FilterForm
        form={form}
        name="auditFilters"
        onSearch={applyFilters}
        onReset={clearFilters}
        defaultExpanded={Boolean(filters.actor || filters.objectType || filters.objectId)}
        more={
          <>
            <Col xs={24} md={12} lg={8}>
              <Form.Item name="actor" label={t('actor')}>
                <Input allowClear placeholder={t('actorPlaceholder')} maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={8}>
              <Form.Item name="objectType" label={t('objectType')}>
                <Select
                  allowClear
                  placeholder={t('objectTypePlaceholder')}
                  options={OBJECT_TYPES.map((o) => ({ value: o, label: objectTypeLabel(o) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={8}>
              <Form.Item name="objectId" label={t('objectId')}>
                <Input allowClear maxLength={64} />
              </Form.Item>
            </Col>
          </>
        }
      >
        <Col xs={24} lg={12} xl={10}>
          <Form.Item name="range" label={t('timeRange')}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
              placeholder={[t('startTime'), t('endTime')]}
              presets={[
                { label: t('preset.today'), value: [dayjs().startOf('day'), dayjs().endOf('day')] },
                { label: t('preset.7d'), value: [dayjs().subtract(7, 'day').startOf('day'), dayjs().endOf('day')] },
                { label: t('preset.30d'), value: [dayjs().subtract(30, 'day').startOf('day'), dayjs().endOf('day')] },
              ]}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6} xl={7}>
          <Form.Item name="action" label={t('action')}>
            <Select
              allowClear
              placeholder={t('actionPlaceholder')}
              options={actionOptions}
              showSearch={{ optionFilterProp: ['label', 'value'] }}
              popupMatchSelectWidth={280}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6} xl={7}>
          <Form.Item name="outcome" label={t('outcome')}>
            <Select
              allowClear
              placeholder={t('outcomePlaceholder')}
              options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
            />
          </Form.Item>
        </Col>
      </FilterForm>
      <ListCard title={totalText} query={log} loadFailed={t('loadFailed')}>
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={page?.items ?? []}
          loading={log.isPending || (log.isPlaceholderData && log.isFetching)}
          pagination={false}
          sticky
          scroll={{ x: 1040 }}
          expandable={{
            rowExpandable: (e) => e.detail !== null && Object.keys(e.detail).length > 0,
            expandedRowRender: (e) => (
              <pre
                aria-label={t('detail')}
                style={{ margin: 0, padding: 12, background: 'rgba(0,0,0,0.02)', borderRadius: 6, fontSize: 12, whiteSpace: 'pre-wrap' }}
              >
                {JSON.stringify(e.detail, null, 2)}
              </pre>
            ),
          }}
          locale={{
            emptyText: log.isPending ? ' ' : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={hasFilters ? t('empty') : t('emptyNoFilter')}>
                {hasFilters && <Button onClick={clearFilters}>{t('clearFilters')}</Button>}
              </Empty>
            ),
          }}
        />
        <KeysetPager paging={paging} result={page} totalText={totalText} loading={log.isFetching} />
      </ListCard>
    </>
  );
}
