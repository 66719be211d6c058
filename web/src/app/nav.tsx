import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, DashboardOutlined, FileDoneOutlined, IdcardOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { BarChartOutlined, DiffOutlined } from '@ant-design/icons';
import { dutyClassOf, type Permission } from '../../../common/src/permissions.js';
import type { AppMessageKey } from './messages.js';

// The pages of the left menu, in menu order, with the permission each needs. Menu, landing page,
// breadcrumbs and the workbench's quick links all read this list.

export interface NavEntry {
  path: string;
  label: AppMessageKey;
  icon: ReactNode;
  permission: Permission;
  /** The menu group the entry sits in (a collapsible sub-menu), if any. */
  group?: NavGroup;
}

export type NavGroup = 'system';

export const NAV_GROUPS: Record<NavGroup, { label: AppMessageKey }> = {
  system: { label: 'nav.system' },
};

export const NAV: NavEntry[] = [
  { path: '/', label: 'nav.workbench', icon: <DashboardOutlined />, permission: 'workbench.read' },
  { path: '/persons', label: 'nav.persons', icon: <IdcardOutlined />, permission: 'person.read' },
  { path: '/persons/review', label: 'nav.duplicateReview', icon: <DiffOutlined />, permission: 'person.merge' },
  { path: '/persons/headcount', label: 'nav.headcount', icon: <BarChartOutlined />, permission: 'person.read' },
  { path: '/persons/survey', label: 'nav.survey', icon: <FileDoneOutlined />, permission: 'person.read' },
  { path: '/org', label: 'nav.org', icon: <ApartmentOutlined />, permission: 'unit.read' },
  { path: '/system/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'user.read', group: 'system' },
  { path: '/system/roles', label: 'nav.roles', icon: <SafetyCertificateOutlined />, permission: 'role.read', group: 'system' },
  { path: '/system/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read', group: 'system' },
];

/**
 * The page a user without the workbench lands on: the first one of their own duty (the security
 * administrator's accounts, the audit administrator's log) before pages everyone may read (the org
 * tree), else the first page they may open at all.
 */
export function firstPermittedPath(can: (p: Permission) => boolean): string | null {
  const permitted = NAV.filter((n) => can(n.permission));
  return (permitted.find((n) => dutyClassOf(n.permission) !== 'shared') ?? permitted[0])?.path ?? null;
}

/** The menu entry a location belongs to (the longest matching path). */
export function navEntryFor(pathname: string): NavEntry | undefined {
  let best: NavEntry | undefined;
  for (const n of NAV) {
    const match = n.path === '/' ? pathname === '/' : pathname === n.path || pathname.startsWith(`${n.path}/`);
    if (match && (!best || n.path.length > best.path.length)) best = n;
  }
  return best;
}
