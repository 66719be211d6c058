import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import SQLite from 'better-sqlite3';
import type { BuiltInRoleCode } from '../../../common/src/permissions.js';
import { passwordMeetsPolicy } from '../../../common/src/validation/password.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, openSqlite, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { writeAudit } from '../platform/audit.js';
import { systemActor, type Ctx } from '../platform/context.js';
import { hashPassword } from '../platform/passwords.js';
import { deleteUserSessions } from '../platform/sessions.js';
import { findRoleIdByCode, syncBuiltInRoles } from '../modules/roles/roles.repository.js';
import { findRootUnit, insertUnit, PLACEHOLDER_DISTRICT } from '../modules/units/units.repository.js';
import { insertUser, updateUser, usernameTaken } from '../modules/users/users.repository.js';
import { verifyAuditChain } from '../modules/audit/audit-verify.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, hasOrgTree, seedDemo } from './seed-demo.js';
import { seedDemoImports, seedPersons } from './seed-persons.js';
import { createDraft, previewDraft, remapDraft, runImport } from '../modules/imports/imports.service.js';
import { AppError } from '../platform/errors.js';
import { errorMessage } from '../../../common/src/i18n/errors.js';
import { cipherFor } from '../platform/personal-data.js';
import { consolidate, exportLinks } from '../modules/consolidation/consolidation.service.js';

/** Synthetic persons in the demo district: enough to page, filter and search for real. */
const DEMO_PERSONS = 3000;

// `tongxin <command>` (`npm run tongxin -- <command>`). Every command has --help; --json prints a
// machine-readable result. All respect TONGXIN_DATA_DIR and DATABASE_URL.

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, config: Config): Promise<unknown>;
}

class UsageError extends Error {}

const json = { type: 'boolean' as const, default: false };
const help = { type: 'boolean' as const, short: 'h', default: false };

