import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Empty, Flex, Input, Select, Skeleton, Space, Switch, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { UNIT_KINDS, type UnitKind } from '../../../../common/src/dictionaries/unit-kinds.js';
import type { Unit } from '../../../../common/src/schemas/units.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { useConfirmAction } from '../../components/confirm-action.js';
import { useErrorText } from '../../components/form-errors.js';
import { localizedName } from '../../components/format.js';
import { LoadErrorAlert } from '../../components/load-error-alert.js';
import { componentMessages } from '../../components/messages.js';
import { PageHeader } from '../../components/page-header.js';
import { InactiveTag, UnitKindTag } from '../../components/unit-kind-tag.js';
import { ancestorIds, indexUnits } from '../../components/unit-tree.js';
import { useUnits } from '../../lib/shared-queries.js';
import { useDeleteUnit, useUpdateUnit } from './api.js';
import { unitMessages } from './messages.js';
import { UnitDetails, type UnitActions } from './unit-details.js';
import { UnitFormDrawer, type UnitDrawerState } from './unit-form-drawer.js';
import { UnitMoveModal } from './unit-move-modal.js';
import { ApiRequestError } from '../../lib/api.js';

function parseKind(value: string | null): UnitKind | undefined {
  return (UNIT_KINDS as readonly string[]).includes(value ?? '') ? (value as UnitKind) : undefined;
}

/** Marks the matched part of a name. */
function Highlight({ text, query }: { text: string; query: string }) {
  if (!query) return <>{text}</>;
  const i = text.toLowerCase().indexOf(query.toLowerCase());
  if (i < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, i)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{text.slice(i, i + query.length)}</mark>
      {text.slice(i + query.length)}
    </>
  );
}

