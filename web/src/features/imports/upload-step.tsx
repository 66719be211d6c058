import { useMemo, useState } from 'react';
import { Alert, AutoComplete, Button, Flex, Form, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import type { ImportPreview, Source } from '../../../../common/src/schemas/imports.js';
import { useT } from '../../lib/i18n.js';
import { useFormError } from '../../components/form-errors.js';
import { formatNumber } from '../../components/format.js';
import { MAX_UPLOAD_BYTES, TEMPLATE_URL, useSources, useUploadImport } from './api.js';
import { importMessages } from './messages.js';

interface UploadValues {
  source: string;
  files: UploadFile[];
}

const ACCEPTED = /\.(xlsx|csv)$/i;

/** Step ①: who supplied the list, and the file itself. */
export function UploadStep({ onUploaded }: { onUploaded: (preview: ImportPreview) => void }) {
  const t = useT(importMessages);
  const [form] = Form.useForm<UploadValues>();
  const sources = useSources();
  const upload = useUploadImport();
  const formErrorOf = useFormError();
  const [error, setError] = useState<string | null>(null);
  const typed = Form.useWatch('source', form) ?? '';

  const options = useMemo(() => {
    const q = typed.trim().toLowerCase();
    return (sources.data ?? [])
      .filter((s) => !q || s.name.toLowerCase().includes(q))
      .slice(0, 50)
      .map((s: Source) => ({
        value: s.name,
        label: (
          <Flex justify="space-between" align="center" gap={8}>
            <span>{s.name}</span>
            <Flex gap={4} align="center">
              <Tag style={{ marginInlineEnd: 0 }}>{t(`sourceKind.${s.kind}`)}</Tag>
              {/* Plain text colour: secondary grey is too faint on the highlighted option. */}
              <span style={{ fontSize: 12 }}>{t('sourceBatches', { n: formatNumber(s.batchCount) })}</span>
            </Flex>
          </Flex>
        ),
      }));
  }, [sources.data, typed, t]);
  const isNewSource = typed.trim() !== '' && !(sources.data ?? []).some((s) => s.name === typed.trim());

  const onFinish = async (values: UploadValues) => {
    const file = values.files[0]?.originFileObj;
    if (!file) return;
    setError(null);
    try {
      onUploaded(await upload.mutateAsync({ file, source: values.source.trim() }));
    } catch (err) {
      // The server names the file `file`; here it is the upload field.
      setError(formErrorOf(form, err, { file: 'files' }));
    }
  };

  return (
    <Form<UploadValues>
      form={form}
      name="importUpload"
      layout="vertical"
      onFinish={onFinish}
      requiredMark
      style={{ maxWidth: 720, margin: '0 auto' }}
    >
      <Form.Item
        name="source"
        label={t('source')}
        rules={[{ required: true, whitespace: true, message: t('sourceRequired') }]}
        extra={
          <>
            {t('sourceHint')}
            {isNewSource && (
              <Tag color="processing" style={{ marginInlineStart: 8 }}>
                {t('sourceNew')}
              </Tag>
            )}
          </>
        }
      >
        <AutoComplete options={options} placeholder={t('sourcePlaceholder')} maxLength={100} allowClear />
      </Form.Item>
      <Form.Item
        name="files"
        label={t('file')}
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
        rules={[{ required: true, type: 'array', min: 1, message: t('fileRequired') }]}
        extra={
          <Flex gap={8} wrap align="baseline">
            <span>{t('templateHint')}</span>
            <Typography.Link href={TEMPLATE_URL} download>
              <DownloadOutlined /> {t('template')}
            </Typography.Link>
          </Flex>
        }
      >
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          multiple={false}
          beforeUpload={(file) => {
            setError(null);
            if (!ACCEPTED.test(file.name)) {
              setError(t('fileType'));
              return Upload.LIST_IGNORE;
            }
            if (file.size > MAX_UPLOAD_BYTES) {
              setError(t('fileTooLarge', { name: file.name }));
              return Upload.LIST_IGNORE;
            }
            return false; // keep it until the user submits
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('dragTitle')}</p>
          <p className="ant-upload-hint">{t('dragHint')}</p>
        </Upload.Dragger>
      </Form.Item>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('uploadFailed')}
          description={error}
          style={{ marginBottom: 24 }}
          role="alert"
          data-testid="upload-error"
        />
      )}
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={upload.isPending}>
          {t('uploadSubmit')}
        </Button>
      </Flex>
    </Form>
  );
}
