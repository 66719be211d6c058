import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, DIALECTS, loggedIn, TestClient, type Reply, type TestEnv } from '../../test/harness.js';
import type { AuditEntry } from '../../../../common/src/schemas/audit.js';
import type { Db } from '../../db/database.js';
import { csvCell, toCsvRow } from '../../platform/csv.js';
import { verifyAuditChain } from './audit-verify.js';

// The audit log (quality.md): who, when (with zone), from where, what, which record, outcome for
// every write, login and export; searchable; exportable without formula injection; append-only
// and hash-chained so that any change or deletion is detected.

/** RFC 4180 reader, enough for the export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

async function tamperable(env: TestEnv): Promise<void> {
  if (env.database.dialect === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(env.database.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(env.database.db);
  } else {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(env.database.db);
  }
}

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let env: TestEnv;
  let auditor: TestClient;
  let secadmin: TestClient;
  let sysadmin: TestClient;
  let roleIds: Record<string, number>;
  let hongshanTownId: number;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    auditor = await loggedIn(env.app, 'auditor');
    secadmin = await loggedIn(env.app, 'secadmin');
    sysadmin = await loggedIn(env.app, 'sysadmin');
    roleIds = Object.fromEntries(((await secadmin.get('/roles')).body.items as { id: number; code: string }[]).map((r) => [r.code, r.id]));
    hongshanTownId = ((await sysadmin.get('/units')).body.items as { id: number; name: string }[]).find((u) => u.name === '洪山镇')!.id;
  });
  afterAll(() => env.close());

  const userId = async (username: string) =>
    (await env.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  async function entriesFor(objectType: string, objectId: string | number): Promise<AuditEntry[]> {
    const res = await auditor.get(`/audit?objectType=${objectType}&objectId=${objectId}&limit=200`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('records who, when, from where, what, which record and the outcome of every write, tied to its request', async () => {
    const started = new Date().toISOString();
    const writes: { res: Reply; actor: string; action: string; objectType: string; objectId?: () => string }[] = [];
    const track = (res: Reply, actor: string, action: string, objectType: string, objectId?: () => string) => {
      expect(res.status, action).toBe(200);
      writes.push({ res, actor, action, objectType, objectId });
      return res;
    };

    const createdUser = track(
      await secadmin.post('/users', { username: 'audited', displayName: '被审计者', unitId: hongshanTownId, roleIds: [roleIds.town_officer], password: 'Issued#2026a' }),
      'secadmin', 'user.create', 'user', () => String(createdUser.body.id),
    );
    const uid = () => String(createdUser.body.id);
    track(await secadmin.patch(`/users/${uid()}`, { displayName: '改名者' }), 'secadmin', 'user.update', 'user', uid);
    track(await secadmin.patch(`/users/${uid()}`, { roleIds: [roleIds.community_worker] }), 'secadmin', 'user.rolesChange', 'user', uid);
    track(await secadmin.post(`/users/${uid()}/reset-password`, { password: 'Reset#2026xy' }), 'secadmin', 'user.resetPassword', 'user', uid);
    track(await secadmin.post(`/users/${uid()}/unlock`), 'secadmin', 'user.unlock', 'user', uid);

    const newcomer = new TestClient(env.app);
    track(await newcomer.login('audited', 'Reset#2026xy'), 'audited', 'auth.login', 'user', uid);
    track(await newcomer.post('/auth/password', { currentPassword: 'Reset#2026xy', newPassword: 'Mine#2026abc' }), 'audited', 'auth.passwordChange', 'user', uid);
    track(await newcomer.post('/auth/logout'), 'audited', 'auth.logout', 'user', uid);
    track(await secadmin.patch(`/users/${uid()}`, { active: false }), 'secadmin', 'user.deactivate', 'user', uid);

    const role = track(await secadmin.post('/roles', { code: 'audited_role', name: '审计测试角色', permissions: ['unit.read'] }), 'secadmin', 'role.create', 'role', () => String(role.body.id));
    const rid = () => String(role.body.id);
    track(await secadmin.patch(`/roles/${rid()}`, { name: '审计测试角色二' }), 'secadmin', 'role.update', 'role', rid);
    track(await secadmin.patch(`/roles/${rid()}`, { permissions: ['unit.read', 'workbench.read'] }), 'secadmin', 'role.permissionsChange', 'role', rid);
    track(await secadmin.delete(`/roles/${rid()}`), 'secadmin', 'role.delete', 'role', rid);

    const unit = track(await sysadmin.post('/units', { parentId: hongshanTownId, kind: 'community', name: '审计社区' }), 'sysadmin', 'unit.create', 'unit', () => String(unit.body.id));
    const unitIdOf = () => String(unit.body.id);
    track(await sysadmin.patch(`/units/${unitIdOf()}`, { name: '审计社区二' }), 'sysadmin', 'unit.update', 'unit', unitIdOf);
    track(await sysadmin.delete(`/units/${unitIdOf()}`), 'sysadmin', 'unit.delete', 'unit', unitIdOf);
    track(await auditor.post('/audit/verify'), 'auditor', 'audit.verify', 'job');

    const finished = new Date().toISOString();
    for (const w of writes) {
      const requestId = w.res.headers['x-request-id'] as string;
      expect(requestId, w.action).toMatch(/^[0-9a-f-]{36}$/);
      const rows = await env.database.db.selectFrom('audit_log').select('seq').where('request_id', '=', requestId).execute();
      expect(rows, w.action).toHaveLength(1);
      const entries = w.objectId ? await entriesFor(w.objectType, w.objectId()) : (await auditor.get(`/audit?objectType=${w.objectType}&limit=200`)).body.items as AuditEntry[];
      const entry = entries.find((e) => e.requestId === requestId);
      expect(entry, w.action).toBeDefined();
      expect(entry, w.action).toMatchObject({
        action: w.action,
        actorName: w.actor,
        actorId: await userId(w.actor),
        ip: '127.0.0.1',
        objectType: w.objectType,
        outcome: 'success',
      });
      if (w.objectId) expect(entry!.objectId).toBe(w.objectId());
      // ISO 8601 with its zone, within the test's time.
      expect(entry!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
      expect(entry!.at >= started && entry!.at <= finished, `${w.action} at ${entry!.at}`).toBe(true);
    }
  });

  it('records refusals and failures with their outcome', async () => {
    const hongshan = await loggedIn(env.app, 'hongshan');
    const denied = await hongshan.get('/audit');
    expect(denied.status).toBe(403);
    const row = await env.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', denied.headers['x-request-id'] as string).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'access.denied', outcome: 'denied', actor_name: 'hongshan', ip: '127.0.0.1' });

    const failed = await new TestClient(env.app).login('hongshan', 'Wrong#Pass1');
    const failRow = await env.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', failed.headers['x-request-id'] as string).executeTakeFirstOrThrow();
    expect(failRow).toMatchObject({ action: 'auth.loginFailed', outcome: 'failure', actor_name: 'hongshan', object_type: 'user', object_id: String(await userId('hongshan')) });
  });

  it('filters by actor, action prefix, outcome and time range', async () => {
    const list = async (query: string) => {
      const res: Reply = await auditor.get(`/audit?limit=200&${query}`);
      expect(res.status, query).toBe(200);
      return res.body as { items: AuditEntry[]; total: number };
    };

    const bySecadmin = await list('actor=secadmin');
    expect(bySecadmin.items.length).toBeGreaterThan(5);
    expect(bySecadmin.items.every((e) => e.actorName === 'secadmin')).toBe(true);
    expect((await list('actor=SecAdmin')).total).toBe(bySecadmin.total);

    const userActions = await list('action=user.');
    expect(userActions.items.every((e) => e.action.startsWith('user.'))).toBe(true);
    expect(new Set(userActions.items.map((e) => e.action))).toEqual(new Set(['user.create', 'user.update', 'user.rolesChange', 'user.resetPassword', 'user.unlock', 'user.deactivate']));

    const failures = await list('outcome=failure');
    expect(failures.total).toBeGreaterThanOrEqual(1);
    expect(failures.items.every((e) => e.outcome === 'failure')).toBe(true);
    expect((await list('outcome=denied&actor=hongshan')).items.map((e) => e.action)).toEqual(['access.denied']);

    // A time window holds exactly what happened inside it, whatever zone the bounds are written in.
    await new Promise((r) => setTimeout(r, 5));
    const from = new Date();
    await new TestClient(env.app).login('kunlun', 'Wrong#Pass1');
    await new TestClient(env.app).login('kunlun');
    const to = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await new TestClient(env.app).login('kunlun');
    const window = await list(`from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
    expect(window.items.map((e) => e.action)).toEqual(['auth.login', 'auth.loginFailed']);
    const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    const sameWindow = await list(`from=${encodeURIComponent(beijing(from))}&to=${encodeURIComponent(beijing(to))}`);
    expect(sameWindow.items.map((e) => e.seq)).toEqual(window.items.map((e) => e.seq));
    expect((await list(`from=${encodeURIComponent(from.toISOString())}&actor=kunlun`)).total).toBe(3);

    const bad = await auditor.get('/audit?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.from).toBe('请输入有效的日期时间');
  });

  it('pages newest first with keyset cursors, each row once, total steady', async () => {
    const head = await env.database.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: Reply = await auditor.get(`/audit?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(head.seq);
      seen.push(...(res.body.items as AuditEntry[]).map((e) => e.seq));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: head.seq }, (_, i) => head.seq - i));

    // With a filter too.
    const filtered: AuditEntry[] = [];
    cursor = null;
    let total = -1;
    do {
      const res: Reply = await auditor.get(`/audit?limit=2&action=auth.&${cursor ? `cursor=${encodeURIComponent(cursor)}` : ''}`);
      total = res.body.total;
      filtered.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(filtered).toHaveLength(total);
    expect(new Set(filtered.map((e) => e.seq)).size).toBe(total);
    expect(filtered.every((e) => e.action.startsWith('auth.'))).toBe(true);
  });

  it('exports CSV naming the exporter, with formula injection neutralised, and logs the export', async () => {
    // What an attacker can type into the log: the user name of a failed login.
    for (const name of ['=cmd()', '+SUM(A1)', '-2+3', '@evil']) await new TestClient(env.app).login(name, 'Wrong#Pass1');

    const res = await auditor.request('GET', '/audit/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-[\d-]+\.csv"$/);
    const text = res.body as string;
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF# exported by auditor at \d{4}-\d\d-\d\dT/);
    const rows = parseCsv(lines.slice(1).join('\r\n'));
    expect(rows[0]).toEqual(['seq', 'time', 'actor_id', 'actor', 'ip', 'action', 'object_type', 'object_id', 'outcome', 'request_id', 'detail', 'hash']);

    const actors = rows.slice(1).map((r) => r[3]);
    for (const name of ['=cmd()', '+SUM(A1)', '-2+3', '@evil']) expect(actors).toContain(`'${name}`);
    for (const cell of rows.slice(1).flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);

    // Every row of the log is there, including the export's own entry.
    const head = await env.database.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(Array.from({ length: head.seq }, (_, i) => i + 1));
    const exportRow = rows.find((r) => r[5] === 'audit.export')!;
    expect(exportRow[3]).toBe('auditor');
    expect(exportRow[9]).toBe(res.headers['x-request-id']);

    const filtered = await auditor.request('GET', '/audit/export?action=auth.loginFailed');
    const filteredRows = parseCsv((filtered.body as string).split('\r\n').slice(1).join('\r\n')).slice(1);
    expect(filteredRows.length).toBeGreaterThanOrEqual(5);
    expect(filteredRows.every((r) => r[5] === 'auth.loginFailed')).toBe(true);
    const logged = await auditor.get('/audit?action=audit.export');
    expect(logged.body.items[0]).toMatchObject({ actorName: 'auditor', detail: { filter: { action: 'auth.loginFailed' }, rows: filteredRows.length } });
  });

  it('business users and other administrators may not read or export the log', async () => {
    for (const username of ['staff', 'hongshan', 'secadmin', 'sysadmin']) {
      const client = await loggedIn(env.app, username);
      for (const url of ['/audit', '/audit/export']) {
        const res = await client.get(url);
        expect(res.status, `${username} ${url}`).toBe(403);
        expect(res.body.code).toBe('auth.forbidden');
      }
      expect((await client.post('/audit/verify')).status).toBe(403);
    }
  });

  it('verifies an untouched chain, directly and as a background job', async () => {
    const direct = await verifyAuditChain(env.database.db);
    const head = await env.database.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(direct).toEqual({ ok: true, checked: head.seq, firstBadSeq: null, problem: null });

    const job = await auditor.post('/audit/verify');
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ kind: 'audit.verify', status: 'queued' });
    await env.app.deps.worker.drain();
    const done = await auditor.get(`/jobs/${job.body.id}`);
    expect(done.body).toMatchObject({ status: 'succeeded', progress: 1, error: null });
    expect(done.body.result).toMatchObject({ ok: true, problem: null });
    expect(done.body.result.checked).toBeGreaterThanOrEqual(head.seq);
    expect(done.body.finishedAt).not.toBeNull();
  });

  it('the database refuses to change or delete audit rows', async () => {
    const db = env.database.db;
    await expect(db.updateTable('audit_log').set({ outcome: 'failure' }).where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe.each(DIALECTS)('audit chain tampering on %s', (dialect) => {
  let env: TestEnv;
  let db: Db;
  let auditor: TestClient;
  beforeAll(async () => {
    env = await createTestEnv(dialect);
    // Some history beyond the seed.
    for (const u of ['staff', 'hongshan']) await loggedIn(env.app, u);
    auditor = await loggedIn(env.app, 'auditor');
    db = env.database.db;
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await tamperable(env);
  });
  afterAll(() => env.close());

  const row = (seq: number) => db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const headSeq = async () => (await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq;

  it('a changed row fails its hash; changing it back heals the chain', async () => {
    const original = await row(5);
    await db.updateTable('audit_log').set({ actor_name: 'someone-else' }).where('seq', '=', 5).execute();
    expect(await verifyAuditChain(db)).toEqual({ ok: false, checked: 4, firstBadSeq: 5, problem: 'hashMismatch' });

    await db.updateTable('audit_log').set({ actor_name: original.actor_name }).where('seq', '=', 5).execute();
    expect((await verifyAuditChain(db)).ok).toBe(true);

    for (const change of [{ detail: '{"username":"ghost"}' }, { outcome: 'failure' }, { at: '2020-01-01T00:00:00.000Z' }, { ip: '10.0.0.1' }] as const) {
      const before = await row(7);
      await db.updateTable('audit_log').set(change).where('seq', '=', 7).execute();
      expect(await verifyAuditChain(db), JSON.stringify(change)).toMatchObject({ ok: false, firstBadSeq: 7, problem: 'hashMismatch' });
      await db.updateTable('audit_log').set({ detail: before.detail, outcome: before.outcome, at: before.at, ip: before.ip }).where('seq', '=', 7).execute();
    }
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('removing the newest row is caught against the chain head', async () => {
    const seq = await headSeq();
    const newest = await row(seq);
    await db.deleteFrom('audit_log').where('seq', '=', seq).execute();
    expect(await verifyAuditChain(db)).toEqual({ ok: false, checked: seq - 1, firstBadSeq: seq, problem: 'gap' });
    await db.insertInto('audit_log').values(newest).execute();
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('a deleted row leaves a gap; covering it by renumbering breaks the link', async () => {
    await db.deleteFrom('audit_log').where('seq', '=', 10).execute();
    expect(await verifyAuditChain(db)).toEqual({ ok: false, checked: 9, firstBadSeq: 10, problem: 'gap' });

    await db.updateTable('audit_log').set({ seq: 10 }).where('seq', '=', 11).execute();
    expect(await verifyAuditChain(db)).toEqual({ ok: false, checked: 9, firstBadSeq: 10, problem: 'linkBroken' });
  });

  it('the verification job reports the tampering to the auditor', async () => {
    const job = await auditor.post('/audit/verify');
    expect(job.status).toBe(200);
    await env.app.deps.worker.drain();
    const done = await auditor.get(`/jobs/${job.body.id}`);
    expect(done.body.status).toBe('succeeded');
    expect(done.body.result).toEqual({ ok: false, checked: 9, firstBadSeq: 10, problem: 'linkBroken' });
  });
});

describe('CSV cells of exports', () => {
  it.each([
    ['=cmd()', "'=cmd()"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['a=b', 'a=b'],
    ['王晓梅', '王晓梅'],
    [null, ''],
    [42, '42'],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('ends rows with CRLF', () => {
    expect(toCsvRow(['a', '=b', null])).toBe("a,'=b,\r\n");
  });
});
