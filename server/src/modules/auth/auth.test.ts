import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestEnv, DEMO_PASSWORD, DIALECTS, loggedIn, TestClient, type Reply, type TestEnv } from '../../test/harness.js';
import { totpCode } from './totp.js';

/**
 * A TOTP code is accepted once: moving the clock on by one 30-second step gives a fresh code,
 * as waiting for the authenticator app's next code would.
 */
function codeForNextStep(secret: string): string {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 30_000 });
  return totpCode(secret);
}

// Sign-in and sessions as quality.md demands: identical failure messages, lock-out, timeouts,
// CSRF, administrator-issued passwords, TOTP (optional and role-enforced), messages in the
// user's language. Each test uses its own demo account so they do not disturb each other.

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** The session cookie a login set, to replay it after the client has forgotten it. */
function sessionCookie(res: Reply): string {
  const raw = res.headers['set-cookie'];
  const cookies = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  const sid = cookies.find((c) => c.startsWith('tx_sid=') && !c.startsWith('tx_sid=;'));
  if (!sid) throw new Error('no session cookie set');
  return sid.split(';')[0]!;
}

/** Any code but the right one (and not one of the neighbouring 30-second steps' codes either, in practice). */
const wrongCode = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

describe.each(DIALECTS)('authentication on %s', (dialect) => {
  let env: TestEnv;
  let secadmin: TestClient;
  let auditor: TestClient;
  let roleIds: Record<string, number>;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    secadmin = await loggedIn(env.app, 'secadmin');
    auditor = await loggedIn(env.app, 'auditor');
    const roles = (await secadmin.get('/roles')).body.items as { id: number; code: string }[];
    roleIds = Object.fromEntries(roles.map((r) => [r.code, r.id]));
  });
  afterAll(() => env.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  const db = () => env.database.db;
  const userIdOf = async (username: string) =>
    (await db().selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const auditRows = async (action: string, actor: string) =>
    (await auditor.get(`/audit?action=${encodeURIComponent(action)}&actor=${encodeURIComponent(actor)}&limit=200`)).body.items as {
      action: string;
      actorName: string;
      outcome: string;
      objectId: string | null;
      detail: Record<string, unknown> | null;
    }[];

  it('login returns the user and a CSRF token and sets an HttpOnly, SameSite session cookie', async () => {
    const client = new TestClient(env.app);
    const res = await client.login('staff');
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('staff');
    expect(res.body.user.displayName).toBe('王晓梅');
    expect(res.body.user.stage).toBe('full');
    expect(res.body.user.permissions).toContain('workbench.read');
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]).find((c) => c.startsWith('tx_sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    // The token in the cookie is never echoed in the body.
    expect(JSON.stringify(res.body)).not.toContain(sessionCookie(res).slice('tx_sid='.length));

    expect((await client.get('/auth/me')).body.user.username).toBe('staff');
    expect((await client.get('/workbench')).status).toBe(200);
  });

  it('wrong password, unknown user, deactivated user and locked user all get the same 401 message', async () => {
    // Deactivate one account, lock another.
    const xihe = await userIdOf('xihe');
    expect((await secadmin.patch(`/users/${xihe}`, { active: false })).status).toBe(200);
    const locker = new TestClient(env.app);
    for (let i = 0; i < 5; i++) expect((await locker.login('zhaili', 'Wrong#Pass1')).status).toBe(401);

    const attempts = {
      wrongPassword: await new TestClient(env.app).login('staff', 'Wrong#Pass1'),
      unknownUser: await new TestClient(env.app).login('nobody-here', DEMO_PASSWORD),
      deactivated: await new TestClient(env.app).login('xihe', DEMO_PASSWORD),
      locked: await new TestClient(env.app).login('zhaili', DEMO_PASSWORD),
    };
    for (const [why, res] of Object.entries(attempts)) {
      expect(res.status, why).toBe(401);
      expect(res.body.code, why).toBe('auth.invalidCredentials');
      expect(res.body.message, why).toBe('用户名或密码错误；连续失败 5 次后账户将锁定 15 分钟');
      expect(res.body.fields, why).toBeUndefined();
      expect(Object.keys(res.body).sort(), why).toEqual(['code', 'message', 'requestId']);
      expect(res.headers['set-cookie'], why).toBeUndefined();
    }

    // The log tells the administrators what the caller was not told.
    const reasons = (await auditRows('auth.loginFailed', '')).map((r) => `${r.actorName}:${r.detail?.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['staff:badPassword', 'nobody-here:unknownUser', 'xihe:inactive', 'zhaili:locked']));
  });

  it('locks an account for 15 minutes after 5 failures in a row, refusing even the right password', async () => {
    const id = await userIdOf('luocun');
    const client = new TestClient(env.app);
    for (let i = 0; i < 5; i++) expect((await client.login('luocun', `Wrong#Pass${i}`)).body.code).toBe('auth.invalidCredentials');

    const before = Date.now();
    const refused = await client.login('luocun', DEMO_PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('auth.invalidCredentials');

    const row = await db().selectFrom('users').select('locked_until').where('id', '=', id).executeTakeFirstOrThrow();
    const lockedFor = Date.parse(row.locked_until!) - before;
    expect(lockedFor).toBeGreaterThan(14 * 60_000);
    expect(lockedFor).toBeLessThanOrEqual(15 * 60_000);

    // The administrators see the lock in the user list.
    const listed = (await secadmin.get(`/users/${id}`)).body;
    expect(listed.lockedUntil).not.toBeNull();
    expect(listed.abilities.unlock).toBe(true);

    // 15 minutes later the right password works again.
    await db().updateTable('users').set({ locked_until: minutesAgo(1) }).where('id', '=', id).execute();
    const res = await client.login('luocun', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect((await client.get('/workbench')).status).toBe(200);
  });

  it('locks after 5 failures even when the guesses arrive all at once', async () => {
    const id = await userIdOf('kunlun');
    const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => new TestClient(env.app).login('kunlun', `Wrong#Pass${i}`)));
    expect(guesses.every((g) => g.status === 401)).toBe(true);
    const row = await db().selectFrom('users').select('locked_until').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    expect((await new TestClient(env.app).login('kunlun')).status).toBe(401);
    await db().updateTable('users').set({ locked_until: null, failed_logins: 0 }).where('id', '=', id).execute();
  });

  it('only failures in a row count: a successful login resets the counter', async () => {
    const client = new TestClient(env.app);
    for (let i = 0; i < 4; i++) expect((await client.login('longquan', 'Wrong#Pass1')).status).toBe(401);
    expect((await client.login('longquan')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await client.login('longquan', 'Wrong#Pass1')).status).toBe(401);
    expect((await client.login('longquan')).status).toBe(200);
  });

  it('writes every failed and successful login to the audit log', async () => {
    const client = new TestClient(env.app);
    const failed = await client.login('taihe', 'Wrong#Pass1');
    const ok = await client.login('taihe');
    expect(ok.status).toBe(200);
    const id = String(await userIdOf('taihe'));

    const failures = await auditRows('auth.loginFailed', 'taihe');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ actorName: 'taihe', outcome: 'failure', objectId: id, detail: { reason: 'badPassword' } });
    const logins = (await auditRows('auth.login', 'taihe')).filter((r) => r.action === 'auth.login');
    expect(logins).toHaveLength(1);
    expect(logins[0]).toMatchObject({ actorName: 'taihe', outcome: 'success', objectId: id, detail: { stage: 'full' } });
    expect(failed.headers['x-request-id']).toBeTruthy();
  });

  it('logout ends the session on the server, not just in the browser', async () => {
    const client = new TestClient(env.app);
    const login = await client.login('leader');
    const cookie = sessionCookie(login);
    const res = await client.post('/auth/logout');
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/tx_sid=;/);

    expect((await client.get('/auth/me')).status).toBe(401);
    // Replaying the old cookie does not work either.
    const replay = await env.app.inject({ method: 'GET', url: '/api/v1/workbench', headers: { cookie } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('auth.sessionExpired');
    expect((await auditRows('auth.logout', 'leader')).length).toBeGreaterThanOrEqual(1);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const client = await loggedIn(env.app, 'banyanglu');
    const id = await userIdOf('banyanglu');
    await db().updateTable('sessions').set({ last_seen_at: minutesAgo(29) }).where('user_id', '=', id).execute();
    expect((await client.get('/workbench')).status).toBe(200);

    await db().updateTable('sessions').set({ last_seen_at: minutesAgo(31) }).where('user_id', '=', id).execute();
    const res = await client.get('/workbench');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.sessionExpired');
    expect(res.body.message).toBe('登录已超时，请重新登录');
    // …and for good: the session row is gone.
    expect(await db().selectFrom('sessions').select('id').where('user_id', '=', id).execute()).toHaveLength(0);
  });

  it('ends a session 12 hours after login however busy it is', async () => {
    const client = await loggedIn(env.app, 'songlinglu');
    const id = await userIdOf('songlinglu');
    await db().updateTable('sessions').set({ created_at: minutesAgo(11 * 60 + 50) }).where('user_id', '=', id).execute();
    expect((await client.get('/workbench')).status).toBe(200);

    await db().updateTable('sessions').set({ created_at: minutesAgo(12 * 60 + 1), last_seen_at: minutesAgo(0) }).where('user_id', '=', id).execute();
    const res = await client.get('/workbench');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.sessionExpired');
  });

  it('refuses unsafe requests without the CSRF token of the session', async () => {
    const client = await loggedIn(env.app, 'community');
    const token = client.csrfToken;

    client.csrfToken = '';
    const missing = await client.post('/auth/logout');
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('auth.csrf');
    expect(missing.body.message).toBe('页面已过期，请刷新后重试');

    client.csrfToken = 'not-the-token';
    expect((await client.put('/auth/locale', { locale: 'en-US' })).body.code).toBe('auth.csrf');

    // Nothing happened: still signed in, and the right token works.
    client.csrfToken = token;
    expect((await client.get('/auth/me')).body.user.locale).toBe('zh-CN');
    expect((await client.post('/auth/logout')).status).toBe(200);
  });

  it('refuses a login posted from another origin', async () => {
    const client = new TestClient(env.app);
    const res = await client.request('POST', '/auth/login', { username: 'staff', password: DEMO_PASSWORD }, { origin: 'https://evil.example.com' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('auth.csrf');
    expect(res.headers['set-cookie']).toBeUndefined();

    const garbage = await client.request('POST', '/auth/login', { username: 'staff', password: DEMO_PASSWORD }, { origin: 'not a url' });
    expect(garbage.status).toBe(403);

    const same = await client.request('POST', '/auth/login', { username: 'staff', password: DEMO_PASSWORD }, { host: 'tongxin.example.gov.cn', origin: 'https://tongxin.example.gov.cn' });
    expect(same.status).toBe(200);
  });

  it('an account created by an administrator must change its password before anything else', async () => {
    const created = await secadmin.post('/users', {
      username: 'newcomer',
      displayName: '新同事',
      unitId: (await db().selectFrom('units').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id,
      roleIds: [roleIds.district_staff],
      password: 'Issued#2026a',
    });
    expect(created.status).toBe(200);
    expect(created.body.mustChangePassword).toBe(true);

    const client = new TestClient(env.app);
    const login = await client.login('newcomer', 'Issued#2026a');
    expect(login.status).toBe(200);
    expect(login.body.user.stage).toBe('changePassword');

    const blocked = await client.get('/workbench');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('auth.passwordChangeRequired');
    expect(blocked.body.message).toBe('请先修改初始密码');
    expect((await client.get('/auth/me')).body.user.stage).toBe('changePassword');

    const weak = await client.post('/auth/password', { currentPassword: 'Issued#2026a', newPassword: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('validation');
    expect(weak.body.fields.newPassword).toBe('密码至少 8 位，并包含大写字母、小写字母、数字、符号中的至少 3 类');

    const wrongCurrent = await client.post('/auth/password', { currentPassword: 'Wrong#Pass1', newPassword: 'Mine#2026abc' });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.fields.currentPassword).toBe('当前密码不正确');

    const same = await client.post('/auth/password', { currentPassword: 'Issued#2026a', newPassword: 'Issued#2026a' });
    expect(same.status).toBe(400);
    expect(same.body.fields.newPassword).toBe('新密码不能与当前密码相同');

    const changed = await client.post('/auth/password', { currentPassword: 'Issued#2026a', newPassword: 'Mine#2026abc' });
    expect(changed.status).toBe(200);
    expect(changed.body.user.stage).toBe('full');
    expect((await client.get('/workbench')).status).toBe(200);

    // The issued password is gone; the new one signs in straight to full access.
    expect((await new TestClient(env.app).login('newcomer', 'Issued#2026a')).status).toBe(401);
    const again = await new TestClient(env.app).login('newcomer', 'Mine#2026abc');
    expect(again.body.user.stage).toBe('full');
    expect((await auditRows('auth.passwordChange', 'newcomer')).map((r) => r.outcome)).toEqual(expect.arrayContaining(['success', 'failure']));
  });

  it('changing the password signs out the account\'s other sessions', async () => {
    const here = await loggedIn(env.app, 'justice');
    const elsewhere = await loggedIn(env.app, 'justice');
    expect((await elsewhere.get('/workbench')).status).toBe(200);
    expect((await here.post('/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Justice#2026b' })).status).toBe(200);
    expect((await here.get('/workbench')).status).toBe(200);
    const res = await elsewhere.get('/workbench');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.sessionExpired');
    expect((await new TestClient(env.app).login('justice', DEMO_PASSWORD)).status).toBe(401);
    expect((await new TestClient(env.app).login('justice', 'Justice#2026b')).status).toBe(200);
  });

  it('TOTP: enrol with a code, then every login needs a valid code', async () => {
    const client = await loggedIn(env.app, 'jiangjunlu');
    const notStarted = await client.post('/auth/totp/enable', { code: '123456' });
    expect(notStarted.status).toBe(400);
    expect(notStarted.body.code).toBe('auth.totpNotStarted');

    const setup = await client.post('/auth/totp/setup');
    expect(setup.status).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.body as { secret: string; otpauthUrl: string; qrDataUrl: string };
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const bad = await client.post('/auth/totp/enable', { code: wrongCode(totpCode(secret)) });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.code).toBe('动态码错误或已过期');

    const enabled = await client.post('/auth/totp/enable', { code: totpCode(secret) });
    expect(enabled.status).toBe(200);
    expect(enabled.body.user.totpEnabled).toBe(true);
    expect((await client.post('/auth/totp/setup')).body.code).toBe('auth.totpAlreadyEnabled');

    const noCode = await new TestClient(env.app).login('jiangjunlu');
    expect(noCode.status).toBe(401);
    expect(noCode.body.code).toBe('auth.totpRequired');
    expect(noCode.body.message).toBe('请输入身份验证器中的 6 位动态码');
    expect(noCode.headers['set-cookie']).toBeUndefined();

    const wrong = await new TestClient(env.app).login('jiangjunlu', DEMO_PASSWORD, wrongCode(totpCode(secret)));
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('auth.totpInvalid');

    // A wrong password is still just "wrong credentials", code or no code.
    const wrongPassword = await new TestClient(env.app).login('jiangjunlu', 'Wrong#Pass1', totpCode(secret));
    expect(wrongPassword.body.code).toBe('auth.invalidCredentials');

    // The code that enabled TOTP cannot be replayed to log in.
    const replay = await new TestClient(env.app).login('jiangjunlu', DEMO_PASSWORD, totpCode(secret));
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('auth.totpInvalid');

    const fresh = codeForNextStep(secret);
    const right = await new TestClient(env.app).login('jiangjunlu', DEMO_PASSWORD, fresh);
    expect(right.status).toBe(200);
    expect(right.body.user.totpEnabled).toBe(true);
    // …and that one is spent too.
    expect((await new TestClient(env.app).login('jiangjunlu', DEMO_PASSWORD, fresh)).body.code).toBe('auth.totpInvalid');

    // The user may turn it off again (their role does not require it), with their password.
    const off = await client.post('/auth/totp/disable', { password: 'Wrong#Pass1' });
    expect(off.status).toBe(400);
    expect(off.body.fields.password).toBe('当前密码不正确');
    expect((await client.post('/auth/totp/disable', { password: DEMO_PASSWORD })).body.user.totpEnabled).toBe(false);
    expect((await new TestClient(env.app).login('jiangjunlu')).status).toBe(200);
    expect((await auditRows('auth.totp', 'jiangjunlu')).map((r) => r.action)).toEqual(expect.arrayContaining(['auth.totpEnable', 'auth.totpDisable']));
  });

  it('a role that requires TOTP sends its holders to enrolment and keeps TOTP on', async () => {
    const patched = await secadmin.patch(`/roles/${roleIds.leader}`, { requireTotp: true });
    expect(patched.status).toBe(200);
    expect(patched.body.requireTotp).toBe(true);
    try {
      const client = new TestClient(env.app);
      const login = await client.login('leader');
      expect(login.status).toBe(200);
      expect(login.body.user.stage).toBe('enrolTotp');
      expect(login.body.user.totpRequired).toBe(true);

      const blocked = await client.get('/workbench');
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('auth.totpEnrolmentRequired');

      const { secret } = (await client.post('/auth/totp/setup')).body as { secret: string };
      const enabled = await client.post('/auth/totp/enable', { code: totpCode(secret) });
      expect(enabled.body.user.stage).toBe('full');
      expect((await client.get('/workbench')).status).toBe(200);

      const disable = await client.post('/auth/totp/disable', { password: DEMO_PASSWORD });
      expect(disable.status).toBe(400);
      expect(disable.body.code).toBe('auth.totpEnforced');
      expect(disable.body.message).toBe('您的角色要求启用双因素认证，不能关闭');
      expect((await client.get('/auth/me')).body.user.totpEnabled).toBe(true);

      // From now on the code is asked for at login, and the session is full straight away.
      expect((await new TestClient(env.app).login('leader')).body.code).toBe('auth.totpRequired');
      const next = await new TestClient(env.app).login('leader', DEMO_PASSWORD, codeForNextStep(secret));
      expect(next.body.user.stage).toBe('full');
    } finally {
      await secadmin.patch(`/roles/${roleIds.leader}`, { requireTotp: false });
    }
  });

  it('answers in English when the browser asks for it', async () => {
    const en = new TestClient(env.app, 'en-US');
    const wrong = await en.login('staff', 'Wrong#Pass1');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('auth.invalidCredentials');
    expect(wrong.body.message).toBe('Wrong username or password; after 5 failures in a row the account is locked for 15 minutes');

    const anonymous = await en.get('/workbench');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toBe('Please log in');

    const client = await loggedIn(env.app, 'lingzi', 'en-US');
    client.csrfToken = '';
    expect((await client.post('/auth/logout')).body.message).toBe('This page has expired; please reload it and try again');

    const zh = new TestClient(env.app, 'zh-CN,zh;q=0.9,en;q=0.8');
    expect((await zh.get('/workbench')).body.message).toBe('请先登录');
  });
});
