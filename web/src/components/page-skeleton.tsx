import { Card, Flex, Skeleton, Spin } from 'antd';
import { useT } from '../lib/i18n.js';
import { coreMessages } from './core-messages.js';

/** Placeholder for a page while its code or first data loads (Suspense fallback, query loading). */
export function PageSkeleton() {
  return (
    <div aria-busy="true">
      <Skeleton.Input active size="small" style={{ width: 220, marginBottom: 20 }} />
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    </div>
  );
}

/** A centred spinner filling the window (used before the session is known). */
export function FullPageSpin() {
  const t = useT(coreMessages);
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" description={t('loading')} />
    </Flex>
  );
}
