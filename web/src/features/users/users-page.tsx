import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, Dropdown, Empty, Form, Input, Row, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { DownOutlined, PlusOutlined, ReloadOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import type { User } from '../../../../common/src/schemas/users.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { useAuth } from '../../lib/auth.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { useErrorText } from '../../components/form-errors.js';
import { PageHeader } from '../../components/page-header.js';
import { useUnits } from '../units/api.js';
import { indexUnits, unitName, unitTreeSelectData } from '../units/unit-tree.js';
import { useRoles } from '../roles/api.js';
import { useResetTotp, useUnlockUser, useUpdateUser, useUsers, type UserFilters } from './api.js';
import { KeysetPager, useKeysetPager } from './keyset-pager.js';
import { userMessages } from './messages.js';
import { ResetPasswordModal } from './reset-password-modal.js';
import { roleName } from '../roles/role-form-drawer.js';
import { UserFormDrawer, type UserDrawerState } from './user-form-drawer.js';

type MenuItem = NonNullable<MenuProps['items']>[number];

interface FilterValues {
  q?: string;
  unitId?: number;
  roleId?: number;
  active?: 'true' | 'false';
}

function positiveInt(v: string | null): number | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function filtersFromParams(params: URLSearchParams): UserFilters {
  const active = params.get('active');
  return {
    q: params.get('q') ?? undefined,
    unitId: positiveInt(params.get('unitId')),
    roleId: positiveInt(params.get('roleId')),
    active: active === 'true' || active === 'false' ? active : undefined,
  };
}

export function isLocked(user: User, now = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}

export function UsersPage() {
  const t = useT(userMessages);
  const { locale } = useLocale();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const limit = [20, 50, 100].includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const filterKey = JSON.stringify([filters, limit]);
  const pager = useKeysetPager(filterKey);
  const [form] = Form.useForm<FilterValues>();
  const [expanded, setExpanded] = useState(() => Boolean(filters.roleId || filters.active));
  const [drawer, setDrawer] = useState<UserDrawerState>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const users = useUsers(filters, pager.cursor, limit);
  // Only ask for what this user may read: a refused request is logged as access.denied.
  const units = useUnits(can('unit.read'));
  const roles = useRoles(can('role.read'));
  const unitIndex = useMemo(() => indexUnits(units.data ?? []), [units.data]);
  const rolesById = useMemo(() => new Map((roles.data ?? []).map((r) => [r.id, r])), [roles.data]);
  const unitTree = useMemo(() => unitTreeSelectData(unitIndex, locale), [unitIndex, locale]);

  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const resetTotp = useResetTotp();

  // The form follows the URL (back/forward, shared links).
  useEffect(() => {
    form.setFieldsValue({ q: filters.q, unitId: filters.unitId, roleId: filters.roleId, active: filters.active });
  }, [filters, form]);

  const applyFilters = (values: FilterValues) => {
    const next = new URLSearchParams();
    if (values.q?.trim()) next.set('q', values.q.trim());
    if (values.unitId) next.set('unitId', String(values.unitId));
    if (values.roleId) next.set('roleId', String(values.roleId));
    if (values.active) next.set('active', values.active);
    if (limit !== 20) next.set('size', String(limit));
    setParams(next);
  };
  const clearFilters = () => {
    form.resetFields();
    applyFilters({});
  };
  const hasFilters = Boolean(filters.q || filters.unitId || filters.roleId || filters.active);

  const confirmStatus = (user: User) => {
    const deactivating = user.active;
    const name = user.displayName;
    modal.confirm({
      title: deactivating ? t('deactivateTitle', { name }) : t('activateTitle', { name }),
      content: deactivating ? t('deactivateBody') : t('activateBody'),
      okText: deactivating ? t('deactivate') : t('activate'),
      cancelText: t('cancel'),
      okButtonProps: { danger: deactivating },
      onOk: async () => {
        try {
          await update.mutateAsync({ id: user.id, body: { active: !deactivating } });
          message.success(deactivating ? t('deactivated', { name }) : t('activated', { name }));
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });
  };

  const confirmResetTotp = (user: User) => {
    const name = user.displayName;
    modal.confirm({
      title: t('resetTotpTitle', { name }),
      content: t('resetTotpBody'),
      okText: t('resetTotp'),
      cancelText: t('cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await resetTotp.mutateAsync(user.id);
          message.success(t('totpReset', { name }));
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });
  };

  const doUnlock = async (user: User) => {
    try {
      await unlock.mutateAsync(user.id);
      message.success(t('unlocked', { name: user.displayName }));
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const now = Date.now();
  const columns: TableColumnsType<User> = [
    {
      key: 'username',
      title: t('username'),
      width: 150,
      render: (_, u) => <Typography.Text strong={u.active} type={u.active ? undefined : 'secondary'}>{u.username}</Typography.Text>,
    },
    { key: 'displayName', title: t('displayName'), dataIndex: 'displayName', width: 120 },
    {
      key: 'unit',
      title: t('unit'),
      ellipsis: true,
      render: (_, u) => {
        const unit = unitIndex.byId.get(u.unitId);
        return unit ? unitName(unit, locale) : u.unitName;
      },
    },
    {
      key: 'roles',
      title: t('roles'),
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.roleIds.map((id) => {
            const role = rolesById.get(id);
            return (
              <Tag key={id} color={role?.builtIn ? 'blue' : 'purple'}>
                {role ? roleName(role, locale) : `#${id}`}
              </Tag>
            );
          })}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('status'),
      width: 200,
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.active ? <Tag color="success">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>}
          {isLocked(u, now) && (
            <Tooltip title={t('lockedUntil', { time: formatDateTime(u.lockedUntil) })}>
              <Tag color="error">{t('locked')}</Tag>
            </Tooltip>
          )}
          {u.mustChangePassword && (
            <Tooltip title={t('mustChangeTip')}>
              <Tag color="warning">{t('mustChange')}</Tag>
            </Tooltip>
          )}
          {u.totpEnabled && (
            <Tooltip title={t('totpTip')}>
              <Tag color="processing">{t('totp')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      key: 'lastLogin',
      title: t('lastLogin'),
      width: 150,
      render: (_, u) =>
        u.lastLoginAt ? formatDateTime(u.lastLoginAt) : <Typography.Text type="secondary">{t('neverLoggedIn')}</Typography.Text>,
    },
    {
      key: 'actions',
      title: t('actions'),
      width: 150,
      fixed: 'right',
      render: (_, u) => {
        const ab = u.abilities;
        const items: MenuItem[] = [];
        if (ab.resetPassword) items.push({ key: 'resetPassword', label: t('resetPassword'), onClick: () => setResetting(u) });
        if (ab.unlock) items.push({ key: 'unlock', label: t('unlock'), onClick: () => void doUnlock(u) });
        if (ab.resetTotp) items.push({ key: 'resetTotp', label: t('resetTotp'), onClick: () => confirmResetTotp(u) });
        if (ab.deactivate)
          items.push({
            key: 'status',
            label: u.active ? t('deactivate') : t('activate'),
            danger: u.active,
            onClick: () => confirmStatus(u),
          });
        return (
          <Space size={4}>
            {ab.update && (
              <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', user: u })}>
                {t('edit')}
              </Button>
            )}
            {items.length > 0 && (
              <Dropdown menu={{ items }} trigger={['click']}>
                <Button type="link" size="small">
                  {t('more')} <DownOutlined />
                </Button>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];

  const page = users.data;

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          can('user.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
              {t('create')}
            </Button>
          )
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form form={form} name="userFilters" onFinish={applyFilters} layout="horizontal" labelCol={{ flex: '80px' }}>
          <Row gutter={24}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="q" label={t('keyword')}>
                <Input allowClear placeholder={t('keywordPlaceholder')} maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="unitId" label={t('unit')}>
                <TreeSelect
                  allowClear
                  treeData={unitTree}
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  placeholder={t('unitPlaceholder')}
                  loading={units.isLoading}
                  listHeight={360}
                  treeDefaultExpandedKeys={unitIndex.roots.map((u) => u.id)}
                />
              </Form.Item>
            </Col>
            {expanded && (
              <>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name="roleId" label={t('role')}>
                    <Select
                      allowClear
                      placeholder={t('rolePlaceholder')}
                      loading={roles.isLoading}
                      options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleName(r, locale) }))}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name="active" label={t('status')}>
                    <Select
                      allowClear
                      placeholder={t('statusPlaceholder')}
                      options={[
                        { value: 'true', label: t('active') },
                        { value: 'false', label: t('inactive') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col flex="auto" style={{ textAlign: 'right', marginBottom: 24 }}>
              <Space>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('search')}
                </Button>
                <Button onClick={clearFilters}>{t('reset')}</Button>
                <Button type="link" onClick={() => setExpanded((e) => !e)} aria-expanded={expanded}>
                  {expanded ? t('collapse') : t('expand')} {expanded ? <UpOutlined /> : <DownOutlined />}
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card
        title={page ? t('total', { n: formatNumber(page.total) }) : ' '}
        extra={
          <Tooltip title={t('refresh')}>
            <Button
              icon={<ReloadOutlined />}
              aria-label={t('refresh')}
              loading={users.isFetching && !users.isPending}
              onClick={() => void users.refetch()}
            />
          </Tooltip>
        }
      >
        {users.isError && !page ? (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed')}
            description={errorText(users.error)}
            action={
              <Button size="small" onClick={() => void users.refetch()}>
                {t('retry')}
              </Button>
            }
          />
        ) : (
          <>
            <Table<User>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={page?.items ?? []}
              loading={users.isPending || (users.isPlaceholderData && users.isFetching)}
              pagination={false}
              sticky
              scroll={{ x: 1100 }}
              locale={{
                emptyText: users.isPending ? ' ' : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={hasFilters ? t('empty') : t('emptyNoFilter')}
                  >
                    {hasFilters ? (
                      <Button onClick={clearFilters}>{t('clearFilters')}</Button>
                    ) : (
                      can('user.manage') && (
                        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
                          {t('create')}
                        </Button>
                      )
                    )}
                  </Empty>
                ),
              }}
            />
            {page && (page.total > 0 || pager.page > 1) && (
              <KeysetPager
                totalText={t('total', { n: formatNumber(page.total) })}
                total={page.total}
                page={pager.page}
                pageSize={limit}
                nextCursor={page.nextCursor}
                loading={users.isFetching}
                onNext={pager.next}
                onPrev={pager.prev}
                onFirst={pager.first}
                onPageSizeChange={(size) => {
                  const next = new URLSearchParams(params);
                  if (size === 20) next.delete('size');
                  else next.set('size', String(size));
                  setParams(next);
                }}
              />
            )}
          </>
        )}
      </Card>
      <UserFormDrawer
        state={drawer}
        units={unitIndex}
        roles={roles.data ?? []}
        onClose={() => setDrawer(null)}
        onSaved={(user, mode) => {
          setDrawer(null);
          message.success(mode === 'create' ? t('created', { name: user.displayName }) : t('saved'));
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(user) => {
          setResetting(null);
          message.success(t('passwordReset', { name: user.displayName }));
        }}
      />
    </>
  );
}
