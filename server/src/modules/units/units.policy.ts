import { ALLOWED_PARENT_KINDS, UNIT_KINDS, type UnitKind } from '../../../../common/src/dictionaries/unit-kinds.js';
import { can, type Ctx } from '../../platform/context.js';
import type { UnitRow } from './units.repository.js';

/** What this actor may do with this unit; the UI shows exactly these actions. */
export function unitAbilities(ctx: Ctx, unit: UnitRow) {
  const manage = can(ctx, 'unit.manage');
  const isRoot = unit.parent_id === null;
  const active = unit.active === 1;
  const childKinds = UNIT_KINDS.filter((k) => ALLOWED_PARENT_KINDS[k].includes(unit.kind as UnitKind));
  return {
    update: manage,
    move: manage && !isRoot,
    deactivate: manage && !isRoot,
    delete: manage && !isRoot,
    addChild: manage && active && childKinds.length > 0,
  };
}