let jsonOutput = false;
const say = (text: string) => {
  if (!jsonOutput) process.stdout.write(`${text}\n`);
};

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase(config);
  try {
    await migrateToLatest(database.db);
    await syncBuiltInRoles(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}

const keyFileOf = (config: Config) => process.env.TONGXIN_KEY_FILE || join(config.dataDir, 'tongxin.key');

const cliCtx = (name: string): Ctx => ({ actor: systemActor(`cli:${name}`), ip: null, requestId: `cli-${name}`, locale: 'zh-CN' });

/** A --password given on the command line must meet the staff policy like any other. */
function checkedPassword(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const password = String(value);
  if (!passwordMeetsPolicy(password)) throw new UsageError('--password: at least 8 characters from 3 of upper case, lower case, digits, symbols');
  return password;
}

function generatedPassword(): string {
  // 3 character classes guaranteed, 16 characters.
  return `Tx-${randomBytes(9).toString('base64url')}7a`;
}

const ADMIN_ROLES: BuiltInRoleCode[] = ['security_admin', 'system_admin', 'audit_admin'];

const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'Run the server (same as npm start).',
    usage: 'tongxin serve',
    options: {},
    run: async (_a, config) => {
      const { startServer } = await import('../server.js');
      await startServer(config);
      return new Promise(() => {});
    },
  },

  demo: {
    summary: 'Load the Zichuan demo district into a fresh demo database and serve it.',
    usage: 'tongxin demo [--keep]   (--keep reuses an existing demo database)',
    options: { keep: { type: 'boolean', default: false } },
    run: async ({ values }, config) => {
      if (config.databaseUrl) throw new UsageError('demo runs on the embedded SQLite database; unset DATABASE_URL');
      const demoConfig: Config = { ...config, sqliteFile: 'demo.db' };
      const file = join(demoConfig.dataDir, demoConfig.sqliteFile);
      if (!values.keep) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      const database = openDatabase(demoConfig);
      await migrateToLatest(database.db);
      await syncBuiltInRoles(database.db);
      if (!(await hasOrgTree(database.db))) {
        const summary = await seedDemo(database.db);
        const cipher = cipherFor(demoConfig.dataDir);
        const persons = await database.db.transaction().execute((trx) => seedPersons(trx, cipher, DEMO_PERSONS));
        const lists = await seedDemoImports(database.db, cipher);
        say(`Demo district loaded: ${summary.units} units, ${summary.users} accounts, ${persons} persons, ${lists.batches} imported lists, ${lists.merged} duplicates merged, ${lists.review} pairs for review (${file})`);
      }
      // Loaded on demand: the other commands need none of the HTTP stack.
      const { startServer } = await import('../server.js');
      await startServer(demoConfig, {
        database,
        banner: (url) =>
          [
            '',
            `Tongxin demo (淄川区 Zichuan) is running at ${url}`,
            '',
            `Demo accounts (password for all: ${DEMO_PASSWORD}):`,
            ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(10)} ${a.role.padEnd(17)} ${a.unit}`),
            '  …and a town officer for every street and town (banyanglu, songlinglu, zhonglou, …)',
            '',
            'Press Ctrl+C to stop.',
            '',
          ].join('\n'),
      });
      return new Promise(() => {});
    },
  },

  migrate: {
    summary: 'Apply pending database migrations.',
    usage: 'tongxin migrate [--json]',
    options: { json },
    run: async (_a, config) => {
      const database = openDatabase(config);
      try {
        const applied = await migrateToLatest(database.db);
        await syncBuiltInRoles(database.db);
        say(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
        return { applied };
      } finally {
        await database.close();
      }
    },
  },

  'create-admin': {
    summary: 'Create an administrator account (security, system or audit administrator).',
    usage:
      'tongxin create-admin --username NAME --display-name NAME [--role security_admin|system_admin|audit_admin] [--password P]\n' +
      '                     [--district-name 淄川区 --district-code 370302]   (district needed on an empty database)\n' +
      'Without --password a temporary password is generated and printed; the user must change it at first login.',
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string', default: 'security_admin' },
      password: { type: 'string' },
      'district-name': { type: 'string' },
      'district-code': { type: 'string' },
      json,
    },
    run: async ({ values }, config) => {
      const username = String(values.username ?? '');
      const displayName = String(values['display-name'] ?? username);
      const role = String(values.role) as BuiltInRoleCode;
      if (!/^[A-Za-z][A-Za-z0-9._-]{2,31}$/.test(username)) throw new UsageError('--username: 3–32 letters, digits, . _ -, starting with a letter');
      if (!ADMIN_ROLES.includes(role)) throw new UsageError(`--role must be one of ${ADMIN_ROLES.join(', ')}`);
      const given = checkedPassword(values.password);
      const password = given ?? generatedPassword();
      const passwordHash = await hashPassword(password);
      return withDatabase(config, async ({ db }) => {
        const id = await db.transaction().execute(async (trx) => {
          if (await usernameTaken(trx, username)) throw new UsageError(`username ${username} is already in use`);
          let root = await findRootUnit(trx);
          if (!root) {
            const name = values['district-name'] as string | undefined;
            const code = values['district-code'] as string | undefined;
            if (!name || !code || !/^\d{6}$/.test(code)) throw new UsageError('the database has no district yet: give --district-name and a 6-digit --district-code');
            await insertUnit(trx, { kind: 'district', code, name, name_en: '', sort_order: 0 }, null);
            root = (await findRootUnit(trx))!;
          }
          const roleId = (await findRoleIdByCode(trx, role))!;
          const userId = await insertUser(trx, { username, display_name: displayName, unit_id: root.id, password_hash: passwordHash, must_change_password: given ? 0 : 1 }, [roleId]);
          await writeAudit(trx, cliCtx('create-admin'), { action: 'user.create', objectType: 'user', objectId: userId, detail: { username, role } });
          return userId;
        });
        say(`Created ${role} ${username} (id ${id}).${given ? '' : `\nTemporary password: ${password}\nThe user must change it at first login.`}`);
        return { id, username, role, ...(given ? {} : { temporaryPassword: password }) };
      });
    },
  },

  'reset-password': {
    summary: 'Reset a user\'s password to a temporary one and unlock the account.',
    usage: 'tongxin reset-password USERNAME [--password P] [--json]',
    options: { password: { type: 'string' }, json },
    run: async ({ values, positionals }, config) => {
      const username = positionals[0];
      if (!username) throw new UsageError('give the USERNAME');
      const given = checkedPassword(values.password);
      const password = given ?? generatedPassword();
      const passwordHash = await hashPassword(password);
      return withDatabase(config, async ({ db }) => {
        const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
        if (!user) throw new UsageError(`no user named ${username}`);
        await db.transaction().execute(async (trx) => {
          await updateUser(trx, user.id, { password_hash: passwordHash, must_change_password: 1, failed_logins: 0, locked_until: null, password_changed_at: new Date().toISOString() });
          await deleteUserSessions(trx, user.id);
          await writeAudit(trx, cliCtx('reset-password'), { action: 'user.resetPassword', objectType: 'user', objectId: user.id });
        });
        say(`Password of ${username} reset; the account is unlocked.\nTemporary password: ${password}\nThe user must change it at next login.`);
        return { username, temporaryPassword: password };
      });
    },
  },

  backup: {
    summary: 'Write a consistent copy of the SQLite database while the server runs (online backup).',
    usage: 'tongxin backup FILE [--json]\nOn PostgreSQL use pg_dump (see README, "Backup and restore").',
    options: { json },
    run: async ({ positionals }, config) => {
      const target = positionals[0];
      if (!target) throw new UsageError('give the backup FILE');
      if (config.databaseUrl) throw new UsageError('this instance uses PostgreSQL: back it up with pg_dump -Fc (README, "Backup and restore")');
      const file = resolve(target);
      if (existsSync(file)) throw new UsageError(`${file} already exists; choose a new file name`);
      mkdirSync(dirname(file), { recursive: true });
      const source = join(config.dataDir, config.sqliteFile);
      if (!existsSync(source)) throw new UsageError(`no database at ${source}`);
      const db = new SQLite(source, { readonly: true, fileMustExist: true });
      try {
        await db.backup(file);
      } finally {
        db.close();
      }
      const check = new SQLite(file, { readonly: true });
      const integrity = check.pragma('integrity_check', { simple: true });
      check.close();
      if (integrity !== 'ok') throw new Error(`backup failed its integrity check: ${String(integrity)}`);
      // Resident IDs and mobiles are encrypted: without the key the backup cannot be read back.
      const keyFile = keyFileOf(config);
      if (existsSync(keyFile)) copyFileSync(keyFile, `${file}.key`);
      say(`Backup written to ${file} (integrity ok)${existsSync(keyFile) ? `, personal-data key to ${file}.key: keep the two together and the key secret` : ''}.`);
      return { file, integrity };
    },
  },

  restore: {
    summary: 'Replace the SQLite database with a backup. Stop the server first.',
    usage: 'tongxin restore FILE [--json]\nOn PostgreSQL use pg_restore (see README).',
    options: { json },
    run: async ({ positionals }, config) => {
      const source = positionals[0] ? resolve(positionals[0]) : '';
      if (!source) throw new UsageError('give the backup FILE');
      if (config.databaseUrl) throw new UsageError('this instance uses PostgreSQL: restore with pg_restore (README, "Backup and restore")');
      if (!existsSync(source)) throw new UsageError(`no such file: ${source}`);
      let check: SQLite.Database;
      try {
        check = new SQLite(source, { readonly: true, fileMustExist: true });
        const integrity = check.pragma('integrity_check', { simple: true });
        const hasSchema = check.prepare("select count(*) as n from sqlite_master where name = 'schema_migrations'").get() as { n: number };
        check.close();
        if (integrity !== 'ok' || hasSchema.n === 0) throw new Error('not a Tongxin database');
      } catch (err) {
        throw new UsageError(`${source} is not a usable Tongxin backup (${err instanceof Error ? err.message : String(err)})`);
      }
      const target = join(config.dataDir, config.sqliteFile);
      mkdirSync(config.dataDir, { recursive: true });
      // The backup's personal-data key comes with it; a different key already here would make
      // either the old or the restored data unreadable, so that is refused.
      const keyFile = keyFileOf(config);
      if (existsSync(`${source}.key`)) {
        if (existsSync(keyFile) && !readFileSync(keyFile).equals(readFileSync(`${source}.key`))) {
          throw new UsageError(`${keyFile} holds a different personal-data key than ${source}.key; move it away first if the backup's key should replace it`);
        }
        copyFileSync(`${source}.key`, keyFile);
        chmodSync(keyFile, 0o600);
      }
      // Copy through the backup API into a temporary file, then swap it in atomically.
      const temp = `${target}.restoring`;
      rmSync(temp, { force: true });
      const src = new SQLite(source, { readonly: true });
      try {
        await src.backup(temp);
      } finally {
        src.close();
      }
      for (const f of [`${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
      renameSync(temp, target);
      const restored = openSqlite(target);
      try {
        await migrateToLatest(restored.db);
      } finally {
        await restored.close();
      }
      say(`Restored ${target} from ${source}.`);
      return { file: target };
    },
  },

  'seed-demo': {
    summary: 'Load the Zichuan demo district (org tree and accounts) into an empty database.',
    usage: `tongxin seed-demo [--persons N] [--json]   (N synthetic persons, default ${DEMO_PERSONS})`,
    options: { json, persons: { type: 'string', default: String(DEMO_PERSONS) } },
    run: async ({ values }, config) =>
      withDatabase(config, async ({ db }) => {
        if (await hasOrgTree(db)) throw new UsageError('the database already has an org tree; seed-demo only fills an empty one');
        const count = Number(values.persons);
        if (!Number.isInteger(count) || count < 0) throw new UsageError('--persons: a whole number of persons, 0 or more');
        const summary = await seedDemo(db);
        const persons = await db.transaction().execute((trx) => seedPersons(trx, cipherFor(config.dataDir), count));
        say(`Demo district loaded: ${summary.units} units, ${summary.users} accounts, ${persons} persons. Password for all demo accounts: ${DEMO_PASSWORD}`);
        return { ...summary, persons };
      }),
  },

  import: {
    summary: 'Import a department list (.xlsx or .csv) into the person registry, as the web wizard does.',
    usage: [
      'tongxin import --source <name> <file> [--sheet <name>] [--json]',
      '--source names who supplied the list (a member unit, an industry platform, a town survey); a new name becomes a new source.',
      'The header row and column mapping are detected as in the wizard. Rows with problems are reported per row.',
      'Exit code 0 when at least one row was imported (or the file was imported before), 1 when nothing could be imported, 2 on usage errors.',
    ].join('\n'),
    options: { json, source: { type: 'string' }, sheet: { type: 'string' } },
    run: async ({ values, positionals }, config) => {
      const file = positionals[0];
      const source = typeof values.source === 'string' ? values.source.trim() : '';
      if (!file || positionals.length > 1) throw new UsageError('give exactly one file: tongxin import --source <name> <file>');
      if (!source) throw new UsageError('--source <name> is required: who supplied this list?');
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      return withDatabase(config, async ({ db }) => {
        let root = await findRootUnit(db);
        if (!root) {
          // Lists may come before set-up (a data migration, an evaluation): the district is created
          // unnamed, and the first-run set-up gives it its name.
          await insertUnit(db, { ...PLACEHOLDER_DISTRICT }, null);
          root = (await findRootUnit(db))!;
          say('The database had no district yet: created one, to be named at the first-run set-up.');
        }
        const ctx = cliCtx('import');
        const cipher = cipherFor(config.dataDir);
        const { batchId, sourceCreated } = await createDraft(db, ctx, { userId: null, name: '命令行导入（tongxin import）', unitId: root.id }, { bytes, fileName: basename(file), source });
        if (sourceCreated) say(`New source "${source}" created.`);
        if (typeof values.sheet === 'string') await remapDraft(db, ctx, batchId, { sheet: values.sheet });
        const preview = await previewDraft(db, ctx, cipher, batchId, { offset: 0, limit: 1_000_000, filter: 'problems' });
        const base = { batchId, source, sourceCreated, file: basename(file), sheet: preview.batch.sheetName, headerRow: preview.batch.headerRow };
        const mapped = preview.columns.filter((c) => c.field).map((c) => `${c.header}→${c.field}`);
        say(`Sheet "${base.sheet}", header on row ${base.headerRow}; columns: ${mapped.join(', ')}`);
        if (preview.alreadyCommitted) {
          say(`This file was already imported as batch ${preview.alreadyCommitted.batchId} (${preview.alreadyCommitted.at}); nothing imported again.`);
          return { ...base, batchId: preview.alreadyCommitted.batchId, alreadyImported: true, imported: 0 };
        }
        if (!preview.columns.some((c) => c.field === 'name')) throw new UsageError('no column of this sheet is recognised as the name (姓名): nothing can be imported');
        const result = await runImport(db, ctx, cipher, batchId);
        const problems = preview.rows.map((r) => ({ row: r.rowNumber, name: r.name, outcome: r.outcome, problems: r.flags.map((f) => `${f.field}.${f.code}`) }));
        for (const p of problems) say(`  row ${p.row}${p.name ? ` ${p.name}` : ''}: ${p.outcome === 'refused' ? 'NOT IMPORTED (no name)' : p.problems.join(', ')}`);
        const imported = result.created + result.linked;
        say(`Imported ${imported} rows (${result.created} new persons, ${result.linked} linked to existing ones); ${result.flagged} with problems, ${result.refused} refused, ${result.skipped} skipped (totals, notes). Batch ${result.batchId}.`);
        if (imported === 0) process.exitCode = 1;
        return { ...base, alreadyImported: false, imported, rows: { data: preview.totals.data, created: result.created, linked: result.linked, flagged: result.flagged, refused: result.refused, skipped: result.skipped }, problems };
      });
    },
  },

  consolidate: {
    summary: 'Link every department\'s rows into one registry (record linkage) and report the true headcount.',
    usage: [
      'tongxin consolidate [--json]',
      'Links every source record imported since the last run against the registry (everything on the first run):',
      'records of one person join that person, duplicate persons are merged (undoably), doubtful pairs go to the review queue.',
    ].join('\n'),
    options: { json },
    run: async (_args, config) =>
      withDatabase(config, async ({ db }) => {
        const result = await consolidate(db, cliCtx('consolidate'), cipherFor(config.dataDir));
        say(
          `Run ${result.runId} (${result.kind}): ${result.pendingRecords} records linked against ${result.existingRecords} consolidated ones in ${result.seconds.toFixed(1)} s; ` +
            `${result.linkedRecords} joined another record's person, ${result.mergedPersons} duplicate persons merged, ${result.createdPersons} persons split off, ${result.fieldsChosen} values re-chosen by the survivorship rules, ${result.reviewPairs} pairs for review.`,
        );
        say(`Persons: ${result.personsBefore} before, ${result.personsAfter} now.`);
        return result;
      }),
  },

  'export-links': {
    summary: 'Write one CSV line per source record: file_name,sheet,row,person_id.',
    usage: ['tongxin export-links <out.csv> [--json]', 'row is the 1-based spreadsheet row as Excel shows it; person_id is empty for a row that named nobody.'].join('\n'),
    options: { json },
    run: async ({ positionals }, config) => {
      const out = positionals[0];
      if (!out || positionals.length > 1) throw new UsageError('give exactly one output file: tongxin export-links <out.csv>');
      return withDatabase(config, async ({ db }) => {
        const target = resolve(out);
        const temp = `${target}.${process.pid}.tmp`;
        const fd = openSync(temp, 'w');
        let records: number;
        try {
          records = await exportLinks(db, (chunk) => {
            writeSync(fd, chunk);
          });
        } finally {
          closeSync(fd);
        }
        renameSync(temp, target);
        say(`${records} source records written to ${target}.`);
        return { file: target, records };
      });
    },
  },

  audit: {
    summary: 'Audit log tools. `tongxin audit verify` checks the hash chain.',
    usage: 'tongxin audit verify [--json]\nExit code 0 when the chain is intact, 3 when a row was changed or deleted.',
    options: { json },
    run: async ({ positionals }, config) => {
      if (positionals[0] !== 'verify') throw new UsageError('usage: tongxin audit verify');
      return withDatabase(config, async ({ db }) => {
        const result = await verifyAuditChain(db);
        if (result.ok) say(`Audit log intact: ${result.checked} entries checked.`);
        else say(`AUDIT LOG TAMPERED: ${result.problem} at entry ${result.firstBadSeq} (${result.checked} entries verified before it).`);
        if (!result.ok) process.exitCode = 3;
        return result;
      });
    },
  },
};

function printHelp(): void {
  process.stdout.write(
    [
      'Usage: tongxin <command> [options]     (npm run tongxin -- <command>)',
      '',
      'Commands:',
      ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`),
      '',
      'Every command accepts --help. Settings come from the environment: TONGXIN_DATA_DIR (default ./data),',
      'DATABASE_URL (postgres://… for PostgreSQL), PORT, HOST.',
      '',
    ].join('\n'),
  );
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command: ${name}\n\n`);
    printHelp();
    process.exitCode = 2;
    return;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help }, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\nUsage: ${command.usage}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return;
  }
  jsonOutput = (parsed.values as { json?: boolean }).json === true;
  try {
    const result = await command.run(parsed as never, loadConfig());
    if (jsonOutput) process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (err) {
    const locale = process.env.LANG?.startsWith('zh') ? 'zh-CN' : 'en-US';
    const message = err instanceof AppError ? errorMessage(locale, err.key, err.params) : err instanceof Error ? err.message : String(err);
    if (jsonOutput) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    else process.stderr.write(`Error: ${message}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
}

void main(process.argv.slice(2));
