import type { Location } from 'react-router';
import type { Me } from '../../../../common/src/schemas/auth.js';
import { navEntryFor } from '../../app/nav.js';

const AUTH_PAGES = ['/login', '/setup', '/change-password', '/enrol-totp'];

/** Where a user goes once a session step is done: the next forced step, else where they came from. */
export function sessionTarget(me: Me, from?: Location | null): { to: string; state?: { from?: Location } } {
  if (me.stage === 'changePassword') return { to: '/change-password', state: { from: from ?? undefined } };
  if (me.stage === 'enrolTotp') return { to: '/enrol-totp', state: { from: from ?? undefined } };
  // Back to the page the user came from, unless it is not theirs to see (another person may log in
  // on a shared computer after a session expired).
  const entry = from ? navEntryFor(from.pathname) : undefined;
  const allowed = !entry || me.permissions.includes(entry.permission);
  if (from && allowed && !AUTH_PAGES.includes(from.pathname)) return { to: `${from.pathname}${from.search}${from.hash}` };
  return { to: '/' };
}
