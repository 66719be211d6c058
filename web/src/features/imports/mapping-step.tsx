import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Form, InputNumber, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowRightOutlined, ReloadOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { PERSON_IMPORT_FIELDS } from '../../../../common/src/dictionaries/person-fields.js';
import type { ImportPreview, MAPPING_CONFIDENCES, MappingBody, previewColumn } from '../../../../common/src/schemas/imports.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { useErrorText } from '../../components/form-errors.js';
import { formatNumber } from '../../components/format.js';
import { importMessages } from './messages.js';

type PreviewColumn = z.infer<typeof previewColumn>;
type Confidence = (typeof MAPPING_CONFIDENCES)[number];

const NONE = '__none__';

const CONFIDENCE_COLORS: Record<Confidence, string> = {
  exact: 'success',
  synonym: 'success',
  fuzzy: 'warning',
  none: 'default',
  user: 'processing',
};

/** 0 → A, 25 → Z, 26 → AA: the column as Excel names it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export interface MappingStepProps {
  preview: ImportPreview;
  /** Sends a change (sheet, header row or columns); the parent shows the recomputed preview. */
  onChange: (body: MappingBody) => Promise<unknown>;
  saving: boolean;
  onNext: () => void;
  /** Back to the upload, to take another file. */
  onBack: () => void;
}

