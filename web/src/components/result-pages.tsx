import type { ReactNode } from 'react';
import { Button, Result, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ApiRequestError } from '../lib/api.js';
import { useT } from '../lib/i18n.js';
import { componentMessages } from './messages.js';

// Result pages for 403 / 404 / 500. They render inside whatever container they are given (the app
// shell's content area or a bare page), so they carry no layout of their own.

export interface ResultPageProps {
  /** Replaces the default explanation. */
  description?: ReactNode;
  /** Replaces the default button(s). */
  extra?: ReactNode;
}

function HomeButton() {
  const t = useT(componentMessages);
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('backHome')}
    </Button>
  );
}

export function ForbiddenPage({ description, extra }: ResultPageProps) {
  const t = useT(componentMessages);
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={description ?? t('forbidden.description')}
      extra={extra ?? <HomeButton />}
    />
  );
}

export function NotFoundPage({ description, extra }: ResultPageProps) {
  const t = useT(componentMessages);
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={description ?? t('notFound.description')}
      extra={extra ?? <HomeButton />}
    />
  );
}

/** 403 with no way out: the page refused is the home page itself. */
export function NoAccessPage({ title, description }: { title: ReactNode; description: ReactNode }) {
  return <Result status="403" title={title} subTitle={description} />;
}

function isChunkLoadError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error ?? '');
  return /dynamically imported module|Importing a module script failed|Failed to fetch dynamically/i.test(text);
}

export interface ServerErrorPageProps extends ResultPageProps {
  /** The error caught; an ApiRequestError's request id is shown so users can quote it. */
  error?: unknown;
  /** Shows a "try again" button calling this (e.g. a query's refetch or an error boundary reset). */
  onRetry?: () => void;
}

export function ServerErrorPage({ error, onRetry, description, extra }: ServerErrorPageProps) {
  const t = useT(componentMessages);
  const requestId = error instanceof ApiRequestError ? error.requestId : undefined;
  const chunk = isChunkLoadError(error);
  const subTitle = description ?? (
    <Space orientation="vertical" size={4}>
      <span>{chunk ? t('serverError.chunk') : t('serverError.description')}</span>
      {requestId && (
        <Typography.Text type="secondary" copyable={{ text: requestId }}>
          {t('serverError.requestId', { id: requestId })}
        </Typography.Text>
      )}
    </Space>
  );
  return (
    <Result
      status="500"
      title={t('serverError.title')}
      subTitle={subTitle}
      extra={
        extra ?? (
          <Space>
            {onRetry && !chunk ? (
              <Button type="primary" onClick={onRetry}>
                {t('retry')}
              </Button>
            ) : (
              <Button type="primary" onClick={() => window.location.reload()}>
                {t('reload')}
              </Button>
            )}
            <Button href="/">{t('backHome')}</Button>
          </Space>
        )
      }
    />
  );
}