function useTreeHeight(): number {
  const [h, setH] = useState(() => Math.max(360, window.innerHeight - 330));
  useEffect(() => {
    const onResize = () => setH(Math.max(360, window.innerHeight - 330));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return h;
}

export function UnitsPage() {
  const t = useT(unitMessages);
  const tc = useT(componentMessages);
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const confirmAction = useConfirmAction();
  const [params, setParams] = useSearchParams();
  const kind = parseKind(params.get('kind'));
  const showInactive = params.get('inactive') === '1';
  const selectedId = Number(params.get('unit')) || null;
  const [search, setSearch] = useState('');
  const query = search.trim();

  const units = useUnits();
  const index = useMemo(() => indexUnits(units.data ?? []), [units.data]);
  const selected = selectedId !== null ? (index.byId.get(selectedId) ?? null) : null;

  const [expandedKeys, setExpandedKeys] = useState<number[]>([]);
  const [autoExpand, setAutoExpand] = useState(true);
  const [drawer, setDrawer] = useState<UnitDrawerState>(null);
  const [moving, setMoving] = useState<Unit | null>(null);
  const update = useUpdateUnit();
  const remove = useDeleteUnit();
  const treeHeight = useTreeHeight();

  const setParam = (key: string, value: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  };

  const select = (id: number | null) => {
    setParam('unit', id === null ? null : String(id));
    if (id !== null) {
      const up = ancestorIds(index, id);
      setExpandedKeys((keys) => [...new Set([...keys, ...up])]);
    }
  };

  // First load: open the top two levels and the way down to a unit named in the URL.
  useEffect(() => {
    if (!units.data || expandedKeys.length) return;
    const initial = index.roots.map((u) => u.id);
    if (selectedId !== null) initial.push(...ancestorIds(index, selectedId));
    setExpandedKeys([...new Set(initial)]);
  }, [units.data]);

  const matches = (u: Unit) => {
    if (!query) return true;
    const q = query.toLowerCase();
    return u.name.toLowerCase().includes(q) || u.nameEn.toLowerCase().includes(q) || (u.code ?? '').toLowerCase().includes(q);
  };
  const visible = (u: Unit) => showInactive || u.active;

  const nodeTitle = (u: Unit, extra?: ReactNode) => (
    <span
      title={localizedName(u, locale)}
      style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0, opacity: u.active ? 1 : 0.55 }}
    >
      <UnitKindTag kind={u.kind} style={{ marginInlineEnd: 0, flex: 'none' }} />
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}>
        <Highlight text={localizedName(u, locale)} query={query} />
      </span>
      {extra}
      {!u.active && <InactiveTag />}
    </span>
  );

  const { treeData, matchAncestors, count } = useMemo(() => {
    if (kind) {
      // A flat list of one kind, e.g. all towns (from the workbench's figures).
      const list = (units.data ?? []).filter((u) => u.kind === kind && visible(u) && matches(u));
      list.sort((a, b) => {
        const pa = a.parentId ?? 0;
        const pb = b.parentId ?? 0;
        return pa - pb || a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
      });
      const data: TreeDataNode[] = list.map((u) => {
        const parent = u.parentId !== null ? index.byId.get(u.parentId) : undefined;
        return {
          key: u.id,
          isLeaf: true,
          title: nodeTitle(
            u,
            parent && (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {localizedName(parent, locale)}
              </Typography.Text>
            ),
          ),
        };
      });
      return { treeData: data, matchAncestors: [] as number[], count: list.length };
    }
    const open = new Set<number>();
    let n = 0;
    const build = (list: Unit[]): TreeDataNode[] => {
      const out: TreeDataNode[] = [];
      for (const u of list) {
        if (!visible(u)) continue;
        const kids = build(index.children.get(u.id) ?? []);
        const self = matches(u);
        if (!self && kids.length === 0) continue;
        if (query && kids.length) open.add(u.id);
        if (self) n++;
        out.push({ key: u.id, title: nodeTitle(u), children: kids.length ? kids : undefined, isLeaf: kids.length === 0 });
      }
      return out;
    };
    const data = build(index.roots);
    return { treeData: data, matchAncestors: [...open], count: n };
  }, [units.data, index, kind, showInactive, query, locale]);

  // Searching opens every branch that leads to a match.
  useEffect(() => {
    if (query) {
      setExpandedKeys(matchAncestors);
      setAutoExpand(true);
    }
  }, [query, matchAncestors]);

  const afterSave = (unit: Unit, mode: 'create' | 'edit') => {
    setDrawer(null);
    message.success(mode === 'create' ? t('created', { name: localizedName(unit, locale) }) : t('saved'));
    if (mode === 'create') {
      if (unit.parentId !== null) setExpandedKeys((keys) => [...new Set([...keys, unit.parentId!])]);
      setParam('unit', String(unit.id));
    }
  };

  const actions: UnitActions = {
    onSelect: (id) => select(id),
    onAddChild: (unit) => setDrawer({ mode: 'create', parent: unit }),
    onEdit: (unit) => setDrawer({ mode: 'edit', unit }),
    onMove: (unit) => setMoving(unit),
    onToggleActive: (unit) => {
      const name = localizedName(unit, locale);
      const deactivating = unit.active;
      confirmAction({
        title: deactivating ? t('deactivateTitle', { name }) : t('activateTitle', { name }),
        content: deactivating ? t('deactivateBody') : t('activateBody'),
        okText: deactivating ? t('deactivate') : t('activate'),
        danger: deactivating,
        action: () => update.mutateAsync({ id: unit.id, body: { active: !deactivating } }),
        success: deactivating ? t('deactivated', { name }) : t('activated', { name }),
      });
    },
    onDelete: async (unit) => {
      const name = localizedName(unit, locale);
      try {
        await remove.mutateAsync(unit.id);
        message.success(t('deleted', { name }));
        select(unit.parentId);
      } catch (err) {
        if (err instanceof ApiRequestError && err.status === 409) {
          modal.warning({ title: t('deleteFailed'), content: err.message, okText: t('ok') });
        } else {
          message.error(errorText(err));
        }
      }
    },
  };

  const filtered = Boolean(query || kind);

  let treeBody: ReactNode;
  if (units.isPending) treeBody = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (units.isError)
    treeBody = <LoadErrorAlert title={t('loadFailed')} error={units.error} onRetry={() => void units.refetch()} />;
  else if (treeData.length === 0)
    treeBody = (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('noMatch') : t('noUnits')}>
        {filtered && (
          <Button
            onClick={() => {
              setSearch('');
              setParam('kind', null);
            }}
          >
            {t('clearFilters')}
          </Button>
        )}
      </Empty>
    );
  else
    treeBody = (
      <Tree
        blockNode
        showLine={!kind}
        height={filtered ? treeHeight - 34 : treeHeight}
        treeData={treeData}
        expandedKeys={expandedKeys}
        autoExpandParent={autoExpand}
        onExpand={(keys) => {
          setExpandedKeys(keys.map(Number));
          setAutoExpand(false);
        }}
        selectedKeys={selectedId !== null ? [selectedId] : []}
        onSelect={(keys) => {
          if (keys.length) select(Number(keys[0]));
        }}
      />
    );

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => units.refetch()} loading={units.isFetching && !units.isPending}>
            {tc('refresh')}
          </Button>
        }
      />
      <Flex gap={16} align="flex-start">
        <Card style={{ width: 420, flex: 'none' }} styles={{ body: { padding: 16 } }}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Input.Search
              allowClear
              placeholder={t('searchPlaceholder')}
              aria-label={t('searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <Flex gap={12} align="center" justify="space-between">
              <Select<UnitKind>
                allowClear
                aria-label={t('kindFilter')}
                placeholder={t('allKinds')}
                value={kind}
                onChange={(v) => setParam('kind', v ?? null)}
                options={UNIT_KINDS.map((k) => ({ value: k, label: tc(`unitKind.${k}`) }))}
                style={{ flex: 1, minWidth: 0 }}
              />
              <Space size={6}>
                <Switch
                  size="small"
                  id="units-show-inactive"
                  checked={showInactive}
                  onChange={(on) => setParam('inactive', on ? '1' : null)}
                />
                <label htmlFor="units-show-inactive">{t('showInactive')}</label>
              </Space>
            </Flex>
            {filtered && !units.isPending && treeData.length > 0 && (
              <Typography.Text type="secondary">{query ? t('searchCount', { n: count }) : t('kindCount', { n: count })}</Typography.Text>
            )}
            {treeBody}
          </Space>
        </Card>
        <div style={{ flex: 1, minWidth: 0 }}>
          {units.isPending ? (
            <Card>
              <Skeleton active paragraph={{ rows: 8 }} />
            </Card>
          ) : (
            <UnitDetails unit={selected} index={index} actions={actions} />
          )}
        </div>
      </Flex>
      <UnitFormDrawer state={drawer} onClose={() => setDrawer(null)} onSaved={afterSave} />
      <UnitMoveModal
        unit={moving}
        index={index}
        onClose={() => setMoving(null)}
        onMoved={(unit, parent) => {
          setMoving(null);
          message.success(t('moved', { parent: localizedName(parent, locale) }));
          setExpandedKeys((keys) => [...new Set([...keys, parent.id, ...ancestorIds(index, parent.id)])]);
          select(unit.id);
        }}
      />
    </>
  );
}

