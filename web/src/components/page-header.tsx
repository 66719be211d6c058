import type { CSSProperties, ReactNode } from 'react';
import { Flex, Typography } from 'antd';

// The header at the top of every page's content: the title, an optional subtitle, the page's primary
// actions on the right. Breadcrumbs are drawn by the app layout above it.

export interface PageHeaderProps {
  title: ReactNode;
  /** One line under the title (secondary text). */
  subtitle?: ReactNode;
  /** Next to the title, e.g. status tags. */
  tags?: ReactNode;
  /** The page's primary actions, right-aligned (buttons; put the main one last). */
  extra?: ReactNode;
  /** Anything under the title row (e.g. a description block or tabs). */
  children?: ReactNode;
  /** Style of the outer element (e.g. `{ marginBottom: 0 }` inside a card). */
  style?: CSSProperties;
}

export function PageHeader({ title, subtitle, tags, extra, children, style }: PageHeaderProps) {
  return (
    <div className="tx-page-header" style={style}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {subtitle}
            </Typography.Paragraph>
          )}
        </div>
        {extra && (
          <Flex gap={8} wrap align="center">
            {extra}
          </Flex>
        )}
      </Flex>
      {children && <div style={{ marginTop: 16 }}>{children}</div>}
    </div>
  );
}
