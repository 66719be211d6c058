import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { DEMO_PASSWORD, TestClient } from '../test/harness.js';

// The `tongxin` command line as an operator uses it, on the embedded SQLite database: each call is
// a real process running the TypeScript source (node --import tsx: what `npx tsx` does, minus the
// extra launcher process) with TONGXIN_DATA_DIR pointing at a temp dir.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(ROOT, 'server/src/cli/cli.ts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(dataDir: string, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { cwd: ROOT, env: { ...process.env, TONGXIN_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' }, timeout: 120_000 },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const json = (run: Run) => JSON.parse(run.stdout.trim().split('\n').pop()!);

function tableCounts(file: string): Record<string, number> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
    return Object.fromEntries(tables.map((t) => [t.name, (db.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

describe('tongxin CLI on SQLite', { timeout: 120_000 }, () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'tongxin-cli-'));
    dirs.push(d);
    return d;
  };
  let data: string;
  let help: Promise<{ top: Run; commands: string[]; runs: Record<string, Run>; scratch: string }>;
  beforeAll(() => {
    data = tempDir();
    // Help runs in the background, a few processes at a time, while the other tests go on.
    const scratch = tempDir();
    help = (async () => {
      const top = await cli(scratch, '--help');
      const commands = [...top.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]!);
      const runs: Record<string, Run> = {};
      const queue = [...commands];
      await Promise.all(
        [1, 2].map(async () => {
          for (let c = queue.shift(); c; c = queue.shift()) runs[c] = await cli(scratch, c, '--help');
        }),
      );
      return { top, commands, runs, scratch };
    })();
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('migrates an empty data directory and loads the demo district into it', async () => {
    const migrated = await cli(data, 'migrate', '--json');
    expect(migrated.code).toBe(0);
    expect(json(migrated).applied).toEqual(['20261125-01-units', '20261125-02-accounts', '20261125-03-sessions', '20261125-04-audit-log', '20261125-05-jobs-settings', '20261125-06-totp-last-step', '20261125-07-registry', '20261125-08-consolidation', '20261125-09-surveys']);

    const seeded = await cli(data, 'seed-demo', '--json');
    expect(seeded.code).toBe(0);
    const summary = json(seeded);
    expect(summary.users).toBe(20);
    expect(summary.units).toBeGreaterThan(400);
    expect(tableCounts(join(data, 'tongxin.db'))).toMatchObject({ users: 20, units: summary.units, persons: 3000 });

  });

  it('imports a department list like the wizard, reports problem rows, and imports the same file only once', async () => {
    const dir = tempDir();
    const file = join(dir, '骑手名单.csv');
    writeFileSync(file, ['淄川区外卖骑手名单', '姓名,身份证号,手机号码,所在镇街', '张伟,370302199001011234,13800138000,洪山镇', '李娜,,13800138001,昆仑', ',370302199001011235,,'].join('\n'));
    const first = await cli(data, 'import', '--source', '外卖骑手服务平台', file, '--json');
    expect(first.code, first.stderr).toBe(0);
    expect(json(first)).toMatchObject({ sourceCreated: true, headerRow: 2, imported: 2, rows: { created: 2, refused: 1, flagged: 1 } });
    expect(json(first).problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 3, problems: ['residentId.checksum'] }), expect.objectContaining({ row: 5, outcome: 'refused' })]),
    );
    const again = await cli(data, 'import', '--source', '外卖骑手服务平台', file, '--json');
    expect(json(again)).toMatchObject({ alreadyImported: true, imported: 0 });

    const nobody = join(dir, 'empty-names.csv');
    writeFileSync(nobody, '姓名,手机号码\n,13800138000\n');
    const none = await cli(data, 'import', '--source', 'x', nobody);
    expect(none.code).toBe(1);
    const missing = await cli(data, 'import', '--source', 'x', join(dir, 'nope.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
  });

  it('consolidates what was imported and writes one line per source record with its person', async () => {
    const dir = tempDir();
    // The same rider again from another platform, without an ID and with the phone written differently.
    const file = join(dir, '快递员名单.csv');
    writeFileSync(file, ['姓名,身份证号,手机号码,所在镇街', '张伟,,138-0013-8000,洪山镇', '王芳,,13900001111,般阳路街道'].join('\n'));
    expect((await cli(data, 'import', '--source', '快递行业协会', file, '--json')).code).toBe(0);
    const before = tableCounts(join(data, 'tongxin.db')).persons!;

    const run = await cli(data, 'consolidate', '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = json(run);
    // Rows that named somebody: 张伟 and 李娜 from the riders' list, both rows of the couriers'.
    expect(result).toMatchObject({ kind: 'full', pendingRecords: 4, personsBefore: before, mergedPersons: 1 });
    expect(result.personsAfter).toBe(before - 1);
    expect(tableCounts(join(data, 'tongxin.db')).persons).toBe(before - 1);

    const out = join(dir, 'links.csv');
    const exported = await cli(data, 'export-links', out, '--json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(json(exported).records).toBe(tableCounts(join(data, 'tongxin.db')).source_records);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('file_name,sheet,row,person_id');
    const rows = lines.slice(1).map((l) => l.split(','));
    const personAt = (fileName: string, row: number) => rows.find((r) => r[0] === fileName && Number(r[2]) === row)?.[3];
    // 张伟 is row 3 of the riders' list (a title row, then the header) and row 2 of the couriers'.
    expect(personAt('骑手名单.csv', 3)).toBeTruthy();
    expect(personAt('快递员名单.csv', 2)).toBe(personAt('骑手名单.csv', 3));
    expect(personAt('快递员名单.csv', 3)).not.toBe(personAt('骑手名单.csv', 3));
    // The row that named nobody has no person.
    expect(personAt('骑手名单.csv', 5)).toBe('');

    const again = await cli(data, 'consolidate', '--json');
    expect(json(again)).toMatchObject({ kind: 'incremental', pendingRecords: 0, mergedPersons: 0 });
    expect((await cli(data, 'export-links')).code).toBe(2);
  });

  it('imports into a brand-new data directory, creating the district to be named at set-up', async () => {
    const fresh = tempDir();
    const file = join(fresh, '名单.csv');
    writeFileSync(file, '姓名,手机号码,所在镇街\n张伟,13800138000,\n');
    const run = await cli(fresh, 'import', '--source', '区司法局', file, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(json(run)).toMatchObject({ imported: 1 });
    expect(tableCounts(join(fresh, 'tongxin.db'))).toMatchObject({ units: 1, persons: 1, users: 0 });
  });

  it('refuses a weak administrator password with exit code 2 and a clear message', async () => {
    const weak = await cli(data, 'create-admin', '--username', 'secadmin2', '--password', 'password');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toBe('Error: --password: at least 8 characters from 3 of upper case, lower case, digits, symbols\n');
    expect(tableCounts(join(data, 'tongxin.db')).users).toBe(20);
  });

  it('resets a password to a temporary one that must be changed at login', async () => {
    const reset = await cli(data, 'reset-password', 'staff', '--json');
    expect(reset.code).toBe(0);
    const { username, temporaryPassword } = json(reset) as { username: string; temporaryPassword: string };
    expect(username).toBe('staff');
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);

    const app = await buildApp({ config: loadConfig({ TONGXIN_DATA_DIR: data }, { webDir: '/nonexistent' }), logger: false });
    try {
      expect((await new TestClient(app).login('staff', DEMO_PASSWORD)).status).toBe(401);
      const login = await new TestClient(app).login('staff', temporaryPassword);
      expect(login.status).toBe(200);
      expect(login.body.user.stage).toBe('changePassword');
    } finally {
      await app.close();
    }
  });

  it('backs up and restores into a fresh instance with identical data', async () => {
    const file = join(tempDir(), 'nightly', 'tongxin-backup.db');
    const backup = await cli(data, 'backup', file, '--json');
    expect(backup.code).toBe(0);
    expect(json(backup)).toEqual({ file, integrity: 'ok' });

    expect(existsSync(`${file}.key`)).toBe(true);
    const fresh = tempDir();
    const restored = await cli(fresh, 'restore', file, '--json');
    expect(restored.code).toBe(0);
    expect(json(restored)).toEqual({ file: join(fresh, 'tongxin.db') });

    const original = tableCounts(join(data, 'tongxin.db'));
    expect(Object.keys(original)).toEqual(expect.arrayContaining(['audit_head', 'audit_log', 'jobs', 'roles', 'schema_migrations', 'sessions', 'settings', 'units', 'user_roles', 'users']));
    expect(tableCounts(join(fresh, 'tongxin.db'))).toEqual(original);

    // The restored instance's audit chain is intact.
    const verified = await cli(fresh, 'audit', 'verify', '--json');
    expect(verified.code).toBe(0);
    expect(json(verified)).toEqual({ ok: true, checked: original.audit_log, firstBadSeq: null, problem: null });

    // The restored instance reads the encrypted resident IDs with the key that came with the backup.
    const app = await buildApp({ config: loadConfig({ TONGXIN_DATA_DIR: fresh }, { webDir: '/nonexistent' }), logger: false });
    try {
      const staffClient = new TestClient(app);
      expect((await staffClient.login('hongshan')).status).toBe(200);
      const [person] = (await staffClient.get('/persons?limit=1')).body.items;
      const revealed = await staffClient.post(`/persons/${person.id}/reveal`, { field: 'residentId', reason: '恢复后核对' });
      expect(revealed.body.value).toMatch(/^370302\d{11}[\dX]$/);
    } finally {
      await app.close();
    }

  });

  it('verifies the audit chain, exiting 3 once the file has been tampered with', async () => {
    const db = new SQLite(join(data, 'tongxin.db'));
    expect(() => db.prepare("update audit_log set actor_name = 'nobody' where seq = 2").run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("update audit_log set actor_name = 'nobody' where seq = 2").run();
    db.close();

    const bad = await cli(data, 'audit', 'verify', '--json');
    expect(bad.code).toBe(3);
    expect(json(bad)).toEqual({ ok: false, checked: 1, firstBadSeq: 2, problem: 'hashMismatch' });
  });

  it('prints help for itself and for every command, exiting 0', async () => {
    const { top, commands, runs, scratch } = await help;
    expect(top.code).toBe(0);
    expect(commands).toEqual(['serve', 'demo', 'migrate', 'create-admin', 'reset-password', 'backup', 'restore', 'seed-demo', 'import', 'consolidate', 'export-links', 'audit']);
    for (const c of commands) {
      expect(runs[c]!.code, c).toBe(0);
      expect(runs[c]!.stdout, c).toMatch(/\n\nUsage: tongxin /);
    }
    expect(runs.audit!.stdout).toContain('Exit code 0 when the chain is intact, 3 when a row was changed or deleted');
    // Help touches nothing: no database was created.
    expect(existsSync(join(scratch, 'tongxin.db'))).toBe(false);
  });
});
