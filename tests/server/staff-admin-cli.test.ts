// Staff passwords from the shell (issue 10): `npm run admin -- set-password "<name>"` and
// `create-user … --password` read the password from standard input, never from the command
// line; the rules apply, volunteers get none, old staff sessions end. On SQLite and PostgreSQL,
// the commands directly and the CLI as a real child process with a pipe on stdin.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AdminInputError, COMMANDS, type AdminOptions } from '../../server/admin/admin-commands';
import { SQLITE_FILE_NAME } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import type { Database } from '../../server/db/tables';
import { createQuarter } from '../../server/repos/quarter.repo';
import { QUARTER } from './support/fixtures';
import { createPerson } from './support/push-fixtures';
import { buildStaffTestApp, createStaffUser, signInStaff } from './support/staff-fixtures';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PETRA = { quarterId: QUARTER.id, name: 'Petra L.', password: 'Sommer-im-Park-7' };

/** Runs the admin CLI with `input` on its standard input. */
function adminWithInput(env: Record<string, string>, args: string[], input: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/admin/admin.cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describeEachDialect('admin CLI: staff passwords', (dialect) => {
  const fresh = useFreshDatabase(dialect);

  const run = (name: string, options: Partial<AdminOptions>, typed = 'Winter-am-Rhein-3') =>
    COMMANDS[name]?.(
      { db: fresh().db, defaultQuarter: undefined, readSecret: () => Promise.resolve(typed) },
      { positionals: [], ...options },
    );

  beforeEach(async () => {
    await createQuarter(fresh().db, QUARTER);
  });

  it('set-password gives a staff member a new password and ends their sessions', async () => {
    const { db } = fresh();
    await createStaffUser(db, PETRA);
    const { app } = await buildStaffTestApp(db);
    const cookie = await signInStaff(app, PETRA);
    const lines = await run('set-password', { positionals: ['Petra L.'] });
    expect(lines?.join('\n')).toContain('Neues Passwort für Petra L. gesetzt');
    const me = await app.inject({ method: 'GET', url: '/api/v1/staff/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    await signInStaff(app, { ...PETRA, password: 'Winter-am-Rhein-3' });
    const [line] = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.password_set')
      .execute();
    expect(line).toMatchObject({
      actor_user_id: null,
      actor_name: 'Server-Konsole (npm run admin)',
    });
    expect(line?.detail).not.toContain('Winter');
  });

  it('refuses volunteers, unknown names and weak passwords', async () => {
    await createPerson(fresh().db, 'Erika M.');
    await createStaffUser(fresh().db, PETRA);
    await expect(run('set-password', { positionals: ['Erika M.'] })).rejects.toThrow(
      AdminInputError,
    );
    await expect(run('set-password', { positionals: ['Niemand'] })).rejects.toThrow('niemanden');
    await expect(run('set-password', { positionals: ['Petra L.'] }, 'kurz')).rejects.toThrow(
      'mindestens 10 Zeichen',
    );
    await expect(
      run('create-user', { name: 'Hans', role: 'volunteer', pin: '5827', password: true }),
    ).rejects.toThrow('kein Passwort');
  });

  it('create-user --password creates staff who can sign in', async () => {
    const lines = await run('create-user', { name: 'Max Team', role: 'staff', password: true });
    expect(lines?.join('\n')).toContain('Passwort für die Team-Ansicht gesetzt.');
    const { app } = await buildStaffTestApp(fresh().db);
    await signInStaff(app, {
      quarterId: QUARTER.id,
      name: 'Max Team',
      password: 'Winter-am-Rhein-3',
    });
  });
});

describeEachDialect('admin CLI process: password from standard input', (dialect) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });
  let dataDir: string;
  let env: Record<string, string>;
  let db: Kysely<Database>;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'qb-admin-pw-'));
    const config = fresh().config;
    if (config.kind === 'postgres') {
      env = { DATA_DIR: dataDir, DATABASE_URL: config.url };
      db = fresh().db;
    } else {
      env = { DATA_DIR: dataDir };
      db = openDatabase({ kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) });
    }
    await migrateToLatest(db);
    await createQuarter(db, QUARTER);
    await createStaffUser(db, PETRA);
  });
  afterEach(async () => {
    if (dialect === 'sqlite') await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the first line of a pipe; a password on the command line is refused', async () => {
    const done = await adminWithInput(env, ['set-password', 'Petra L.'], 'Winter-am-Rhein-3\n');
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const { app } = await buildStaffTestApp(db);
    await signInStaff(app, { ...PETRA, password: 'Winter-am-Rhein-3' });

    const argv = await adminWithInput(
      env,
      ['set-password', 'Petra L.', '--password', 'Frühling-2030-x'],
      '',
    );
    expect(argv.code).toBe(2);
    const empty = await adminWithInput(env, ['set-password', 'Petra L.'], '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('kein Passwort');
  });
});
