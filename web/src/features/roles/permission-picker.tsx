import { Checkbox, Flex, Tag, Typography } from 'antd';
import { DUTY_CLASSES } from '../../../../common/src/permissions.js';
import { useT } from '../../lib/i18n.js';
import type { PermissionInfo } from './api.js';
import { dutyClassKey, permissionKey, roleMessages } from './messages.js';

export const DUTY_CLASS_COLORS: Record<string, string> = {
  shared: 'default',
  business: 'blue',
  system: 'purple',
  security: 'volcano',
  audit: 'gold',
  portal: 'green',
};

/** Permissions grouped by duty class, in the order of DUTY_CLASSES (unknown classes last). */
export function groupByDutyClass(codes: readonly string[], catalog: readonly PermissionInfo[]): [string, string[]][] {
  const classOf = new Map(catalog.map((p) => [p.code, p.dutyClass]));
  const groups = new Map<string, string[]>();
  for (const code of codes) {
    const cls = classOf.get(code) ?? 'unknown';
    groups.set(cls, [...(groups.get(cls) ?? []), code]);
  }
  const order = (c: string) => {
    const i = (DUTY_CLASSES as readonly string[]).indexOf(c);
    return i < 0 ? DUTY_CLASSES.length : i;
  };
  return [...groups.entries()].sort((a, b) => order(a[0]) - order(b[0]));
}

/** The duty classes (besides `shared`) a set of permissions spans. */
export function dutyClassesIn(codes: readonly string[], catalog: readonly PermissionInfo[]): string[] {
  const classOf = new Map(catalog.map((p) => [p.code, p.dutyClass]));
  return [...new Set(codes.map((c) => classOf.get(c)).filter((c): c is string => !!c && c !== 'shared'))];
}

export function usePermissionLabels() {
  const t = useT(roleMessages);
  return {
    permission: (code: string) => {
      const key = permissionKey(code);
      return key ? t(key) : code;
    },
    dutyClass: (cls: string) => {
      const key = dutyClassKey(cls);
      return key ? t(key) : cls;
    },
  };
}

/** Checkbox groups, one per duty class, editing a list of permission codes. */
export function PermissionPicker({
  catalog,
  value = [],
  onChange,
  id,
  disabled,
}: {
  catalog: readonly PermissionInfo[];
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
  disabled?: boolean;
}) {
  const labels = usePermissionLabels();
  const groups = groupByDutyClass(
    catalog.map((p) => p.code),
    catalog,
  );
  return (
    <Flex vertical gap={8} id={id}>
      {groups.map(([cls, codes]) => {
        const selected = value.filter((v) => codes.includes(v));
        const all = selected.length === codes.length;
        return (
          <div
            key={cls}
            style={{ border: '1px solid rgba(5,5,5,0.06)', borderRadius: 6, padding: '8px 12px' }}
            role="group"
            aria-label={labels.dutyClass(cls)}
          >
            <Flex align="center" gap={8} style={{ marginBottom: 6 }}>
              <Checkbox
                disabled={disabled}
                checked={all}
                indeterminate={selected.length > 0 && !all}
                onChange={(e) =>
                  onChange?.(e.target.checked ? [...new Set([...value, ...codes])] : value.filter((v) => !codes.includes(v)))
                }
              >
                <Tag color={DUTY_CLASS_COLORS[cls] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                  {labels.dutyClass(cls)}
                </Tag>
              </Checkbox>
            </Flex>
            <Checkbox.Group
              disabled={disabled}
              value={selected}
              onChange={(next) => onChange?.([...value.filter((v) => !codes.includes(v)), ...(next as string[])])}
              style={{ paddingInlineStart: 24, rowGap: 4 }}
              options={codes.map((code) => ({
                value: code,
                label: (
                  <span>
                    {labels.permission(code)}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {code}
                    </Typography.Text>
                  </span>
                ),
              }))}
            />
          </div>
        );
      })}
    </Flex>
  );
}
