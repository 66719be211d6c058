// The kinds of unit in the org tree and which may sit under which. Plain data with no zod, so the
// web app can use it without pulling the schema library into its first load.

export const UNIT_KINDS = [
  'district',
  'street',
  'town',
  'community',
  'village',
  'memberUnit',
  'office',
  'base',
  'platform',
  'association',
  'team',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Which kinds of unit may sit directly under which. */
export const ALLOWED_PARENT_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  district: [],
  street: ['district'],
  town: ['district'],
  community: ['street', 'town'],
  village: ['street', 'town'],
  memberUnit: ['district'],
  office: ['district', 'street', 'town', 'memberUnit'],
  base: ['district', 'street', 'town', 'community', 'village'],
  platform: ['district'],
  association: ['district', 'street', 'town'],
  team: ['district', 'street', 'town', 'association'],
};
