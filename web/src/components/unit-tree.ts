import type { UnitKind } from '../../../common/src/dictionaries/unit-kinds.js';
import type { Unit } from '../../../common/src/schemas/units.js';
import type { Locale } from '../../../common/src/i18n/locale.js';
import { localizedName } from './format.js';

// Helpers for turning the flat unit list (GET /units) into trees, shared by the org tree, the
// account filters and every unit picker.

/** Tag colour per unit kind (antd preset colours). */
export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  district: 'red',
  street: 'geekblue',
  town: 'blue',
  community: 'cyan',
  village: 'green',
  memberUnit: 'purple',
  office: 'default',
  base: 'gold',
  platform: 'magenta',
  association: 'volcano',
  team: 'lime',
};

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Sort order first, then name. */
export function compareUnits(a: Unit, b: Unit): number {
  return a.sortOrder - b.sortOrder || collator.compare(a.name, b.name) || a.id - b.id;
}

export interface UnitIndex {
  byId: Map<number, Unit>;
  /** Children per parent id, sorted; roots (no parent in the list) under `null`. */
  children: Map<number | null, Unit[]>;
  roots: Unit[];
}

export function indexUnits(units: readonly Unit[]): UnitIndex {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<number | null, Unit[]>();
  for (const u of units) {
    const key = u.parentId !== null && byId.has(u.parentId) ? u.parentId : null;
    const list = children.get(key);
    if (list) list.push(u);
    else children.set(key, [u]);
  }
  for (const list of children.values()) list.sort(compareUnits);
  return { byId, children, roots: children.get(null) ?? [] };
}

/** Ids of the unit's ancestors within the list, nearest first. */
export function ancestorIds(index: UnitIndex, id: number): number[] {
  const out: number[] = [];
  let cur = index.byId.get(id);
  const seen = new Set<number>();
  while (cur && cur.parentId !== null && index.byId.has(cur.parentId) && !seen.has(cur.parentId)) {
    seen.add(cur.parentId);
    out.push(cur.parentId);
    cur = index.byId.get(cur.parentId);
  }
  return out;
}

/** The unit itself and all units below it. */
export function subtreeIds(index: UnitIndex, id: number): Set<number> {
  const out = new Set<number>([id]);
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    for (const c of index.children.get(cur) ?? []) {
      if (!out.has(c.id)) {
        out.add(c.id);
        stack.push(c.id);
      }
    }
  }
  return out;
}

export interface UnitTreeSelectNode {
  value: number;
  title: string;
  disabled?: boolean;
  children?: UnitTreeSelectNode[];
}

/**
 * TreeSelect data for a unit picker. `include` hides units (and their subtrees); `selectable`
 * greys out units that stay visible for context but cannot be picked.
 */
export function unitTreeSelectData(
  index: UnitIndex,
  locale: Locale,
  opts: { include?: (u: Unit) => boolean; selectable?: (u: Unit) => boolean } = {},
): UnitTreeSelectNode[] {
  const build = (list: Unit[]): UnitTreeSelectNode[] =>
    list
      .filter((u) => (opts.include ? opts.include(u) : true))
      .map((u) => {
        const kids = build(index.children.get(u.id) ?? []);
        return {
          value: u.id,
          title: localizedName(u, locale),
          disabled: opts.selectable ? !opts.selectable(u) : undefined,
          children: kids.length ? kids : undefined,
        };
      });
  return build(index.roots);
}
