// The call-partner commands of `npm run admin`, on SQLite and PostgreSQL: they write through the
// push's own handlers as the quarter's console identity, so a partner gets versions and history
// and reaches exactly the assigned callers' devices (and leaves an unassigned caller's device);
// wrong input ends with a German message and nothing written; the console identity can never
// sign in or push; list-partners shows who calls and the "3× nicht erreicht" flag. One run
// through the real CLI process checks the options as typed in a shell.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { AdminInputError, COMMANDS, type AdminOptions } from '../../server/admin/admin-commands';
import { SQLITE_FILE_NAME } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import type { Database } from '../../server/db/tables';
import { CONSOLE_NAME, consoleId } from '../../server/repos/console-identity.repo';
import { readEntryHistory } from '../../server/repos/entry-history.repo';
import { createQuarter } from '../../server/repos/quarter.repo';
import { setUserPin } from '../../server/repos/user.repo';
import { QUARTER } from './support/fixtures';
import type { EnrolledTestDevice } from './support/identity-fixtures';
import { callCreateV3, entryCreate, partnerArgs, partnerCallArgs } from './support/entry-mutations';
import { rejectionCodes, useOutboxes } from './support/outboxes';
import { pullAs } from './support/pull-fixtures';
import { createPerson, TEST_PIN } from './support/push-fixtures';
import { runScript } from './support/server-process';
import { storedEntries, storedEntry } from './support/stored-entries';
import { describeEachDialect, useFreshDatabase } from './support/test-database';
import { useTwoDevices } from './support/two-devices';

const CLI = 'server/admin/admin.cli.ts';

