import { normalizeText } from '../../../../common/src/validation/text.js';
import type { Executor } from '../../db/database.js';

// Town and community names as departments write them: 洪山镇 / 洪山, 般阳路街道 / 般阳路 /
// 般阳路街道办事处, 城里社区 / 城里社区居委会 / 城里 — resolved to units of the org tree.

export interface PlaceResolver {
  town(text: string): number | null;
  community(text: string, townId: number | null): { id: number; townId: number } | null;
}

const SUFFIXES = ['街道办事处', '社区居民委员会', '社区居委会', '村民委员会', '居民委员会', '办事处', '居委会', '村委会', '街道', '社区', '镇', '乡', '村'];

/** The name without the city/district in front or its administrative suffix: 淄川区洪山镇 → 洪山, 城里社区居委会 → 城里. */
export function placeKey(text: string, districtName = ''): string {
  let t = normalizeText(text).replace(/\s+/g, '');
  t = t.replace(/^[\u4e00-\u9fff]{2,3}市(?=[\u4e00-\u9fff]{2,})/, '');
  if (districtName && t.startsWith(districtName) && t.length > districtName.length + 1) t = t.slice(districtName.length);
  for (const s of SUFFIXES) {
    if (t.endsWith(s) && t.length > s.length + 1) return t.slice(0, -s.length);
  }
  return t;
}

export async function loadPlaces(exec: Executor): Promise<PlaceResolver> {
  const units = await exec.selectFrom('units').select(['id', 'parent_id', 'kind', 'name']).where('kind', 'in', ['district', 'town', 'street', 'community', 'village']).where('active', '=', 1).execute();
  const district = units.find((u) => u.kind === 'district')?.name ?? '';
  const key = (text: string) => placeKey(text, district);
  const towns = new Map<string, number>();
  const byTown = new Map<number, Map<string, number>>();
  const anywhere = new Map<string, { id: number; townId: number } | null>();
  for (const u of units) {
    if (u.kind === 'town' || u.kind === 'street') {
      towns.set(key(u.name), u.id);
      towns.set(normalizeText(u.name), u.id);
    }
  }
  for (const u of units) {
    if ((u.kind !== 'community' && u.kind !== 'village') || u.parent_id === null) continue;
    const keys = [key(u.name), normalizeText(u.name)];
    const inTown = byTown.get(u.parent_id) ?? new Map<string, number>();
    byTown.set(u.parent_id, inTown);
    for (const k of keys) {
      inTown.set(k, u.id);
      // A name used by two towns' communities is ambiguous without the town.
      anywhere.set(k, anywhere.has(k) && anywhere.get(k)?.id !== u.id ? null : { id: u.id, townId: u.parent_id });
    }
  }
  return {
    town: (text) => towns.get(normalizeText(text).replace(/\s+/g, '')) ?? towns.get(key(text)) ?? null,
    community: (text, townId) => {
      const keys = [normalizeText(text).replace(/\s+/g, ''), key(text)];
      if (townId) {
        const inTown = byTown.get(townId);
        for (const k of keys) {
          const id = inTown?.get(k);
          if (id) return { id, townId };
        }
        return null;
      }
      for (const k of keys) {
        const hit = anywhere.get(k);
        if (hit) return hit;
      }
      return null;
    },
  };
}
