import { useMemo, useState } from 'react';
import { App, Button, Empty, Flex, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PERMISSIONS } from '../../../../common/src/permissions.js';
import type { Role } from '../../../../common/src/schemas/roles.js';
import { ApiRequestError } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { formatNumber, localizedName } from '../../components/format.js';
import { useErrorText } from '../../components/form-errors.js';
import { ListCard } from '../../components/list-card.js';
import { PageHeader } from '../../components/page-header.js';
import { useRoles } from '../../lib/shared-queries.js';
import { useDeleteRole, usePermissions, useUpdateRole, type PermissionInfo } from './api.js';
import { roleMessages } from './messages.js';
import { DUTY_CLASS_COLORS, groupByDutyClass, usePermissionLabels } from './permission-picker.js';
import { RoleFormDrawer, type RoleDrawerState } from './role-form-drawer.js';

export function RolesPage() {
  const t = useT(roleMessages);
  const { locale } = useLocale();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const labels = usePermissionLabels();
  const roles = useRoles();
  const permissions = usePermissions();
  const update = useUpdateRole();
  const remove = useDeleteRole();
  const [drawer, setDrawer] = useState<RoleDrawerState>(null);
  const [togglingId, setTogglingId] = useState<number | null>(null);
  const canManage = can('role.manage');

  // The server's catalogue, falling back to the shared definition while it loads.
  const catalog: PermissionInfo[] = useMemo(
    () => permissions.data ?? Object.entries(PERMISSIONS).map(([code, dutyClass]) => ({ code, dutyClass })),
    [permissions.data],
  );

  const toggleTotp = async (role: Role, on: boolean) => {
    setTogglingId(role.id);
    try {
      await update.mutateAsync({ id: role.id, body: { requireTotp: on } });
      const name = localizedName(role, locale);
      message.success(on ? t('totpOn', { name }) : t('totpOff', { name }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setTogglingId(null);
    }
  };

  const doDelete = async (role: Role) => {
    const name = localizedName(role, locale);
    try {
      await remove.mutateAsync(role.id);
      message.success(t('deleted', { name }));
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 409) modal.warning({ title: t('deleteFailed'), content: err.message });
      else message.error(errorText(err));
    }
  };

  const columns: TableColumnsType<Role> = [
    {
      key: 'name',
      title: t('name'),
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{localizedName(r, locale)}</Typography.Text>
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'type',
      title: t('type'),
      width: 100,
      render: (_, r) => (r.builtIn ? <Tag color="blue">{t('builtIn')}</Tag> : <Tag color="purple">{t('custom')}</Tag>),
    },
    {
      key: 'permissions',
      title: t('permissions'),
      render: (_, r) => (
        <Flex vertical gap={4}>
          {groupByDutyClass(r.permissions, catalog).map(([cls, codes]) => (
            <Flex key={cls} gap={6} align="baseline" wrap>
              <Typography.Text type="secondary" style={{ minWidth: locale === 'en-US' ? 150 : 64, fontSize: 12 }}>
                {labels.dutyClass(cls)}
              </Typography.Text>
              <span>
                {codes.map((code) => (
                  <Tooltip key={code} title={code}>
                    <Tag color={DUTY_CLASS_COLORS[cls] ?? 'default'} style={{ marginBlock: 2 }}>
                      {labels.permission(code)}
                    </Tag>
                  </Tooltip>
                ))}
              </span>
            </Flex>
          ))}
        </Flex>
      ),
    },
    {
      key: 'requireTotp',
      title: <Tooltip title={t('requireTotpHint')}>{t('requireTotp')}</Tooltip>,
      width: 130,
      render: (_, r) => (
        <Switch
          checked={r.requireTotp}
          disabled={!r.abilities.setRequireTotp}
          loading={togglingId === r.id}
          onChange={(on) => void toggleTotp(r, on)}
          aria-label={`${t('requireTotp')}: ${localizedName(r, locale)}`}
        />
      ),
    },
    {
      key: 'userCount',
      title: t('userCount'),
      width: 100,
      align: 'right',
      render: (_, r) => formatNumber(r.userCount),
    },
    {
      key: 'actions',
      title: t('actions'),
      width: 140,
      render: (_, r) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', role: r })}>
            {r.abilities.update ? t('edit') : t('view')}
          </Button>
          {r.abilities.delete && (
            <Popconfirm
              title={t('deleteTitle', { name: localizedName(r, locale) })}
              description={t('deleteBody')}
              okText={t('delete')}
              cancelText={t('cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => doDelete(r)}
            >
              <Button type="link" size="small" danger>
                {t('delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
              {t('create')}
            </Button>
          )
        }
      />
      <ListCard
        title={roles.data && t('total', { n: formatNumber(roles.data.length) })}
        query={roles}
        failed={roles.isError}
        loadFailed={t('loadFailed')}
      >
        <Table<Role>
          rowKey="id"
          columns={columns}
          dataSource={roles.data ?? []}
          loading={roles.isPending}
          pagination={false}
          sticky
          locale={{
            emptyText: roles.isPending ? ' ' : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')}>
                {canManage && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
                    {t('create')}
                  </Button>
                )}
              </Empty>
            ),
          }}
        />
      </ListCard>
      <RoleFormDrawer
        state={drawer}
        catalog={catalog}
        onClose={() => setDrawer(null)}
        onSaved={(role, mode) => {
          setDrawer(null);
          message.success(mode === 'create' ? t('created', { name: localizedName(role, locale) }) : t('saved'));
        }}
      />
    </>
  );
}
