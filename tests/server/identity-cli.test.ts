// `npm run admin -- …` as a real child process against the same database the app uses: the
// code it prints enrols a device, and wrong input ends with a German message and exit code 2.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import type { Database } from '../../server/db/tables';
import { createQuarter } from '../../server/repos/quarter.repo';
import { deviceAuthorization, type EnrolResponse } from '../../src/shared/identity';
import { QUARTER } from './support/fixtures';
import { OTHER_QUARTER } from './support/identity-fixtures';
import { runScript } from './support/server-process';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const CLI = 'server/admin/admin.cli.ts';

describeEachDialect('admin CLI', (dialect) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });
  let dataDir: string;
  let env: Record<string, string>;
  let db: Kysely<Database>;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'qb-admin-'));
    // The CLI finds the database the way the server does: DATA_DIR or DATABASE_URL.
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
  });
  afterEach(async () => {
    if (dialect === 'sqlite') await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const admin = (...args: string[]) => runScript(CLI, env, args);

  it('creates a user and prints a one-time code that enrols a device', async () => {
    const created = await admin(
      'create-user',
      '--name',
      'Erika M.',
      '--role',
      'volunteer',
      '--pin',
      '4711',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(
      'Angelegt: Erika M. (Ehrenamtliche:r) im Quartier „Testquartier“',
    );
    expect(created.stdout).toMatch(/Gültig bis \w+, \d+\. \w+ \d{4} um \d\d:\d\d Uhr/);
    const code = /Anmeldecode für ein Gerät: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(
      created.stdout,
    )?.[1];
    expect(code).toBeDefined();

    const { app } = await buildTestApp(db);
    const enrolled = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code } });
    expect(enrolled.statusCode).toBe(201);
    const { deviceId, credential } = enrolled.json<EnrolResponse>();
    const authorization = deviceAuthorization(deviceId, credential);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/device/sign-in',
      headers: { authorization },
      payload: { name: 'Erika M.', pin: '4711' },
    });
    expect(signIn.json()).toMatchObject({ name: 'Erika M.', role: 'volunteer' });

    const users = await admin('list-users');
    expect(users.stdout).toMatch(
      /Personen im Quartier „Testquartier“ \(q-test\): 1\n {2}Erika M\. · Ehrenamtliche:r · mit PIN/,
    );
    const devices = await admin('list-devices');
    expect(devices.stdout).toContain(
      `Geräte im Quartier „Testquartier“ (q-test): 1\n  ${deviceId}`,
    );

    const revoked = await admin('revoke-device', deviceId);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Gerät ${deviceId} gesperrt.`);
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/device',
      headers: { authorization },
    });
    expect(after.statusCode).toBe(401);
    expect((await admin('list-devices')).stdout).toContain('GESPERRT seit');
  });

  it('issues further codes, sets PINs, and works on a named quarter', async () => {
    // Created later, so the first quarter (the default without DEFAULT_QUARTER) stays q-test.
    await createQuarter(db, OTHER_QUARTER, new Date(Date.now() + 60_000));
    const created = await admin(
      'create-user',
      '--name',
      'Bernd',
      '--role',
      'staff',
      '--quarter',
      OTHER_QUARTER.id,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Noch keine PIN');
    expect(
      (await admin('set-pin', '--name', 'Bernd', '--pin', '1234', '--quarter', OTHER_QUARTER.id))
        .code,
    ).toBe(0);
    expect((await admin('list-users', '--quarter', OTHER_QUARTER.id)).stdout).toContain(
      'Bernd · Mitarbeiter:in · mit PIN',
    );
    // The default quarter (the first one) does not have Bernd.
    expect((await admin('list-users')).stdout).toContain('(q-test): 0');
    // …unless the server's DEFAULT_QUARTER names another one.
    const configured = await runScript(CLI, { ...env, DEFAULT_QUARTER: OTHER_QUARTER.id }, [
      'list-users',
    ]);
    expect(configured.stdout).toContain('(q-other): 1');

    const issued = await admin('enrol-code', '--quarter', OTHER_QUARTER.id);
    expect(issued.code).toBe(0);
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(issued.stdout)?.[1];
    const { app } = await buildTestApp(db);
    const enrolled = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code } });
    expect(enrolled.json()).toMatchObject({ quarter: OTHER_QUARTER });
  });

  it('refuses bad input with a German message and a non-zero exit code', async () => {
    expect((await admin('create-user', '--name', 'Erika M.', '--role', 'volunteer')).code).toBe(0);
    const cases: [string[], string][] = [
      [['create-user', '--name', 'Erika M.', '--role', 'volunteer'], 'gibt es schon „Erika M.“'],
      [['create-user', '--name', 'Otto', '--role', 'boss'], 'Unbekannte Rolle „boss“'],
      [['create-user', '--role', 'volunteer'], 'Bitte einen Namen angeben'],
      [['create-user', '--name', '   ', '--role', 'volunteer'], 'Bitte einen Namen angeben'],
      [['create-user', '--name', 'Otto'], 'Bitte eine Rolle angeben'],
      [
        ['create-user', '--name', 'Otto', '--role', 'staff', '--pin', '12'],
        'PIN muss aus 4 bis 8 Ziffern',
      ],
      [
        ['create-user', '--name', 'Otto', '--role', 'staff', '--quarter', 'nirgendwo'],
        'Das Quartier „nirgendwo“ gibt es nicht.',
      ],
      [['set-pin', '--name', 'Niemand', '--pin', '1234'], 'gibt es niemanden namens „Niemand“'],
      [['revoke-device'], 'Bitte genau eine Geräte-Kennung angeben'],
      [['revoke-device', 'gibt-es-nicht'], 'Kein Gerät mit der Kennung gibt-es-nicht.'],
      [['list-users', '--colour'], 'Unbekannte oder unvollständige Option „--colour“'],
      [['frobnicate'], 'Unbekannter Befehl „frobnicate“'],
      [[], 'Bitte einen Befehl angeben'],
    ];
    // In parallel: each run is a process start; the cases do not depend on each other.
    const results = await Promise.all(cases.map(([args]) => admin(...args)));
    for (const [index, [args, message]] of cases.entries()) {
      const result = results[index] ?? { code: null, stderr: '' };
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
    // Nothing of that was written.
    const names = (await db.selectFrom('users').select('name').execute()).map((row) => row.name);
    expect(names).toEqual(['Erika M.']);
  });
});
