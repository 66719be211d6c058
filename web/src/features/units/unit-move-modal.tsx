import { useMemo, useState } from 'react';
import { Alert, Form, Modal, TreeSelect, Typography } from 'antd';
import { ALLOWED_PARENT_KINDS, type Unit } from '../../../../common/src/schemas/units.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { useUpdateUnit } from './api.js';
import { useFormError } from './form-errors.js';
import { unitMessages } from './messages.js';
import { ancestorIds, subtreeIds, unitName, unitTreeSelectData, type UnitIndex } from './unit-tree.js';

const FORM_ID = 'unitMove';

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
    <Modal
      open={unit !== null}
      title={unit ? t('moveTitle', { name: unitName(unit, locale) }) : ''}
      onCancel={onClose}
      okText={t('move')}
      cancelText={t('cancel')}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID }}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      {unit && (
        <MoveForm
          unit={unit}
          index={index}
          submit={async (parentId) => {
            const moved = await update.mutateAsync({ id: unit.id, body: { parentId } });
            onMoved(moved, index.byId.get(parentId)!);
          }}
        />
      )}
    </Modal>
  );
}

function MoveForm({ unit, index, submit }: { unit: Unit; index: UnitIndex; submit: (parentId: number) => Promise<void> }) {
  const t = useT(unitMessages);
  const { locale } = useLocale();
  const [form] = Form.useForm<{ parentId?: number }>();
  const [formError, setFormError] = useState<string | null>(null);
  const formErrorOf = useFormError();

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

  const onFinish = async ({ parentId }: { parentId?: number }) => {
    setFormError(null);
    try {
      await submit(parentId!);
    } catch (err) {
      setFormError(formErrorOf(form, err));
    }
  };

  return (
    <>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('moveHint')}</Typography.Paragraph>
      <Form form={form} name={FORM_ID} layout="vertical" onFinish={onFinish}>
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
      </Form>
    </>
  );
}
