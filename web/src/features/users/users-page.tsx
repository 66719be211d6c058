import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Col, Dropdown, Empty, Form, Input, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import type { User } from '../../../../common/src/schemas/users.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { useAuth } from '../../lib/auth.js';
import { useConfirmAction } from '../../components/confirm-action.js';
import { FilterForm } from '../../components/filter-form.js';
import { formatDateTime, formatNumber, localizedName } from '../../components/format.js';
import { useErrorText } from '../../components/form-errors.js';
import { PageHeader } from '../../components/page-header.js';
import { KeysetPager, useKeysetPaging } from '../../components/keyset-pager.js';
import { ListCard } from '../../components/list-card.js';
import { indexUnits, unitTreeSelectData } from '../../components/unit-tree.js';
import { useRoles, useUnits } from '../../lib/shared-queries.js';
import { useResetTotp, useUnlockUser, useUpdateUser, useUsers, type UserFilters } from './api.js';
import { userMessages } from './messages.js';
import { ResetPasswordModal } from './reset-password-modal.js';
import { UserFormDrawer, type UserDrawerState } from './user-form-drawer.js';

type MenuItem = NonNullable<MenuProps['items']>[number];

const PAGE_SIZES = [20, 50, 100];

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
  const { message } = App.useApp();
  const errorText = useErrorText();
  const confirmAction = useConfirmAction();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const paging = useKeysetPaging(filters, PAGE_SIZES, 20);
  const [form] = Form.useForm<FilterValues>();
  const [drawer, setDrawer] = useState<UserDrawerState>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const users = useUsers(filters, paging.cursor, paging.pageSize);
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
    paging.addPageSize(next);
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
    confirmAction({
      title: deactivating ? t('deactivateTitle', { name }) : t('activateTitle', { name }),
      content: deactivating ? t('deactivateBody') : t('activateBody'),
      okText: deactivating ? t('deactivate') : t('activate'),
      danger: deactivating,
      action: () => update.mutateAsync({ id: user.id, body: { active: !deactivating } }),
      success: deactivating ? t('deactivated', { name }) : t('activated', { name }),
    });
  };

  const confirmResetTotp = (user: User) => {
    const name = user.displayName;
    confirmAction({
      title: t('resetTotpTitle', { name }),
      content: t('resetTotpBody'),
      okText: t('resetTotp'),
      danger: true,
      action: () => resetTotp.mutateAsync(user.id),
      success: t('totpReset', { name }),
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
        return unit ? localizedName(unit, locale) : u.unitName;
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
                {role ? localizedName(role, locale) : `#${id}`}
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
  const totalText = page && t('total', { n: formatNumber(page.total) });

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
      <FilterForm
        form={form}
        name="userFilters"
        onSearch={applyFilters}
        onReset={clearFilters}
        defaultExpanded={Boolean(filters.roleId || filters.active)}
        more={
          <>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="roleId" label={t('role')}>
                <Select
                  allowClear
                  placeholder={t('rolePlaceholder')}
                  loading={roles.isLoading}
                  options={(roles.data ?? []).map((r) => ({ value: r.id, label: localizedName(r, locale) }))}
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
        }
      >
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
      </FilterForm>
      <ListCard title={totalText} query={users} loadFailed={t('loadFailed')}>
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
        <KeysetPager paging={paging} result={page} totalText={totalText} loading={users.isFetching} />
      </ListCard>
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