/** Step ②: the sheet, the header row, and which person field each column fills. */
export function MappingStep({ preview, onChange, saving, onNext, onBack }: MappingStepProps) {
  const t = useT(importMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const { batch, sheets, columns, encoding } = preview;
  const [headerRow, setHeaderRow] = useState<number | null>(batch.headerRow);
  const [headerFor, setHeaderFor] = useState(batch.headerRow);
  // The header row the server settled on wins whenever it changes (another sheet, a re-read).
  if (headerFor !== batch.headerRow) {
    setHeaderFor(batch.headerRow);
    setHeaderRow(batch.headerRow);
  }

  const usedBy = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of columns) if (c.field) m.set(c.field, c.column);
    return m;
  }, [columns]);
  const hasName = usedBy.has('name');
  const mapped = columns.filter((c) => c.field).length;

  const send = async (body: MappingBody) => {
    setError(null);
    try {
      await onChange(body);
    } catch (err) {
      setError(errorText(err));
    }
  };

  const setField = (col: PreviewColumn, value: string) => {
    const field = value === NONE ? null : value;
    if (field === col.field) return;
    // The server applies the choices sent over its own fresh detection, so earlier choices go along:
    // the columns chosen by hand and the columns left out (an automatic match not sent comes back
    // by itself, with its confidence).
    const chosen = new Map<number, string | null>();
    for (const c of columns) if (c.confidence === 'user' || c.field === null) chosen.set(c.column, c.field);
    chosen.set(col.column, field);
    // A field is filled from one column only: taking it here frees the column that had it.
    const other = field ? usedBy.get(field) : undefined;
    if (other !== undefined && other !== col.column) chosen.set(other, null);
    void send({ mapping: [...chosen].map(([column, f]) => ({ column, field: f })) });
  };

  const fieldOptions = (col: PreviewColumn) => [
    { value: NONE, label: t('fieldNone'), search: t('fieldNone') },
    ...PERSON_IMPORT_FIELDS.map((f) => {
      const label = locale === 'en-US' ? f.en : f.zh;
      const other = usedBy.get(f.field);
      return {
        value: f.field as string,
        label:
          other !== undefined && other !== col.column
            ? `${label} (${t('fieldUsedBy', { column: t('columnLetter', { letter: columnLetter(other) }) })})`
            : label,
        search: `${label} ${f.zh} ${f.en}`,
      };
    }),
  ];

  const tableColumns: TableColumnsType<PreviewColumn> = [
    {
      key: 'column',
      title: t('col.column'),
      width: 64,
      render: (_, c) => <Typography.Text code>{columnLetter(c.column)}</Typography.Text>,
    },
    {
      key: 'header',
      title: t('col.header'),
      width: 200,
      render: (_, c) => (c.header ? <Typography.Text strong>{c.header}</Typography.Text> : <Typography.Text type="secondary">{t('emptyHeader')}</Typography.Text>),
    },
    {
      key: 'samples',
      title: t('col.samples'),
      render: (_, c) =>
        c.samples.length ? (
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            {c.samples.slice(0, 3).map((s, i) => (
              <Typography.Text key={i} ellipsis={{ tooltip: s }} style={{ maxWidth: 320 }}>
                {s}
              </Typography.Text>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('noSamples')}</Typography.Text>
        ),
    },
    {
      key: 'field',
      title: t('col.field'),
      width: 260,
      render: (_, c) => (
        <Select
          value={c.field ?? NONE}
          options={fieldOptions(c)}
          onChange={(v: string) => setField(c, v)}
          showSearch={{ optionFilterProp: 'search' }}
          style={{ width: '100%' }}
          disabled={saving || batch.status !== 'draft'}
          aria-label={t('fieldLabel', { header: c.header || columnLetter(c.column) })}
          popupMatchSelectWidth={280}
        />
      ),
    },
    {
      key: 'confidence',
      title: t('col.confidence'),
      width: 120,
      render: (_, c) => (
        <Tooltip title={t(`confidenceTip.${c.confidence}`)}>
          <Tag color={CONFIDENCE_COLORS[c.confidence]} tabIndex={0}>
            {t(`confidence.${c.confidence}`)}
          </Tag>
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <Form layout="inline" style={{ rowGap: 12, marginBottom: 16 }} component="div">
        {sheets.length > 1 && (
          <Form.Item label={t('sheet')} htmlFor="import-sheet">
            <Select
              id="import-sheet"
              value={batch.sheetName}
              onChange={(sheet: string) => void send({ sheet })}
              options={sheets.map((s) => ({ value: s.name, label: t('sheetRows', { name: s.name, n: formatNumber(s.rows) }) }))}
              style={{ minWidth: 220 }}
              disabled={saving}
            />
          </Form.Item>
        )}
        <Form.Item label={t('headerRow')} htmlFor="import-header-row" tooltip={t('headerRowHint')}>
          <Flex gap={8} wrap>
            <InputNumber
              id="import-header-row"
              min={1}
              max={1000}
              precision={0}
              value={headerRow}
              onChange={(v) => setHeaderRow(typeof v === 'number' ? v : null)}
              onPressEnter={() => headerRow && headerRow !== batch.headerRow && void send({ headerRow })}
              style={{ width: 96 }}
            />
            <Button
              icon={<ReloadOutlined />}
              disabled={!headerRow || headerRow === batch.headerRow || saving}
              onClick={() => headerRow && void send({ headerRow })}
            >
              {t('headerRowApply')}
            </Button>
          </Flex>
        </Form.Item>
        {encoding && (
          <Form.Item>
            <Typography.Text type="secondary">{t('encoding', { encoding })}</Typography.Text>
          </Form.Item>
        )}
      </Form>
      {error && (
        <Alert type="error" showIcon closable={{ onClose: () => setError(null) }} title={t('mappingFailed')} description={error} style={{ marginBottom: 16 }} role="alert" />
      )}
      {!hasName && <Alert type="warning" showIcon title={t('noName')} style={{ marginBottom: 16 }} />}
      <Alert type="info" showIcon title={t('unmappedNote')} style={{ marginBottom: 16 }} />
      <Table<PreviewColumn>
        rowKey="column"
        size="middle"
        columns={tableColumns}
        dataSource={columns}
        pagination={false}
        loading={saving}
        scroll={{ x: 860 }}
        title={() => <Typography.Text type="secondary">{t('columnsCount', { n: columns.length, mapped })}</Typography.Text>}
      />
      <Flex justify="flex-end" gap={8} style={{ marginTop: 24 }}>
        <Button onClick={onBack}>{t('reupload')}</Button>
        <Button type="primary" onClick={onNext} disabled={!hasName || saving}>
          {t('toPreview')} <ArrowRightOutlined />
        </Button>
      </Flex>
    </>
  );
}
