import { Button, Card, Descriptions, Empty, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  DeleteOutlined,
  DragOutlined,
  EditOutlined,
  PlusOutlined,
  PoweroffOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { Unit } from '../../../../common/src/schemas/units.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { unitMessages } from './messages.js';
import { localizedName } from '../../components/format.js';
import { InactiveTag, UnitKindTag } from '../../components/unit-kind-tag.js';
import type { UnitIndex } from '../../components/unit-tree.js';

export interface UnitActions {
  onSelect: (id: number) => void;
  onAddChild: (unit: Unit) => void;
  onEdit: (unit: Unit) => void;
  onMove: (unit: Unit) => void;
  onToggleActive: (unit: Unit) => void;
  onDelete: (unit: Unit) => Promise<void>;
}

export function UnitDetails({ unit, index, actions }: { unit: Unit | null; index: UnitIndex; actions: UnitActions }) {
  const t = useT(unitMessages);
  const { locale } = useLocale();

  if (!unit) {
    return (
      <Card style={{ height: '100%' }}>
        <Empty
          image={<ApartmentOutlined style={{ fontSize: 56, color: 'rgba(0,0,0,0.25)' }} />}
          description={t('selectHint')}
          style={{ padding: '96px 0' }}
        />
      </Card>
    );
  }

  const parent = unit.parentId !== null ? index.byId.get(unit.parentId) : undefined;
  const children = index.children.get(unit.id) ?? [];
  const ab = unit.abilities;
  const name = localizedName(unit, locale);

  const toolbar = (
    <Space wrap>
      {ab.addChild && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => actions.onAddChild(unit)}>
          {t('addChild')}
        </Button>
      )}
      {ab.update && (
        <Button icon={<EditOutlined />} onClick={() => actions.onEdit(unit)}>
          {t('edit')}
        </Button>
      )}
      {ab.move && (
        <Button icon={<DragOutlined />} onClick={() => actions.onMove(unit)}>
          {t('move')}
        </Button>
      )}
      {ab.deactivate && (
        <Button icon={unit.active ? <StopOutlined /> : <PoweroffOutlined />} onClick={() => actions.onToggleActive(unit)}>
          {unit.active ? t('deactivate') : t('activate')}
        </Button>
      )}
      {ab.delete && (
        <Popconfirm
          title={t('deleteTitle', { name })}
          description={t('deleteBody')}
          okText={t('delete')}
          cancelText={t('cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => actions.onDelete(unit)}
        >
          <Button danger icon={<DeleteOutlined />}>
            {t('delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {name}
          </Typography.Title>
          <UnitKindTag kind={unit.kind} />
          {!unit.active && <InactiveTag />}
        </Flex>
        {toolbar}
      </Flex>
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'name', label: t('name'), children: unit.name },
          { key: 'nameEn', label: t('nameEn'), children: unit.nameEn || <Typography.Text type="secondary">{t('none')}</Typography.Text> },
          { key: 'kind', label: t('kind'), children: <UnitKindTag kind={unit.kind} /> },
          { key: 'code', label: t('code'), children: unit.code || <Typography.Text type="secondary">{t('none')}</Typography.Text> },
          {
            key: 'parent',
            label: t('parent'),
            children: parent ? (
              <Typography.Link onClick={() => actions.onSelect(parent.id)}>{localizedName(parent, locale)}</Typography.Link>
            ) : (
              <Typography.Text type="secondary">{t('none')}</Typography.Text>
            ),
          },
          { key: 'sub', label: t('subUnits'), children: t('subUnitCount', { n: unit.childCount }) },
          { key: 'sortOrder', label: t('sortOrder'), children: unit.sortOrder },
          {
            key: 'status',
            label: t('status'),
            children: unit.active ? <Tag color="success">{t('active')}</Tag> : <InactiveTag />,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('childrenTitle', { n: children.length })}
      </Typography.Title>
      <Table<Unit>
        size="small"
        rowKey="id"
        dataSource={children}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noChildren')}>
              {ab.addChild && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => actions.onAddChild(unit)}>
                  {t('addChild')}
                </Button>
              )}
            </Empty>
          ),
        }}
        columns={[
          {
            key: 'name',
            title: t('name'),
            render: (_, u) => (
              <Typography.Link onClick={() => actions.onSelect(u.id)} type={u.active ? undefined : 'secondary'}>
                {localizedName(u, locale)}
              </Typography.Link>
            ),
          },
          { key: 'kind', title: t('kind'), width: 140, render: (_, u) => <UnitKindTag kind={u.kind} /> },
          { key: 'code', title: t('code'), width: 160, render: (_, u) => u.code ?? '' },
          { key: 'sub', title: t('subUnits'), width: 100, render: (_, u) => u.childCount },
          {
            key: 'status',
            title: t('status'),
            width: 110,
            render: (_, u) => (u.active ? <Tag color="success">{t('active')}</Tag> : <InactiveTag />),
          },
        ]}
      />
    </Card>
  );
}
