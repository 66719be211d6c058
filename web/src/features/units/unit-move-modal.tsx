import { useMemo } from 'react';
import { Form, TreeSelect, Typography } from 'antd';
import { ALLOWED_PARENT_KINDS } from '../../../../common/src/dictionaries/unit-kinds.js';
import type { Unit } from '../../../../common/src/schemas/units.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { FormModal } from '../../components/form-modal.js';
import { localizedName } from '../../components/format.js';
import { ancestorIds, subtreeIds, unitTreeSelectData, type UnitIndex } from '../../components/unit-tree.js';
import { useUpdateUnit } from './api.js';
import { unitMessages } from './messages.js';

const FORM_ID = 'unitMove';

interface FormValues {
  parentId?: number;
}

export function UnitMoveModal({
  unit,
  index,
  onClose,
  onMoved,
}: {
  unit: Unit | null;
  index: UnitIndex;
  onClose: () => void;
  onMoved: (unit: Unit, parent: Unit) => void;
}) {
  const t = useT(unitMessages);
  const { locale } = useLocale();
  const update = useUpdateUnit();

  return (
    <FormModal<FormValues>
      open={unit !== null}
      title={unit ? t('moveTitle', { name: localizedName(unit, locale) }) : ''}
      name={FORM_ID}
      okText={t('move')}
      submitting={update.isPending}
      onClose={onClose}
      onSubmit={async ({ parentId }) => {
        if (!unit) return;
        const moved = await update.mutateAsync({ id: unit.id, body: { parentId: parentId! } });
        onMoved(moved, index.byId.get(parentId!)!);
      }}
    >
      {unit && <MoveFields unit={unit} index={index} />}
    </FormModal>
  );
}

function MoveFields({ unit, index }: { unit: Unit; index: UnitIndex }) {
  const t = useT(unitMessages);
  const { locale } = useLocale();

  const { treeData, expanded } = useMemo(() => {
    const own = subtreeIds(index, unit.id);
    const allowed = ALLOWED_PARENT_KINDS[unit.kind];
    const data = unitTreeSelectData(index, locale, {
      include: (u) => u.active && !own.has(u.id),
      selectable: (u) => allowed.includes(u.kind) && u.abilities.addChild && u.id !== unit.parentId,
    });
    // Open the levels down to the current parent so the user sees where the unit is now.
    return { treeData: data, expanded: unit.parentId ? [unit.parentId, ...ancestorIds(index, unit.parentId)] : [] };
  }, [unit, index, locale]);

  return (
    <>
      <Typography.Paragraph type="secondary">{t('moveHint')}</Typography.Paragraph>
      <Form.Item name="parentId" label={t('newParent')} rules={[{ required: true, message: t('newParentRequired') }]}>
        <TreeSelect
          treeData={treeData}
          treeDefaultExpandedKeys={expanded}
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('newParentRequired')}
          listHeight={360}
          style={{ width: '100%' }}
        />
      </Form.Item>
    </>
  );
}
