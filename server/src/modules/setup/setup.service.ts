import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SetupBody } from '../../../../common/src/schemas/auth.js';
import { writeAudit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import type { Db, Executor } from '../../db/database.js';
import { findRoleIdByCode } from '../roles/roles.repository.js';
import { findRootUnit, insertUnit, PLACEHOLDER_DISTRICT, updateUnit } from '../units/units.repository.js';
import { insertUser } from '../users/users.repository.js';
import { anyUserExists, deleteSetting, readSetting, writeSetting } from './setup.repository.js';

// First run (like Grafana or Jenkins): the server prints a one-time token; whoever can read the
// server's log proves it by typing the token into the web app, and creates the first administrator.

const TOKEN_KEY = 'setup.tokenHash';
const TOKEN_TTL_MS = 24 * 3_600_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function needsSetup(exec: Executor): Promise<boolean> {
  return !(await anyUserExists(exec));
}

/** Issues a fresh set-up token when the instance has no user yet; returns null otherwise. */
export async function issueSetupToken(exec: Executor): Promise<string | null> {
  if (!(await needsSetup(exec))) return null;
  const token = randomBytes(18).toString('base64url');
  await writeSetting(exec, TOKEN_KEY, JSON.stringify({ hash: sha256(token), expiresAt: Date.now() + TOKEN_TTL_MS }));
  return token;
}

async function tokenValid(exec: Executor, token: string): Promise<boolean> {
  const raw = await readSetting(exec, TOKEN_KEY);
  if (!raw) return false;
  const { hash, expiresAt } = JSON.parse(raw) as { hash: string; expiresAt: number };
  if (Date.now() > expiresAt) return false;
  const a = Buffer.from(sha256(token));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The first administrator is the security administrator: the one who creates every other account. */
export async function completeSetup(db: Db, ctx: Ctx, body: SetupBody): Promise<void> {
  const passwordHash = await hashPassword(body.password);
  await db.transaction().execute(async (trx) => {
    if (!(await needsSetup(trx))) throw new AppError(409, 'setup.done');
    if (!(await tokenValid(trx, body.token))) throw new AppError(400, 'setup.invalidToken', undefined, { token: { key: 'setup.invalidToken' } });
    let root = await findRootUnit(trx);
    if (!root) {
      await insertUnit(trx, { kind: 'district', code: body.districtCode, name: body.districtName, name_en: body.districtNameEn, sort_order: 0 }, null);
      root = (await findRootUnit(trx))!;
    } else if (root.name === PLACEHOLDER_DISTRICT.name) {
      // Lists were imported from the command line before set-up: the district gets its real name now.
      await updateUnit(trx, root.id, { name: body.districtName, name_en: body.districtNameEn, code: body.districtCode });
    }
    const roleId = await findRoleIdByCode(trx, 'security_admin');
    if (!roleId) throw new Error('built-in roles missing');
    const id = await insertUser(trx, { username: body.username, display_name: body.displayName, unit_id: root.id, password_hash: passwordHash, must_change_password: 0 }, [roleId]);
    await deleteSetting(trx, TOKEN_KEY);
    await writeAudit(trx, ctx, { action: 'setup.complete', objectType: 'user', objectId: id, detail: { username: body.username, districtCode: body.districtCode } }, { id: null, name: 'setup' });
  });
}
