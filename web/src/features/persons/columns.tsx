import { useState } from 'react';
import { Button, Checkbox, Divider, Dropdown, Flex, Popover, Tooltip } from 'antd';
import type { TableProps } from 'antd';
import { ColumnHeightOutlined, SettingOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n.js';
import { personMessages, type PersonMessageKey } from './messages.js';

// The person list's optional columns, which ones are shown (remembered per user in this browser),
// and the row density.

export const COLUMN_KEYS = [
  'gender',
  'birthDate',
  'ethnicity',
  'residentId',
  'mobile',
  'political',
  'education',
  'employer',
  'groups',
  'place',
  'tags',
  'repLevel',
  'status',
  'updatedAt',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const DEFAULT_COLUMNS: ColumnKey[] = ['gender', 'birthDate', 'residentId', 'mobile', 'political', 'employer', 'groups', 'place', 'repLevel', 'status'];

export const COLUMN_LABELS: Record<ColumnKey, PersonMessageKey> = {
  gender: 'field.gender',
  birthDate: 'field.birthDate',
  ethnicity: 'field.ethnicity',
  residentId: 'field.residentId',
  mobile: 'field.mobile',
  political: 'field.political',
  education: 'field.education',
  employer: 'employerPost',
  groups: 'field.groups',
  place: 'place',
  tags: 'field.tags',
  repLevel: 'field.repLevel',
  status: 'field.status',
  updatedAt: 'updatedAt',
};

/** The export columns (server's EXPORT_COLUMNS keys) each list column becomes; not every column exports. */
export const EXPORT_FIELDS: Record<ColumnKey, string[]> = {
  gender: ['gender'],
  birthDate: ['birthDate'],
  ethnicity: ['ethnicity'],
  residentId: ['residentId'],
  mobile: ['mobile'],
  political: ['political'],
  education: ['education'],
  employer: ['employer', 'post'],
  groups: ['groups'],
  place: ['workTown', 'workCommunity'],
  tags: ['tags'],
  repLevel: ['repLevel'],
  status: ['status'],
  updatedAt: [],
};

export function exportColumns(columns: ColumnKey[]): string[] {
  return ['name', ...COLUMN_KEYS.filter((k) => columns.includes(k)).flatMap((k) => EXPORT_FIELDS[k])];
}

export function sanitizeColumns(value: unknown): ColumnKey[] | null {
  if (!Array.isArray(value)) return null;
  const keys = value.filter((v): v is ColumnKey => (COLUMN_KEYS as readonly string[]).includes(v as string));
  return keys.length ? keys : null;
}

export type Density = NonNullable<TableProps['size']>;

interface TablePrefs {
  columns: ColumnKey[];
  density: Density;
}

const prefsKey = (userId: number) => `tongxin.persons.table.${userId}`;

function readPrefs(userId: number): TablePrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(prefsKey(userId)) ?? 'null') as Partial<TablePrefs> | null;
    return {
      columns: sanitizeColumns(raw?.columns) ?? DEFAULT_COLUMNS,
      density: raw?.density === 'small' ? 'small' : 'middle',
    };
  } catch {
    return { columns: DEFAULT_COLUMNS, density: 'middle' };
  }
}

/** Columns and density: from this browser's memory for the user; `remember` stores a choice. */
export function useTablePrefs(userId: number) {
  const [prefs, setPrefs] = useState<TablePrefs>(() => readPrefs(userId));
  const update = (next: Partial<TablePrefs>, remember: boolean) => {
    setPrefs((cur) => {
      const merged = { ...cur, ...next };
      if (remember) localStorage.setItem(prefsKey(userId), JSON.stringify(merged));
      return merged;
    });
  };
  return {
    ...prefs,
    setColumns: (columns: ColumnKey[], remember = true) => update({ columns }, remember),
    setDensity: (density: Density) => update({ density }, true),
  };
}

export function ColumnChooser({ value, onChange }: { value: ColumnKey[]; onChange: (next: ColumnKey[]) => void }) {
  const t = useT(personMessages);
  const content = (
    <div style={{ width: 200 }}>
      <Checkbox.Group
        value={value}
        onChange={(next) => onChange(COLUMN_KEYS.filter((k) => (next as string[]).includes(k)))}
        style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        options={COLUMN_KEYS.map((k) => ({ value: k, label: t(COLUMN_LABELS[k]) }))}
      />
      <Divider style={{ margin: '10px 0' }} />
      <Flex justify="flex-end">
        <Button size="small" onClick={() => onChange(DEFAULT_COLUMNS)}>
          {t('columnsReset')}
        </Button>
      </Flex>
    </div>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight" title={t('columns')}>
      <Tooltip title={t('columns')}>
        <Button icon={<SettingOutlined />} aria-label={t('columns')} />
      </Tooltip>
    </Popover>
  );
}

export function DensitySwitch({ value, onChange }: { value: Density; onChange: (next: Density) => void }) {
  const t = useT(personMessages);
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [value],
        items: (['middle', 'small'] as const).map((d) => ({ key: d, label: t(`density.${d}`) })),
        onClick: ({ key }) => onChange(key as Density),
      }}
    >
      <Tooltip title={t('density')}>
        <Button icon={<ColumnHeightOutlined />} aria-label={t('density')} />
      </Tooltip>
    </Dropdown>
  );
}
