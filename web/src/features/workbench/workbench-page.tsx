import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  BankOutlined,
  BuildOutlined,
  ClockCircleOutlined,
  ClusterOutlined,
  ContainerOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  HomeOutlined,
  RightOutlined,
  SafetyOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { Workbench } from '../../../../common/src/schemas/workbench.js';
import { UNIT_KINDS, type UnitKind } from '../../../../common/src/dictionaries/unit-kinds.js';
import { apiGet } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { PageHeader } from '../../components/page-header.js';
import { PageSkeleton } from '../../components/page-skeleton.js';
import { ServerErrorPage } from '../../components/lazy-result-pages.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { appMessages } from '../../app/messages.js';
import { NAV } from '../../app/nav.js';
import { workbenchMessages } from './messages.js';

const KIND_LOOK: Record<UnitKind, { icon: ReactNode; color: string; bg: string }> = {
  district: { icon: <BankOutlined />, color: '#c8102e', bg: '#fdecee' },
  street: { icon: <EnvironmentOutlined />, color: '#c8102e', bg: '#fdecee' },
  town: { icon: <FlagOutlined />, color: '#b7791f', bg: '#fdf3e1' },
  community: { icon: <HomeOutlined />, color: '#1f5fbf', bg: '#e8f0fc' },
  village: { icon: <EnvironmentOutlined />, color: '#2f855a', bg: '#e6f4ec' },
  memberUnit: { icon: <BankOutlined />, color: '#6b46c1', bg: '#efe9fb' },
  office: { icon: <ContainerOutlined />, color: '#4a5568', bg: '#edf0f3' },
  base: { icon: <BuildOutlined />, color: '#b7791f', bg: '#fdf3e1' },
  platform: { icon: <ClusterOutlined />, color: '#1f5fbf', bg: '#e8f0fc' },
  association: { icon: <TeamOutlined />, color: '#c8102e', bg: '#fdecee' },
  team: { icon: <UsergroupAddOutlined />, color: '#2f855a', bg: '#e6f4ec' },
};

const QUICK_DESC = {
  '/org': 'quick.org',
  '/system/users': 'quick.users',
  '/system/roles': 'quick.roles',
  '/system/audit': 'quick.audit',
} as const;

function greetingKey(hour: number) {
  if (hour < 11) return 'greeting.morning' as const;
  if (hour < 13) return 'greeting.noon' as const;
  if (hour < 18) return 'greeting.afternoon' as const;
  return 'greeting.evening' as const;
}

function FigureCard({ kind, count, link }: { kind: UnitKind; count: number; link: boolean }) {
  const t = useT(workbenchMessages);
  const look = KIND_LOOK[kind];
  const card = (
    <Card variant="borderless" styles={{ body: { padding: 20 } }}>
      <Flex align="center" gap={16}>
        <span className="tx-figure-icon" style={{ color: look.color, background: look.bg }}>
          {look.icon}
        </span>
        <div style={{ minWidth: 0 }}>
          <div className="tx-figure-value">
            {formatNumber(count)}
            {t('unitSuffix') && (
              <span style={{ fontSize: 14, fontWeight: 400, marginInlineStart: 4, color: '#8c8c8c' }}>{t('unitSuffix')}</span>
            )}
          </div>
          <div className="tx-figure-label">{t(`kind.${kind}`)}</div>
        </div>
      </Flex>
    </Card>
  );
  if (!link) return card;
  return (
    <Link to={`/org?kind=${kind}`} className="tx-figure-card" data-testid={`figure-${kind}`}>
      {card}
    </Link>
  );
}

export function WorkbenchPage() {
  const t = useT(workbenchMessages);
  const tApp = useT(appMessages);
  const { locale } = useLocale();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: ['workbench'], queryFn: () => apiGet<Workbench>('/workbench') });

  if (!me) return null;
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <ServerErrorPage error={query.error} onRetry={() => void query.refetch()} />;

  const wb = query.data;
  const figures = UNIT_KINDS.map((k) => ({ kind: k, count: wb.unitCounts[k] ?? 0 })).filter((f) => f.count > 0);
  const total = figures.reduce((sum, f) => sum + f.count, 0);
  const canOrg = can('unit.read');

  const quickLinks = NAV.filter((n) => n.path !== '/' && can(n.permission)).map((n) => ({
    path: n.path,
    icon: n.icon,
    title: tApp(n.label),
    desc: t(QUICK_DESC[n.path as keyof typeof QUICK_DESC] ?? 'quick.workbench'),
  }));
  quickLinks.push({ path: '/account', icon: <SafetyOutlined />, title: t('quick.account'), desc: t('quick.accountDesc') });

  const roles = me.roles.map((r) => (locale === 'en-US' ? r.nameEn || r.name : r.name));
  const lastLogin = wb.lastLogin
    ? wb.lastLogin.ip
      ? t('lastLogin', { at: formatDateTime(wb.lastLogin.at), ip: wb.lastLogin.ip })
      : t('lastLoginNoIp', { at: formatDateTime(wb.lastLogin.at) })
    : t('firstLogin');

  return (
    <div>
      <Card variant="borderless" className="tx-welcome" style={{ marginBottom: 16 }}>
        <PageHeader
          style={{ marginBottom: 0 }}
          title={t(greetingKey(new Date().getHours()), { name: me.displayName })}
          subtitle={
            <Flex gap={8} wrap align="center" component="span">
              <span>{me.unit.name}</span>
              {roles.map((r) => (
                <Tag key={r} color="red" variant="filled" style={{ marginInlineEnd: 0 }}>
                  {r}
                </Tag>
              ))}
            </Flex>
          }
          extra={
            <Typography.Text type="secondary" data-testid="last-login">
              <ClockCircleOutlined style={{ marginInlineEnd: 6 }} />
              {lastLogin}
            </Typography.Text>
          }
        />
      </Card>

      <Card
        variant="borderless"
        title={
          <Flex gap={8} align="baseline" wrap>
            <span>{t('figures')}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 13 }}>
              {t('scope', { unit: wb.scopeUnit.name })}
            </Typography.Text>
          </Flex>
        }
        extra={figures.length > 0 && <Typography.Text type="secondary">{t('total', { n: formatNumber(total) })}</Typography.Text>}
        style={{ marginBottom: 16 }}
        styles={{ body: { background: '#fafbfc' } }}
      >
        {figures.length === 0 ? (
          <Empty description={t('figuresEmpty')}>
            {canOrg && (
              <Button type="primary" icon={<ApartmentOutlined />} onClick={() => navigate('/org')}>
                {t('figuresEmptyAction')}
              </Button>
            )}
          </Empty>
        ) : (
          <Row gutter={[16, 16]}>
            {figures.map((f) => (
              <Col key={f.kind} xs={12} sm={8} lg={6} xxl={4}>
                <FigureCard kind={f.kind} count={f.count} link={canOrg} />
              </Col>
            ))}
          </Row>
        )}
      </Card>

      <Card variant="borderless" title={t('quickLinks')}>
        <Row gutter={[16, 16]}>
          {quickLinks.map((q) => (
            <Col key={q.path} xs={24} sm={12} lg={8} xxl={6}>
              <Link to={q.path} className="tx-quick-link">
                {q.icon}
                <span style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong style={{ display: 'block' }}>
                    {q.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" ellipsis style={{ fontSize: 13 }}>
                    {q.desc}
                  </Typography.Text>
                </span>
                <RightOutlined style={{ fontSize: 12, color: '#bfbfbf' }} />
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </div>
  );
}
