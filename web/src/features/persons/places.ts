import { useMemo } from 'react';
import type { Unit } from '../../../../common/src/schemas/units.js';
import type { Locale } from '../../../../common/src/i18n/locale.js';
import { useAuth } from '../../lib/auth.js';
import { useLocale } from '../../lib/i18n.js';
import { useUnits } from '../../lib/shared-queries.js';
import { localizedName } from '../../components/format.js';
import { compareUnits } from '../../components/unit-tree.js';

// Towns (and streets) and their communities (and villages) from the org tree, for the place filters
// and pickers: choose a town, then one of its communities.

const TOWN_KINDS = new Set(['town', 'street']);
const COMMUNITY_KINDS = new Set(['community', 'village']);

export interface Places {
  loading: boolean;
  byId: Map<number, Unit>;
  towns: Unit[];
  communitiesOf: (townId: number) => Unit[];
  townOptions: (keep?: number | null) => { value: number; label: string }[];
  /** The town's communities; all communities grouped by town when no town is chosen. */
  communityOptions: (
    townId: number | null | undefined,
    keep?: number | null,
  ) => ({ value: number; label: string } | { label: string; title: string; options: { value: number; label: string }[] })[];
}

export function usePlaces(): Places {
  const { can } = useAuth();
  const { locale } = useLocale();
  const units = useUnits(can('unit.read'));
  return useMemo(() => buildPlaces(units.data ?? [], locale, units.isLoading), [units.data, units.isLoading, locale]);
}

function buildPlaces(units: Unit[], locale: Locale, loading: boolean): Places {
  const byId = new Map(units.map((u) => [u.id, u]));
  const towns = units.filter((u) => TOWN_KINDS.has(u.kind)).sort(compareUnits);
  const children = new Map<number, Unit[]>();
  for (const u of units) {
    if (!COMMUNITY_KINDS.has(u.kind) || u.parentId === null) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u);
    else children.set(u.parentId, [u]);
  }
  for (const list of children.values()) list.sort(compareUnits);
  const name = (u: Unit) => localizedName(u, locale);
  // Deactivated units are offered only when the value already points at them.
  const usable = (u: Unit, keep?: number | null) => u.active || u.id === keep;
  const communitiesOf = (townId: number) => children.get(townId) ?? [];
  return {
    loading,
    byId,
    towns,
    communitiesOf,
    townOptions: (keep) => towns.filter((u) => usable(u, keep)).map((u) => ({ value: u.id, label: name(u) })),
    communityOptions: (townId, keep) => {
      if (townId) return communitiesOf(townId).filter((u) => usable(u, keep)).map((u) => ({ value: u.id, label: name(u) }));
      return towns
        .map((town) => ({
          label: name(town),
          title: name(town),
          options: communitiesOf(town.id)
            .filter((u) => usable(u, keep))
            .map((u) => ({ value: u.id, label: name(u) })),
        }))
        .filter((g) => g.options.length > 0);
    },
  };
}
