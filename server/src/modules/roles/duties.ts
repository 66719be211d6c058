import { dutyClassesOf, type Permission } from '../../../../common/src/permissions.js';
import { errorMessage } from '../../../../common/src/i18n/errors.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';

/**
 * Three-administrator separation (三员分立): a permission set may span one duty class only
 * (shared permissions aside). Used for a role's own permissions and for a user's roles together.
 */
export function assertSingleDuty(ctx: Ctx, permissions: Iterable<Permission>, key: 'role.dutyConflict' | 'user.dutyConflict', field: string): void {
  const classes = dutyClassesOf(permissions);
  if (classes.length <= 1) return;
  const names = classes.map((c) => errorMessage(ctx.locale, `dutyClass.${c}` as const)).join(ctx.locale === 'zh-CN' ? '、' : ', ');
  throw new AppError(400, key, { classes: names }, { [field]: { key, params: { classes: names } } });
}
