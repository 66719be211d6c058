import type { Permission } from '../../../common/src/permissions.js';
import type { Locale } from '../../../common/src/i18n/locale.js';
import type { SessionStage } from '../../../common/src/schemas/auth.js';

/** The signed-in user as the access layer sees them. */
export interface Actor {
  kind: 'user';
  userId: number;
  username: string;
  displayName: string;
  unitId: number;
  /** The unit's materialised path: the user's data scope is every unit whose path starts with it. */
  unitPath: string;
  permissions: ReadonlySet<Permission>;
  sessionId: string;
  stage: SessionStage;
}

/**
 * Background jobs and CLI commands act as the system: a separate, greppable handle that is
 * scoped to the whole district, never a "bypass checks" flag on a user.
 */
export interface SystemActor {
  kind: 'system';
  name: string;
  unitPath: '/';
}

export const systemActor = (name: string): SystemActor => ({ kind: 'system', name, unitPath: '/' });

/** Who is acting, from where, in which request: every write carries one into its audit row. */
export interface Ctx {
  actor: Actor | SystemActor | null;
  ip: string | null;
  requestId: string | null;
  locale: Locale;
}

export function requireUser(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'user') throw new Error('this operation needs a signed-in user');
  return ctx.actor;
}

/** Who acts, as rows that name an actor store it: a user's id and display name, or the system handle's name. */
export function actorRef(ctx: Ctx): { id: number | null; name: string } {
  return ctx.actor?.kind === 'user' ? { id: ctx.actor.userId, name: ctx.actor.displayName } : { id: null, name: ctx.actor?.name ?? 'system' };
}

export function can(ctx: Ctx, permission: Permission): boolean {
  return ctx.actor?.kind === 'user' ? ctx.actor.permissions.has(permission) : ctx.actor?.kind === 'system';
}

export function scopePath(ctx: Ctx): string {
  if (!ctx.actor) throw new Error('no actor: data scope is undefined');
  return ctx.actor.unitPath;
}
