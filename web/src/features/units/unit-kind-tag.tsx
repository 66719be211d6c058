import { Tag } from 'antd';
import type { UnitKind } from '../../../../common/src/schemas/units.js';
import { useT } from '../../lib/i18n.js';
import { unitMessages } from './messages.js';
import { UNIT_KIND_COLORS } from './unit-tree.js';

export function UnitKindTag({ kind, style }: { kind: UnitKind; style?: React.CSSProperties }) {
  const t = useT(unitMessages);
  return (
    <Tag color={UNIT_KIND_COLORS[kind]} style={style}>
      {t(`kind.${kind}`)}
    </Tag>
  );
}

export function InactiveTag() {
  const t = useT(unitMessages);
  return <Tag style={{ flex: 'none' }}>{t('inactive')}</Tag>;
}
