// `npm run admin -- …` as a real child process against the same database the app uses: the
// code it prints enrols a device, and wrong input ends with a German message and exit code 2.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../../server/quarters/default-topics';
import { SQLITE_FILE_NAME } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import type { Database } from '../../server/db/tables';
import { createQuarter } from '../../server/repos/quarter.repo';
import { createUser } from '../../server/repos/user.repo';
import { deviceAuthorization, type EnrolResponse } from '../../src/shared/identity';
import { QUARTER } from './support/fixtures';
import { enrolDevice, OTHER_QUARTER } from './support/identity-fixtures';
import { callCreate } from './support/entry-mutations';
import { runBundledScript } from './support/server-process';
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

  // Bundled once: this file runs the CLI some fifty times (partner-admin.test.ts runs it through
  // tsx, as `npm run admin` does).
  const admin = (...args: string[]) => runBundledScript(CLI, env, args);

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
      (await admin('set-pin', '--name', 'Bernd', '--pin', '5826', '--quarter', OTHER_QUARTER.id))
        .code,
    ).toBe(0);
    expect((await admin('list-users', '--quarter', OTHER_QUARTER.id)).stdout).toContain(
      'Bernd · Mitarbeiter:in · mit PIN',
    );
    // The default quarter (the first one) does not have Bernd.
    expect((await admin('list-users')).stdout).toContain('(q-test): 0');
    // …unless the server's DEFAULT_QUARTER names another one.
    const configured = await runBundledScript(CLI, { ...env, DEFAULT_QUARTER: OTHER_QUARTER.id }, [
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

  it(
    'refuses bad input with a German message and a non-zero exit code',
    { timeout: 120_000 },
    async () => {
      expect((await admin('create-user', '--name', 'Erika M.', '--role', 'volunteer')).code).toBe(
        0,
      );
      const cases: [string[], string][] = [
        [['create-user', '--name', 'Erika M.', '--role', 'volunteer'], 'gibt es schon „Erika M.“'],
        [['create-user', '--name', 'Otto', '--role', 'boss'], 'Unbekannte Rolle „boss“'],
        [['create-user', '--role', 'volunteer'], 'Bitte einen Namen angeben'],
        [['create-user', '--name', '   ', '--role', 'volunteer'], 'Bitte einen Namen angeben'],
        [['create-user', '--name', 'Otto'], 'Bitte eine Rolle angeben'],
        [
          ['create-user', '--name', 'Otto', '--role', 'staff', '--pin', '12'],
          'Die PIN muss aus 4 bis 6 Ziffern bestehen.',
        ],
        [
          ['create-user', '--name', 'Otto', '--role', 'staff', '--pin', '1234567'],
          'Die PIN muss aus 4 bis 6 Ziffern bestehen.',
        ],
        [
          ['create-user', '--name', 'Otto', '--role', 'staff', '--pin', '1234'],
          'Die PIN ist zu leicht zu erraten: Ziffern der Reihe nach.',
        ],
        [['set-pin', '--name', 'Erika M.', '--pin', '0000'], 'nur eine Ziffer wiederholt'],
        [['set-pin', '--name', 'Erika M.', '--pin', '1212'], 'dieselben Ziffern wiederholt'],
        [['set-pin', '--name', 'Erika M.', '--pin', '1948'], 'wie eine Jahreszahl'],
        [['set-pin', '--name', 'Erika M.', '--pin', '47a1'], 'nur aus Ziffern'],
        [['set-pin', '--name', 'Erika M.'], 'Bitte eine PIN angeben'],
        [['unlock', '--name', 'Niemand'], 'gibt es niemanden namens „Niemand“'],
        [['unlock'], 'Bitte einen Namen angeben'],
        [['revoke-session'], 'Bitte genau eine Anmeldungs-Kennung angeben'],
        [['revoke-session', 'gibt-es-nicht'], 'Keine Anmeldung mit der Kennung gibt-es-nicht.'],
        [['create-quarter', '--name', 'Ohne Kennung'], 'Bitte eine Kennung für das Quartier'],
        [['create-quarter', '--quarter', 'Mit.Punkt', '--name', 'X'], 'Bitte eine Kennung'],
        [
          ['create-quarter', '--quarter', 'demo', '--name', 'X'],
          'für das Demo-Quartier reserviert',
        ],
        [['create-quarter', '--quarter', QUARTER.id, '--name', 'X'], 'gibt es schon'],
        [['create-quarter', '--quarter', 'neu'], 'Bitte einen Namen angeben'],
        // A command name with a terminal escape comes back escaped, not executed.
        [['\u001b[2Jlist-users'], 'Unbekannter Befehl „\\u001b[2Jlist-users“'],
        [
          ['create-user', '--name', 'Otto', '--role', 'staff', '--quarter', 'nirgendwo'],
          'Das Quartier „nirgendwo“ gibt es nicht.',
        ],
        [['set-pin', '--name', 'Niemand', '--pin', '5826'], 'gibt es niemanden namens „Niemand“'],
        [['revoke-device'], 'Bitte genau eine Geräte-Kennung angeben'],
        [['revoke-device', 'gibt-es-nicht'], 'Kein Gerät mit der Kennung gibt-es-nicht.'],
        [['list-users', '--colour'], 'Unbekannte oder unvollständige Option „--colour“'],
        [['frobnicate'], 'Unbekannter Befehl „frobnicate“'],
        [[], 'Bitte einen Befehl angeben'],
      ];
      // A few at a time: each run is a process start; the cases do not depend on each other.
      const results: Awaited<ReturnType<typeof admin>>[] = [];
      for (let start = 0; start < cases.length; start += 6) {
        const batch = cases.slice(start, start + 6);
        results.push(...(await Promise.all(batch.map(([args]) => admin(...args)))));
      }
      for (const [index, [args, message]] of cases.entries()) {
        const result = results[index] ?? { code: null, stderr: '' };
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr, args.join(' ')).toContain(message);
        expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
        expect(result.stderr).not.toContain('\u001b');
      }
      // Nothing of that was written.
      const names = (await db.selectFrom('users').select('name').execute()).map((row) => row.name);
      expect(names).toEqual(['Erika M.']);
      const quarters = await db.selectFrom('quarters').select('id').orderBy('id').execute();
      expect(quarters).toEqual([{ id: QUARTER.id }]);
    },
  );
  it('lists the sign-in locks, lifts them with unlock and with set-pin', async () => {
    const { app } = await buildTestApp(db);
    await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    const device = await enrolDevice(app, db);
    const signIn = (pin: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/device/sign-in',
        headers: { authorization: device.authorization },
        payload: { name: 'Erika M.', pin },
      });
    /** Someone guessed Erika's PIN ten times in a row: locked. */
    const lock = () =>
      db
        .insertInto('sign_in_guards')
        .values({
          quarter_id: QUARTER.id,
          name: 'Erika M.',
          failed: 10,
          last_attempt_at: new Date().toISOString(),
          blocked_until: null,
          locked_at: new Date().toISOString(),
        })
        .execute();
    await lock();
    expect((await signIn('4711')).statusCode).toBe(423);
    expect((await admin('list-users')).stdout).toContain(
      'Erika M. · Ehrenamtliche:r · mit PIN · ANMELDUNG GESPERRT',
    );

    const unlocked = await admin('unlock', '--name', 'Erika M.');
    expect(unlocked.code).toBe(0);
    expect(unlocked.stdout).toContain('Anmeldung für Erika M. entsperrt.');
    expect((await admin('list-users')).stdout).not.toContain('GESPERRT');
    expect((await admin('unlock', '--name', 'Erika M.')).stdout).toContain('war nicht gesperrt');
    expect((await signIn('4711')).statusCode).toBe(200);

    await lock();
    const newPin = await admin('set-pin', '--name', 'Erika M.', '--pin', '3952');
    expect(newPin.code).toBe(0);
    expect(newPin.stdout).toContain('eine Sperre der Anmeldung ist aufgehoben');
    expect((await signIn('3952')).statusCode).toBe(200);
  });

  it('lists person sessions and revokes one; the device can no longer act for that person', async () => {
    const { app } = await buildTestApp(db);
    const erika = await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    const device = await enrolDevice(app, db, QUARTER, 'Tablet Anlaufstelle');
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/v1/device/sign-in',
      headers: { authorization: device.authorization },
      payload: { name: 'Erika M.', pin: '4711' },
    });
    const session = signedIn.json<{ session: string }>().session;
    const sessionId = session.split('.')[0] ?? '';

    const listed = await admin('list-sessions');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(
      'Anmeldungen von Personen auf Geräten im Quartier „Testquartier“ (q-test): 1',
    );
    expect(listed.stdout).toContain(
      `  ${sessionId} · Erika M. auf Tablet Anlaufstelle · Gerät ${device.deviceId} · angemeldet `,
    );
    expect(listed.stdout).not.toContain('BEENDET');
    // The secret never appears, only the id.
    expect(listed.stdout).not.toContain(session.split('.')[1]);

    const revoked = await admin('revoke-session', sessionId);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Anmeldung ${sessionId} beendet`);
    expect((await admin('revoke-session', sessionId)).stdout).toContain('war schon beendet');
    expect((await admin('list-sessions')).stdout).toContain('BEENDET seit');

    // The device still presents the session: its call by Erika is refused now.
    const pushed = await app.inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: { authorization: device.authorization, 'x-person-sessions': session },
      payload: {
        clientId: 'c-cli',
        appVersion: '0.1.0',
        mutations: [callCreate(1, erika?.id ?? '')],
      },
    });
    // Refused as not signed in (how push words it is push's business: docs/api.md).
    expect(pushed.body).toContain('not_signed_in');
    expect(await db.selectFrom('entries').select('id').execute()).toEqual([]);
  });

  it('escapes control characters from stored text in everything it prints', async () => {
    const { app } = await buildTestApp(db);
    await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    const device = await enrolDevice(app, db);
    await app.inject({
      method: 'POST',
      url: '/api/v1/device/sign-in',
      headers: { authorization: device.authorization },
      payload: { name: 'Erika M.', pin: '4711' },
    });
    // Stored before labels and names were checked (or written around the API): a label that
    // recolours the terminal and fakes a line, a name with a right-to-left override.
    const label = 'Tablet\u001b[31m ROT\u001b[0m\r\n  GESPERRT: alle Geräte\u0007\u009b2J\u007f';
    await db.updateTable('devices').set({ label }).execute();
    await db.updateTable('users').set({ name: 'Erika \u202eM.\u2066x\u2028y\u0001' }).execute();

    const devices = await admin('list-devices');
    const users = await admin('list-users');
    const sessions = await admin('list-sessions');
    for (const result of [devices, users, sessions]) {
      expect(result.code).toBe(0);
      // Nothing unprintable reaches the terminal …
      expect(result.stdout).not.toMatch(
        // eslint-disable-next-line no-control-regex -- looking for them is the point
        /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028]/,
      );
    }
    // … it is shown as escapes, and the device is one line, not two.
    const escapedLabel =
      'Tablet\\u001b[31m ROT\\u001b[0m\\u000d\\u000a  GESPERRT: alle Geräte\\u0007\\u009b2J\\u007f';
    expect(devices.stdout).toContain(`  ${device.deviceId} · ${escapedLabel} · angemeldet`);
    expect(devices.stdout.split('\n').filter((line) => line.includes('GESPERRT'))).toHaveLength(1);
    expect(users.stdout).toContain('Erika \\u202eM.\\u2066x\\u2028y\\u0001 · Ehrenamtliche:r');
    expect(sessions.stdout).toContain(`Erika \\u202eM.\\u2066x\\u2028y\\u0001 auf ${escapedLabel}`);
  });

  it('creates a real quarter with the facts of the 2018 report, and lists every command in help', async () => {
    const created = await admin(
      'create-quarter',
      '--quarter',
      'krefeld-sued',
      '--name',
      'Südliche Innenstadt Krefeld',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(
      'Quartier „Südliche Innenstadt Krefeld“ (krefeld-sued) angelegt',
    );
    const themes = await db
      .selectFrom('themes')
      .select('name')
      .where('quarter_id', '=', 'krefeld-sued')
      .execute();
    expect(themes).toHaveLength(5);
    const topics = await db
      .selectFrom('topics')
      .select(['id', 'number', 'name'])
      .where('quarter_id', '=', 'krefeld-sued')
      .orderBy('number')
      .execute();
    expect(topics.map((topic) => topic.name)).toEqual(DEFAULT_TOPICS.map((topic) => topic.name));
    expect(topics[0]).toEqual({ id: 'wohnen', number: 1, name: 'Wohnen' });
    const examples = await db
      .selectFrom('activities')
      .select('id')
      .where('quarter_id', '=', 'krefeld-sued')
      .execute();
    expect(examples).toEqual([]);
    expect(
      (
        await admin(
          'create-user',
          '--name',
          'Bernd',
          '--role',
          'staff',
          '--quarter',
          'krefeld-sued',
        )
      ).code,
    ).toBe(0);

    const help = await admin('help');
    expect(help.code).toBe(0);
    for (const command of [
      'create-quarter',
      'create-user',
      'enrol-code',
      'set-pin',
      'unlock',
      'list-users',
      'list-devices',
      'revoke-device',
      'list-sessions',
      'revoke-session',
    ]) {
      expect(help.stdout).toContain(`  ${command} `);
    }
  });
});
