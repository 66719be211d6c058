// Permissions are `resource.action` strings; roles are sets of them. This file is the one place
// where the built-in roles are defined, so an access change shows up in one diff.

/**
 * Every permission belongs to exactly one duty class. Under the three-administrator separation
 * (三员分立, MLPS level 3) a role - and a user across all their roles - may only hold permissions
 * of one class, so no account can both run the system and read business data or the audit log.
 * `shared` permissions (reading the org tree's structure, which is not personal data) go with any class.
 */
export const DUTY_CLASSES = ['shared', 'business', 'system', 'security', 'audit', 'portal'] as const;
export type DutyClass = (typeof DUTY_CLASSES)[number];

export const PERMISSIONS = {
  // shared: the org tree's structure, always limited to the holder's unit subtree
  'unit.read': 'shared',
  // business
  'workbench.read': 'business',
  'person.read': 'business',
  'person.create': 'business',
  'person.update': 'business',
  /** See a resident ID or mobile number unmasked (with a reason, audited). */
  'person.reveal': 'business',
  'person.import': 'business',
  'person.export': 'business',
  /** Export with resident IDs and mobiles unmasked (with a reason, audited). */
  'person.exportSensitive': 'business',
  /** Run record linkage over every department's list (the whole registry). */
  'person.consolidate': 'business',
  /** Decide review pairs, merge two persons, undo a merge. */
  'person.merge': 'business',
  /** Open and close the annual survey (摸底) campaign. */
  'survey.manage': 'business',
  // system administrator: configuration
  'unit.manage': 'system',
  // security administrator: accounts and roles
  'user.read': 'security',
  'user.manage': 'security',
  'role.read': 'security',
  'role.manage': 'security',
  // audit administrator
  'audit.read': 'audit',
  'audit.export': 'audit',
  'audit.verify': 'audit',
  // the people's portal
  'portal.self': 'portal',
} as const satisfies Record<string, DutyClass>;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}

export function dutyClassOf(permission: Permission): DutyClass {
  return PERMISSIONS[permission];
}

/** The duty classes a set of permissions spans; more than one means the set is not allowed. */
export function dutyClassesOf(permissions: Iterable<Permission>): DutyClass[] {
  const classes = new Set<DutyClass>();
  for (const p of permissions) if (PERMISSIONS[p] !== 'shared') classes.add(PERMISSIONS[p]);
  return [...classes];
}

export const BUILT_IN_ROLES = {
  district_staff: ['workbench.read', 'unit.read', 'person.read', 'person.create', 'person.update', 'person.reveal', 'person.import', 'person.export', 'person.exportSensitive', 'person.consolidate', 'person.merge', 'survey.manage'],
  leader: ['workbench.read', 'unit.read', 'person.read', 'person.export'],
  town_officer: ['workbench.read', 'unit.read', 'person.read', 'person.create', 'person.update', 'person.reveal', 'person.import', 'person.export', 'person.merge'],
  community_worker: ['workbench.read', 'unit.read', 'person.read', 'person.create', 'person.update'],
  // Member units submit their lists; the people they list belong to the towns.
  member_handler: ['workbench.read', 'unit.read', 'person.read', 'person.import'],
  system_admin: ['unit.read', 'unit.manage'],
  security_admin: ['unit.read', 'user.read', 'user.manage', 'role.read', 'role.manage'],
  audit_admin: ['unit.read', 'audit.read', 'audit.export', 'audit.verify'],
  portal_person: ['portal.self'],
} as const satisfies Record<string, readonly Permission[]>;

export type BuiltInRoleCode = keyof typeof BUILT_IN_ROLES;
export const BUILT_IN_ROLE_CODES = Object.keys(BUILT_IN_ROLES) as BuiltInRoleCode[];

/** Roles whose holders must enrol a TOTP second factor by default (editable per role). */
export const TOTP_REQUIRED_BY_DEFAULT: readonly BuiltInRoleCode[] = [];
