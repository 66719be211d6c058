import { lazy, type ComponentType } from 'react';
import { Button, Flex, Typography } from 'antd';
import { useT } from '../lib/i18n.js';
import { coreMessages } from './core-messages.js';
import type * as Pages from './result-pages.js';

// The result pages draw antd's Result illustrations (large inline SVGs); they are seldom shown, so
// the code of the first screen refers to them through these on-demand versions (same props) and
// the app fetches them once it is idle (prefetchResultPages), so they still appear without a wait.

const load = () => import('./result-pages.js');

/** Starts loading the result pages in the background, so they are ready before they are needed. */
export function prefetchResultPages(): void {
  void load().catch(() => {});
}

/** When even the result pages' code cannot be fetched (typically a new version was deployed): a plain notice. */
function ReloadNotice() {
  const t = useT(coreMessages);
  return (
    <Flex vertical align="center" gap={8} style={{ padding: '48px 16px', textAlign: 'center' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('serverError.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('serverError.chunk')}</Typography.Text>
      <Button type="primary" onClick={() => window.location.reload()} style={{ marginTop: 16 }}>
        {t('reload')}
      </Button>
    </Flex>
  );
}

function onDemand<K extends 'ForbiddenPage' | 'NotFoundPage' | 'ServerErrorPage' | 'NoAccessPage'>(name: K) {
  return lazy(() =>
    load().then(
      (m) => ({ default: m[name] as ComponentType<Parameters<(typeof Pages)[K]>[0]> }),
      () => ({ default: ReloadNotice as ComponentType<Parameters<(typeof Pages)[K]>[0]> }),
    ),
  );
}

export const ForbiddenPage = onDemand('ForbiddenPage');
export const NotFoundPage = onDemand('NotFoundPage');
export const ServerErrorPage = onDemand('ServerErrorPage');
export const NoAccessPage = onDemand('NoAccessPage');