describeEachDialect('admin: call partners', (dialect) => {
  const world = useTwoDevices(dialect);
  const { next, pushOk } = useOutboxes(() => world().app);
  let app: FastifyInstance;
  let db: Kysely<Database>;
  let tablet: EnrolledTestDevice;
  let erika: string;
  let hans: string;
  beforeEach(() => {
    ({ app, db, tablet, erika, hans } = world());
  });

  /** Runs an admin command in-process, with the options as the CLI parses them. */
  const admin = (command: string, options: Partial<AdminOptions> = {}) => {
    const run = COMMANDS[command];
    if (!run) throw new Error(`no command ${command}`);
    return run({ db, defaultQuarter: undefined }, { positionals: [], ...options });
  };
  const refused = async (command: string, options: Partial<AdminOptions>) => {
    const error: unknown = await admin(command, options).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AdminInputError);
    return (error as Error).message;
  };
  const quarterVersion = async () =>
    (
      await db
        .selectFrom('quarters')
        .select('version')
        .where('id', '=', QUARTER.id)
        .executeTakeFirstOrThrow()
    ).version;
  const partnerIdIn = (lines: string[]) => {
    const id = /angelegt: ([0-9a-f-]{36})/.exec(lines[0] ?? '')?.[1];
    if (!id) throw new Error(`no id in ${lines.join('\n')}`);
    return id;
  };

  it('creates a partner that reaches the assigned callers with their next pull', async () => {
    const before = await pullAs(app, tablet.authorization);
    const lines = await admin('create-partner', {
      name: 'Frau K.',
      phone: '02151 123456',
      times: 'vormittags',
      minutes: '25',
      every: '3',
      note: 'Hört schlecht.',
      // By name, and by id: either names the person.
      caller: ['Erika M.', hans],
    });
    const id = partnerIdIn(lines);
    expect(lines[1]).toBe(
      'Anrufende: Erika M., Hans K. – ihre Geräte haben sie nach dem nächsten Abgleich.',
    );
    const console = consoleId(QUARTER.id);
    expect(await storedEntry(db, id)).toMatchObject({
      kind: 'partner',
      author_user_id: console,
      device_id: console,
      name: 'Frau K.',
      phone: '02151 123456',
      preferredTimes: 'vormittags',
      usualMinutes: 25,
      callEveryDays: 3,
      note: 'Hört schlecht.',
      callers: [erika, hans],
      status: 'active',
      version: before.head + 1,
    });
    const pulled = await pullAs(app, tablet.authorization, { cookie: before.cookie });
    expect(pulled.changes.partners).toEqual([
      expect.objectContaining({ id, name: 'Frau K.', author: console, callers: [erika, hans] }),
    ]);
  });

  it('records the partner’s consent with --consent-on, --consent-form and --consent-scope', async () => {
    const id = partnerIdIn(
      await admin('create-partner', {
        name: 'Frau K.',
        phone: '02151 123456',
        consentOn: '2026-03-03',
        consentForm: 'written',
        consentScope: 'wöchentliche Anrufe',
      }),
    );
    expect(await storedEntry(db, id)).toMatchObject({
      consentOn: '2026-03-03',
      consentForm: 'written',
      consentScope: 'wöchentliche Anrufe',
    });
    expect((await admin('list-partners'))[1]).toContain(
      ' · Einwilligung schriftlich am 2026-03-03 · ',
    );
    // Half a consent, an odd day or form, a day to come: refused, nothing stored.
    const entries = await storedEntries(db);
    const version = await quarterVersion();
    const base = { name: 'Herr B.', phone: '0800 1' };
    expect(await refused('create-partner', { ...base, consentOn: '2026-03-03' })).toMatch(
      /wie die Einwilligung gegeben wurde/,
    );
    expect(await refused('create-partner', { ...base, consentForm: 'oral' })).toMatch(
      /an welchem Tag/,
    );
    expect(
      await refused('create-partner', { ...base, consentOn: '3.3.2026', consentForm: 'oral' }),
    ).toMatch(/JJJJ-MM-TT/);
    expect(
      await refused('create-partner', { ...base, consentOn: '2026-03-03', consentForm: 'fax' }),
    ).toMatch(/Unbekannte Form der Einwilligung „fax“/);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(
      await refused('create-partner', { ...base, consentOn: tomorrow, consentForm: 'oral' }),
    ).toMatch(/Zukunft/);
    expect(
      await refused('create-partner', {
        ...base,
        consentOn: '2026-03-03',
        consentForm: 'oral',
        consentScope: 'x'.repeat(301),
      }),
    ).toMatch(/300 Zeichen/);
    expect(await storedEntries(db)).toEqual(entries);
    expect(await quarterVersion()).toBe(version);
  });

  it('assigns and unassigns callers and sets the status, as updates with history', async () => {
    const id = partnerIdIn(await admin('create-partner', { name: 'Herr B.', phone: '0800 1' }));
    const first = await pullAs(app, tablet.authorization);
    expect(first.changes.partners).toEqual([]);

    expect(await admin('assign-caller', { positionals: [id], caller: ['Erika M.'] })).toEqual([
      'Erika M. ruft jetzt „Herr B.“ an (nach dem nächsten Abgleich auf dem Gerät).',
    ]);
    const assigned = await pullAs(app, tablet.authorization, { cookie: first.cookie });
    expect(assigned.changes.partners.map((p) => p.id)).toEqual([id]);

    // Nothing to change: said so, and not even a new quarter version.
    const version = await quarterVersion();
    expect(await admin('assign-caller', { positionals: [id], caller: [erika] })).toEqual([
      'Erika M. war schon eingetragen; nichts geändert.',
    ]);
    expect(await quarterVersion()).toBe(version);

    await admin('set-partner-status', { positionals: [id], status: 'paused' });
    await admin('unassign-caller', { positionals: [id], caller: ['Erika M.'] });
    const unassigned = await pullAs(app, tablet.authorization, { cookie: assigned.cookie });
    expect(unassigned.changes.partners).toEqual([]);
    expect(unassigned.deleted.partners).toEqual([id]);
    expect(await storedEntry(db, id)).toMatchObject({ callers: [], status: 'paused' });
    expect((await readEntryHistory(db, QUARTER.id, id)).map((h) => [h.field, h.newValue])).toEqual([
      ['callers', [erika]],
      ['status', 'paused'],
      ['callers', []],
    ]);
  });

  it('refuses wrong input with a German message and writes nothing', async () => {
    const id = partnerIdIn(await admin('create-partner', { name: 'Gisela', phone: '0800 2' }));
    const entries = await storedEntries(db);
    const version = await quarterVersion();
    expect(await refused('create-partner', { phone: '0800 3' })).toMatch(/Bitte einen Namen/);
    expect(await refused('create-partner', { name: 'Frau K.' })).toMatch(/Telefonnummer/);
    expect(await refused('create-partner', { name: 'X', phone: 'ruf an!' })).toBe(
      'Die Gesprächsperson konnte nicht gespeichert werden: „Telefonnummer“ fehlt oder ist ungültig.',
    );
    expect(await refused('create-partner', { name: 'X', phone: '1', minutes: 'viel' })).toMatch(
      /--minutes braucht eine ganze Zahl/,
    );
    expect(await refused('create-partner', { name: 'X', phone: '1', every: '365' })).toMatch(
      /„Anruf alle … Tage“/,
    );
    expect(await refused('create-partner', { name: 'X', phone: '1', caller: ['Niemand'] })).toBe(
      'Im Quartier gibt es niemanden namens „Niemand“.',
    );
    expect(
      await refused('assign-caller', { positionals: ['gibt-es-nicht'], caller: [erika] }),
    ).toBe('Keine Gesprächsperson mit der Kennung gibt-es-nicht.');
    expect(await refused('assign-caller', { positionals: [id] })).toMatch(/genau eine Person/);
    expect(await refused('assign-caller', { caller: [erika] })).toMatch(/genau eine Kennung/);
    expect(await refused('set-partner-status', { positionals: [id], status: 'weg' })).toMatch(
      /Unbekannter Status „weg“/,
    );
    await db
      .updateTable('users')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', hans)
      .execute();
    expect(await refused('assign-caller', { positionals: [id], caller: ['Hans K.'] })).toMatch(
      /deaktiviert/,
    );
    // A partner id of another kind's entry is no partner.
    await pushOk(tablet, [entryCreate('call', next(tablet), erika, partnerCallArgs('c1', null))]);
    expect(await refused('set-partner-status', { positionals: ['c1'], status: 'ended' })).toMatch(
      /Keine Gesprächsperson/,
    );
    expect((await storedEntries(db)).filter((e) => e.kind === 'partner')).toEqual(
      entries.filter((e) => e.kind === 'partner'),
    );
    expect(await quarterVersion()).toBe(version + 1); // only Erika's call
  });

  it('lists partners with their callers, last call and the flag after three unanswered calls', async () => {
    const kathrin = partnerIdIn(
      await admin('create-partner', { name: 'Frau K.', phone: '0800 1', caller: ['Erika M.'] }),
    );
    partnerIdIn(
      await admin('create-partner', { name: 'Herr B.', phone: '0800 2', times: 'abends' }),
    );
    const unreached = (id: string, day: number) =>
      callCreateV3(
        next(tablet),
        erika,
        partnerCallArgs(id, kathrin, {
          occurredAt: `2026-11-0${day}T09:00:00.000Z`,
          reached: false,
          durationMinutes: 0,
        }),
      );
    const answer = await pushOk(tablet, [
      unreached('c1', 1),
      unreached('c2', 2),
      unreached('c3', 3),
    ]);
    expect(rejectionCodes(answer)).toEqual([]);

    const lines = await admin('list-partners');
    expect(lines[0]).toBe('Gesprächspersonen: 2, davon 1 3× oder öfter in Folge nicht erreicht');
    expect(lines[1]).toMatch(
      /^ {2}Frau K\. · 0800 1 · aktiv · alle 7 Tage, 15 Min\. · Anrufende: Erika M\. · letzter Anruf Dienstag, 3\. November 2026 um 10:00 · Einwilligung noch nicht erfasst · 3× NICHT ERREICHT · [0-9a-f-]{36}$/,
    );
    expect(lines[2]).toMatch(
      /^ {2}Herr B\. · 0800 2 · aktiv · .* · niemand ruft an · noch kein Anruf · gute Zeiten: abends · /,
    );
    expect(lines[2]).not.toContain('NICHT ERREICHT');
  });

  it('the console identity can neither sign in nor push', async () => {
    await admin('create-partner', { name: 'Frau K.', phone: '0800 1' });
    const console = consoleId(QUARTER.id);
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', console)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: CONSOLE_NAME, role: 'admin', pin_hash: null });
    expect(row.disabled_at).not.toBeNull();
    // Even with a PIN set by mistake: disabled people cannot sign in.
    await setUserPin(db, QUARTER.id, CONSOLE_NAME, TEST_PIN);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/device/sign-in',
      headers: { authorization: tablet.authorization },
      payload: { name: CONSOLE_NAME, pin: TEST_PIN },
    });
    expect(signIn.statusCode).toBe(401);
    const device = await app.inject({
      method: 'GET',
      url: '/api/v1/device',
      headers: { authorization: tablet.authorization },
    });
    expect(device.body).not.toContain(CONSOLE_NAME);
    // A mutation claiming the console as author is refused before anything applies.
    const push = await app.inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: { authorization: tablet.authorization, 'content-type': 'application/json' },
      payload: {
        clientId: 'client-x',
        appVersion: '0.1.0',
        mutations: [entryCreate('partner', 1, console, partnerArgs('p-x', [erika]))],
      },
    });
    expect(push.statusCode).toBe(403);
    expect(
      await db
        .selectFrom('devices')
        .select('revoked_at')
        .where('id', '=', console)
        .executeTakeFirstOrThrow(),
    ).not.toEqual({ revoked_at: null });
  });
});

