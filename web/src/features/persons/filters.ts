import type { PersonFilter, PersonSort } from '../../../../common/src/schemas/persons.js';

// The person list's filters live in the URL (so a list can be reloaded, shared and saved as a view).
// Multi-valued filters repeat their parameter (?status=active&status=moved), as the API takes them.

export type PersonFilters = PersonFilter;

export const MULTI_KEYS = [
  'gender',
  'ethnicity',
  'political',
  'education',
  'degree',
  'group',
  'subGroup',
  'employerKind',
  'industry',
  'repLevel',
  'status',
  'tag',
] as const;
export type MultiKey = (typeof MULTI_KEYS)[number];

const NUMBER_KEYS = ['ageMin', 'ageMax', 'townId', 'communityId', 'sourceId', 'organisationId'] as const;
const NUMBER_LIMITS: Record<(typeof NUMBER_KEYS)[number], { min: number; max: number }> = {
  ageMin: { min: 0, max: 150 },
  ageMax: { min: 0, max: 150 },
  townId: { min: 1, max: Number.MAX_SAFE_INTEGER },
  communityId: { min: 1, max: Number.MAX_SAFE_INTEGER },
  sourceId: { min: 1, max: Number.MAX_SAFE_INTEGER },
  organisationId: { min: 1, max: Number.MAX_SAFE_INTEGER },
};

const SORTS: readonly PersonSort[] = ['updated', 'name', 'birthDate'];
export const DEFAULT_ORDER = { sort: 'updated' as PersonSort, order: 'desc' as 'asc' | 'desc' };

function intIn(raw: string | null, min: number, max: number): number | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export function filtersFromParams(params: URLSearchParams): PersonFilters {
  const out: PersonFilters = {};
  const q = params.get('q')?.trim();
  if (q) out.q = q.slice(0, 64);
  for (const key of MULTI_KEYS) {
    const values = params
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length) out[key] = [...new Set(values)].slice(0, 50);
  }
  for (const key of NUMBER_KEYS) {
    const n = intIn(params.get(key), NUMBER_LIMITS[key].min, NUMBER_LIMITS[key].max);
    if (n !== undefined) out[key] = n;
  }
  return out;
}

/** Filters → query parameters, in a fixed order (so equal filters give equal strings). */
export function filtersToParams(filters: PersonFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const key of MULTI_KEYS) for (const v of filters[key] ?? []) params.append(key, v);
  for (const key of NUMBER_KEYS) if (filters[key] !== undefined) params.set(key, String(filters[key]));
  return params;
}

export function orderFromParams(params: URLSearchParams): { sort: PersonSort; order: 'asc' | 'desc' } {
  const sort = params.get('sort') as PersonSort | null;
  const order = params.get('order');
  return {
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_ORDER.sort,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT_ORDER.order,
  };
}

/** The list's whole URL state (filters, sort, page size) in canonical form. */
export function listParams(filters: PersonFilters, order: { sort: PersonSort; order: 'asc' | 'desc' }, size?: string | null): URLSearchParams {
  const params = filtersToParams(filters);
  if (order.sort !== DEFAULT_ORDER.sort || order.order !== DEFAULT_ORDER.order) {
    params.set('sort', order.sort);
    params.set('order', order.order);
  }
  if (size) params.set('size', size);
  return params;
}

/** A URL query in canonical form (for comparing the current list with a saved view). */
export function canonicalQuery(params: URLSearchParams): string {
  return listParams(filtersFromParams(params), orderFromParams(params), params.get('size')).toString();
}

export function hasAnyFilter(filters: PersonFilters): boolean {
  return Object.keys(filters).length > 0;
}
