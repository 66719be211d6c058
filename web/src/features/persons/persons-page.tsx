import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Form, Space, Spin, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { DownloadOutlined, ExclamationCircleFilled, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { PersonListItem, PersonSort } from '../../../../common/src/schemas/persons.js';
import type { SavedView } from '../../../../common/src/schemas/saved-views.js';
import { dictLabel } from '../../../../common/src/dictionaries/dictionary.js';
import { EDUCATION, ETHNICITY, GENDER, POLITICAL } from '../../../../common/src/dictionaries/person-dictionaries.js';
import { useAuth } from '../../lib/auth.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { useErrorText } from '../../components/form-errors.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { useRememberedJob } from '../../components/job-progress.js';
import { KeysetPager, useKeysetPaging } from '../../components/keyset-pager.js';
import { ListCard } from '../../components/list-card.js';
import { PageHeader } from '../../components/page-header.js';
import { fetchPerson, usePersonCount, usePersons } from './api.js';
import { COLUMN_LABELS, ColumnChooser, DensitySwitch, useTablePrefs, type ColumnKey } from './columns.js';
import { ExportJobCard, ExportModal } from './export.js';
import { canonicalQuery, filtersFromParams, hasAnyFilter, listParams, orderFromParams } from './filters.js';
import { personMessages } from './messages.js';
import { PersonFilterForm, filtersToValues, hasMoreFilters, valuesToFilters, type FilterValues } from './person-filters.js';
import { PersonFormDrawer, type PersonDrawerState } from './person-form-drawer.js';
import { GroupTags, PlainTags, RepLevelTag, StatusTag } from './person-tags.js';
import { usePlaces } from './places.js';
import { SavedViewsBar, viewState } from './saved-views.js';

const PAGE_SIZES = [20, 50, 100];
const SORT_OF_COLUMN: Record<string, PersonSort> = { name: 'name', birthDate: 'birthDate', updatedAt: 'updated' };

export function PersonsPage() {
  const t = useT(personMessages);
  const { locale } = useLocale();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const order = useMemo(() => orderFromParams(params), [params]);
  const paging = useKeysetPaging({ filters, order }, PAGE_SIZES, 20);
  const [form] = Form.useForm<FilterValues>();
  const places = usePlaces();
  const prefs = useTablePrefs(me?.id ?? 0);
  const [drawer, setDrawer] = useState<PersonDrawerState>(null);
  const [opening, setOpening] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportJob, setExportJob] = useRememberedJob('persons.export');

  const list = usePersons(filters, order, paging.cursor, paging.pageSize);
  const count = usePersonCount(filters);

  // The form follows the URL (back/forward, shared links, saved views).
  useEffect(() => {
    form.setFieldsValue(filtersToValues(filters));
  }, [filters, form]);

  const goTo = (next: URLSearchParams) => setParams(next);
  const applyFilters = (values: FilterValues) => {
    goTo(listParams(valuesToFilters(values, filters), order, params.get('size')));
  };
  const clearFilters = () => {
    form.resetFields();
    goTo(listParams({}, order, params.get('size')));
  };
  const applyView = (view: SavedView) => {
    const state = viewState(view);
    setParams(new URLSearchParams(state.query));
    if (state.columns) prefs.setColumns(state.columns, false);
  };
  const filtered = hasAnyFilter(filters);
  const moreFilters = hasMoreFilters(filters);

  const openEdit = async (id: number) => {
    setOpening(id);
    try {
      setDrawer({ mode: 'edit', person: await fetchPerson(qc, id) });
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setOpening(null);
    }
  };

  const onTableChange: TableProps<PersonListItem>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? SORT_OF_COLUMN[String(s.columnKey)] : undefined;
    const next = sort ? { sort, order: s!.order === 'ascend' ? ('asc' as const) : ('desc' as const) } : { sort: 'updated' as const, order: 'desc' as const };
    goTo(listParams(filters, next, params.get('size')));
  };
  const sortOrderOf = (sort: PersonSort) => (order.sort === sort ? (order.order === 'asc' ? 'ascend' : 'descend') : null);

  const shown = new Set<ColumnKey>(prefs.columns);
  const dict = (d: Parameters<typeof dictLabel>[0]) => (code: string | null) => dictLabel(d, code, locale);
  const optional: Record<ColumnKey, TableColumnsType<PersonListItem>[number]> = {
    gender: { key: 'gender', title: t('field.gender'), width: 64, render: (_, p) => dict(GENDER)(p.gender) },
    birthDate: {
      key: 'birthDate',
      title: t('field.birthDate'),
      width: 116,
      sorter: true,
      sortOrder: sortOrderOf('birthDate'),
      render: (_, p) => p.birthDate ?? '',
    },
    ethnicity: { key: 'ethnicity', title: t('field.ethnicity'), width: 90, render: (_, p) => dict(ETHNICITY)(p.ethnicity) },
    residentId: {
      key: 'residentId',
      title: t('field.residentId'),
      width: 190,
      render: (_, p) =>
        p.residentId && (
          <Space size={4}>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>{p.residentId}</span>
            {!p.residentIdValid && (
              <Tooltip title={t('residentIdInvalid')}>
                <ExclamationCircleFilled style={{ color: '#ad4e00' }} aria-label={t('residentIdInvalid')} role="img" />
              </Tooltip>
            )}
          </Space>
        ),
    },
    mobile: {
      key: 'mobile',
      title: t('field.mobile'),
      width: 130,
      render: (_, p) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{p.mobile}</span>,
    },
    political: { key: 'political', title: t('field.political'), width: 120, render: (_, p) => dict(POLITICAL)(p.political) },
    education: { key: 'education', title: t('field.education'), width: 110, render: (_, p) => dict(EDUCATION)(p.education) },
    employer: {
      key: 'employer',
      title: t('employerPost'),
      width: 220,
      render: (_, p) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: p.employerName }} style={{ display: 'block', maxWidth: 204 }}>
            {p.employerName}
          </Typography.Text>
          {p.post && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.post}
            </Typography.Text>
          )}
        </div>
      ),
    },
    groups: { key: 'groups', title: t('field.groups'), width: 160, render: (_, p) => <GroupTags groups={p.groups} /> },
    place: {
      key: 'place',
      title: t('place'),
      width: 160,
      render: (_, p) => [p.workTownName, p.workCommunityName].filter(Boolean).join(' · '),
    },
    tags: { key: 'tags', title: t('field.tags'), width: 160, render: (_, p) => <PlainTags tags={p.tags} /> },
    repLevel: { key: 'repLevel', title: t('field.repLevel'), width: 120, render: (_, p) => <RepLevelTag level={p.repLevel} /> },
    status: { key: 'status', title: t('field.status'), width: 90, render: (_, p) => <StatusTag status={p.status} /> },
    updatedAt: {
      key: 'updatedAt',
      title: t('updatedAt'),
      width: 150,
      sorter: true,
      sortOrder: sortOrderOf('updated'),
      render: (_, p) => formatDateTime(p.updatedAt),
    },
  };

  const columns: TableColumnsType<PersonListItem> = [
    {
      key: 'name',
      title: t('field.name'),
      width: 110,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (_, p) => (
        <Link to={`/persons/${p.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
          {p.name}
        </Link>
      ),
    },
    ...(Object.keys(COLUMN_LABELS) as ColumnKey[]).filter((k) => shown.has(k)).map((k) => optional[k]),
    {
      key: 'actions',
      title: t('actions'),
      width: 120,
      fixed: 'right',
      render: (_, p) => (
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          <Link to={`/persons/${p.id}`} style={{ paddingInline: 7 }}>
            {t('view')}
          </Link>
          {p.abilities.update && (
            <Button type="link" size="small" loading={opening === p.id} onClick={() => void openEdit(p.id)}>
              {t('edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const page = list.data;
  const total = count.data;
  // A failed count leaves the title blank (the list itself still shows); refresh asks again.
  const totalText = count.isError && total === undefined ? null : total === undefined ? (
      <Space size={8}>
        <Spin size="small" aria-label={t('counting')} />
        <Typography.Text type="secondary">{t('counting')}</Typography.Text>
      </Space>
    ) : (
      t('total', { n: formatNumber(total) })
    );
  const listQuery = {
    ...list,
    isFetching: list.isFetching || count.isFetching,
    refetch: () => {
      void list.refetch();
      void count.refetch();
    },
  };
  const currentView = { query: canonicalQuery(params), columns: prefs.columns };

  const createButton = can('person.create') && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
      {t('create')}
    </Button>
  );
  const importButton = can('person.import') && (
    <Button icon={<UploadOutlined />} onClick={() => navigate('/persons/import')}>
      {t('import')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <>
            {importButton}
            {can('person.export') && (
              <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)}>
                {t('export')}
              </Button>
            )}
            {createButton}
          </>
        }
      />
      {/* Remounted (so opened) when the URL brings filters that sit behind "more filters", e.g. a view. */}
      <PersonFilterForm
        key={moreFilters ? 'more' : 'less'}
        form={form}
        places={places}
        expanded={moreFilters}
        onSearch={applyFilters}
        onReset={clearFilters}
      />
      {exportJob !== null && <ExportJobCard jobId={exportJob} onDismiss={() => setExportJob(null)} />}
      <ListCard title={totalText} query={listQuery} loadFailed={t('loadFailed')}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <SavedViewsBar current={currentView} onApply={applyView} />
          <Space size={8}>
            <ColumnChooser value={prefs.columns} onChange={(c) => prefs.setColumns(c)} />
            <DensitySwitch value={prefs.density} onChange={prefs.setDensity} />
          </Space>
        </Flex>
        {/* Its own stacking context: the fixed columns' z-indexes grow with the column count and would
            otherwise paint over the app's sticky top bar when the page scrolls. */}
        <div style={{ isolation: 'isolate' }}>
          <Table<PersonListItem>
            rowKey="id"
            size={prefs.density}
            columns={columns}
            dataSource={page?.items ?? []}
            loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
            pagination={false}
            sticky={{ offsetHeader: 64 }}
            scroll={{ x: 'max-content' }}
            showSorterTooltip={false}
            sortDirections={['ascend', 'descend']}
            onChange={onTableChange}
            onRow={(p) => ({ onClick: () => navigate(`/persons/${p.id}`), style: { cursor: 'pointer' } })}
            locale={{
              emptyText: list.isPending ? (
                ' '
              ) : (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    filtered ? (
                      t('empty')
                    ) : (
                      <>
                        <div>{t('emptyNoFilter')}</div>
                        <Typography.Text type="secondary">{t('emptyNoFilterHint')}</Typography.Text>
                      </>
                    )
                  }
                >
                  {filtered ? (
                    <Button onClick={clearFilters}>{t('clearFilters')}</Button>
                  ) : (
                    <Space>
                      {createButton}
                      {importButton}
                    </Space>
                  )}
                </Empty>
              ),
            }}
          />
        </div>
        <KeysetPager paging={paging} result={page ? { nextCursor: page.nextCursor, total } : undefined} totalText={totalText} loading={list.isFetching} />
      </ListCard>
      <PersonFormDrawer
        state={drawer}
        onClose={() => setDrawer(null)}
        onReloaded={(person) => setDrawer({ mode: 'edit', person })}
        onSaved={(person, mode) => {
          setDrawer(null);
          if (mode === 'create') {
            message.success(t('created', { name: person.name }));
            navigate(`/persons/${person.id}`);
          } else {
            message.success(t('saved'));
          }
        }}
      />
      <ExportModal
        open={exporting}
        filters={filters}
        order={order}
        columns={prefs.columns}
        total={total}
        onClose={() => setExporting(false)}
        onStarted={(jobId) => {
          setExporting(false);
          setExportJob(jobId);
          message.success(t('exportStarted'));
        }}
      />
    </>
  );
}