describeEachDialect('admin CLI process: call partners', (dialect) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });
  let dataDir: string;
  let env: Record<string, string>;
  let db: Kysely<Database>;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'qb-admin-partners-'));
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
    return async () => {
      if (dialect === 'sqlite') await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });

  // Four runs of the CLI: each starts Node and tsx, slow on a busy machine.
  it(
    'takes the options as typed in a shell, --caller more than once',
    { timeout: 120_000 },
    async () => {
      const erika = await createPerson(db, 'Erika M.');
      const hans = await createPerson(db, 'Hans K.');
      const created = await runScript(CLI, env, [
        'create-partner',
        '--name',
        'Frau K.',
        '--phone',
        '02151 123456',
        '--minutes',
        '20',
        '--caller',
        'Erika M.',
        '--caller',
        'Hans K.',
        '--consent-on',
        '2026-03-03',
        '--consent-form',
        'oral',
        '--consent-scope',
        'wöchentliche Anrufe',
      ]);
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const partners = await storedEntries(db, 'partner');
      expect(partners).toEqual([
        expect.objectContaining({
          name: 'Frau K.',
          usualMinutes: 20,
          callers: [erika, hans],
          consentOn: '2026-03-03',
          consentForm: 'oral',
          consentScope: 'wöchentliche Anrufe',
        }),
      ]);
      const listed = await runScript(CLI, env, ['list-partners']);
      expect(listed.stdout).toContain('Frau K. · 02151 123456 · aktiv · alle 7 Tage, 20 Min.');

      const wrong = await runScript(CLI, env, [
        'set-partner-status',
        'gibt-es-nicht',
        '--status',
        'ended',
      ]);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('Keine Gesprächsperson mit der Kennung gibt-es-nicht.');
      const help = await runScript(CLI, env, ['help']);
      for (const command of [
        'create-partner',
        'assign-caller',
        'unassign-caller',
        'set-partner-status',
        'list-partners',
      ]) {
        expect(help.stdout).toContain(command);
      }
      expect(help.stdout).toContain('--consent-on');
    },
  );
});
