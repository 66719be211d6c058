import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import type { UnitKind } from '../../../common/src/dictionaries/unit-kinds.js';
import { useT } from '../lib/i18n.js';
import { componentMessages } from './messages.js';
import { UNIT_KIND_COLORS } from './unit-tree.js';

// The coloured tag of a unit's kind, and the grey tag of a deactivated unit (org tree, unit details,
// and any list that shows units).

export function UnitKindTag({ kind, style }: { kind: UnitKind; style?: CSSProperties }) {
  const t = useT(componentMessages);
  return (
    <Tag color={UNIT_KIND_COLORS[kind]} style={style}>
      {t(`unitKind.${kind}`)}
    </Tag>
  );
}

export function InactiveTag() {
  const t = useT(componentMessages);
  return <Tag style={{ flex: 'none' }}>{t('unit.inactive')}</Tag>;
}
