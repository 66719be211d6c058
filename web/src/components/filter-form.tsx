import { useState, type ReactNode } from 'react';
import { Button, Card, Col, Form, Row, Space } from 'antd';
import type { FormInstance } from 'antd';
import { DownOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import { useT } from '../lib/i18n.js';
import { componentMessages } from './messages.js';

export interface FilterFormProps<T> {
  form: FormInstance<T>;
  /** The form's name (also its element id). */
  name: string;
  onSearch: (values: T) => void;
  onReset: () => void;
  /** Whether the extra filters start shown (e.g. when the URL sets one of them). */
  defaultExpanded?: boolean;
  /** The filters always shown, as `<Col>`s of a 24-column row. */
  children: ReactNode;
  /** The filters behind "more filters", as `<Col>`s. */
  more?: ReactNode;
}

/** The collapsible filter form above a list: its fields, then search, reset and more/fewer filters. */
export function FilterForm<T>({ form, name, onSearch, onReset, defaultExpanded = false, children, more }: FilterFormProps<T>) {
  const t = useT(componentMessages);
  const [expanded, setExpanded] = useState(defaultExpanded);
  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
      <Form<T> form={form} name={name} onFinish={onSearch} labelCol={{ flex: '80px' }}>
        <Row gutter={24}>
          {children}
          {expanded && more}
          <Col flex="auto" style={{ textAlign: 'right', marginBottom: 24 }}>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('search')}
              </Button>
              <Button onClick={onReset}>{t('reset')}</Button>
              {more && (
                <Button type="link" onClick={() => setExpanded((e) => !e)} aria-expanded={expanded}>
                  {expanded ? t('collapse') : t('expand')} {expanded ? <UpOutlined /> : <DownOutlined />}
                </Button>
              )}
            </Space>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
