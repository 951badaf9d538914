// Encrypted backups and their restore (issue 11, item 6), on SQLite and PostgreSQL: a database
// filled through the real app (pushes from tablets, sign-ins, a wrong PIN, staff's follow-up)
// is backed up and restored into an empty database of each kind, and every table — read from
// the schema, so a table added later is compared too — holds the same rows. The file shows no
// personal data. A wrong key, a changed or cut-off file, a backup of a newer version and a
// database that is not empty are refused without a trace; a restore that fails while writing
// leaves the database empty. A backup of an older version is restored at that version and
// then migrated. The encryption on its own: chunks swapped, dropped, repeated, cut off. The
// commands themselves: backup-cli.test.ts.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName, writeBackup, writeEncryptedLines } from '../../server/db/backup';
import {
  BackupFileError,
  CHUNK_BYTES,
  decryptStream,
  encryptStream,
} from '../../server/db/backup-cipher';
import { appliedMigrations, listAllTables } from '../../server/db/backup-schema';
import type { DialectName } from '../../server/db/database';
import { MIGRATIONS, migrateTo } from '../../server/db/migrate';
import type { Database } from '../../server/db/tables';
import {
  DatabaseNotEmpty,
  readBackupLines,
  restoreBackup,
  RestoreFailure,
  RestoreRefusal,
} from '../../server/db/restore';
import { postgresAvailable } from '../support/requirements';
import {
  callCreateV3,
  entryCreate,
  entryUpdate,
  partnerArgs,
  partnerCallArgs,
  trackPoints,
  walkArgs,
  walkTrack,
} from './support/entry-mutations';
import { QUARTER } from './support/fixtures';
import { pullAs } from './support/pull-fixtures';
import { berlin, staffRequest, useStaffWeekWorld } from './support/staff-week-world';
import { buildTestApp } from './support/test-app';
import {
  createTestDatabase,
  describeEachDialect,
  useFreshDatabase,
  type TestDatabase,
} from './support/test-database';

const KEY = randomBytes(32);
/** Only in the source database: the backup file must not show it. */
const PARTNER_NAME = 'Gertrud Quellenbrunn';
const PARTNER_PHONE = '02151 987654';
const NOTE = 'Geheime Notiz: braucht Hilfe beim Einkaufen';

/** Restores go into both kinds of database when PostgreSQL is there (always under CI). */
const TARGETS: DialectName[] = (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];

/** Tables the world below fills; every other table is compared too, even when empty. */
const FILLED = [
  'meta',
  'quarters',
  'themes',
  'institutions',
  'activities',
  'storefronts',
  'opening_exceptions',
  'topics',
  'users',
  'devices',
  'enrolment_codes',
  'device_users',
  'person_sessions',
  'sign_in_guards',
  'sync_clients',
  'mutation_log',
  'entries',
  'entry_history',
  'walk_track_chunks',
  'staff_sessions',
  'follow_ups',
  'audit_log',
];

/** Every table of the schema (Kysely's bookkeeping aside) as sorted rows, order-free. */
async function contents(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const tables = (await db.introspection.getTables()).filter((table) => !table.isView);
  const result: Record<string, string[]> = {};
  for (const { name } of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(
      db,
    );
    result[name] = rows
      .map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1))))
      .sort();
  }
  return result;
}

describeEachDialect('encrypted backup and restore', (dialect) => {
  const world = useStaffWeekWorld(dialect);
  let dir: string;
  const targets: TestDatabase[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qb-backup-'));
  });
  afterEach(async () => {
    for (const target of targets.splice(0)) await target.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function emptyDatabase(kind: DialectName = dialect): Promise<TestDatabase> {
    const target = await createTestDatabase(kind);
    targets.push(target);
    return target;
  }

  /** Entries, their history, a walk's route, a wrong PIN, staff's follow-up: all through the app. */
  async function fill(): Promise<void> {
    const { app, tablet, shop, next, pushOk, erika, anna, petraCookie, petra } = world();
    await pushOk(shop, [
      entryCreate(
        'partner',
        next(shop),
        anna,
        partnerArgs('p1', [erika], { name: PARTNER_NAME, phone: PARTNER_PHONE }),
      ),
    ]);
    const answer = await pushOk(tablet, [
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs('c1', 'p1', { occurredAt: berlin('2026-11-30', '10:00') }),
        partner: PARTNER_NAME,
        concern: true,
        note: NOTE,
      }),
      entryUpdate('call', next(tablet), erika, 'c1', null, { durationMinutes: 25 }),
      entryCreate('walk', next(tablet), erika, walkArgs('w1')),
      walkTrack(next(tablet), erika, 'w1', 0, trackPoints(30)),
    ]);
    expect(answer.rejected).toEqual([]);
    const wrongPin = await app.inject({
      method: 'POST',
      url: '/api/v1/device/sign-in',
      headers: { authorization: tablet.authorization },
      payload: { name: 'Erika M.', pin: '9513' },
    });
    expect(wrongPin.statusCode).toBe(401);
    const followUp = await staffRequest(app, petraCookie, 'PUT', '/follow-ups/concern/c1', {
      expectedVersion: 0,
      ownerUserId: petra,
      dueDate: '2026-12-04',
      status: 'in_progress',
      note: 'Rufe die Tochter an.',
    });
    expect(followUp.statusCode, followUp.body).toBe(200);
  }

  it('restores a database filled through the app into an empty one of either kind, row for row; never into one that is not', async () => {
    await fill();
    const { db, tablet } = world();
    const before = await contents(db);
    const empty = Object.keys(before).filter((table) => before[table]?.length === 0);
    expect(FILLED.filter((table) => empty.includes(table))).toEqual([]);

    const file = join(dir, 'sicherungen', backupFileName(new Date('2026-12-01T12:00:00Z')));
    const progress: { table: string; rows: number; done: boolean }[] = [];
    // Pages of 7 rows: every table with more is read in several, after the last key.
    const summary = await writeBackup(db, KEY, file, {
      readBatch: 7,
      onProgress: (event) => progress.push(event),
    });
    expect(summary.tables).toBe(Object.keys(before).length);
    expect(summary.rows).toBe(Object.values(before).reduce((sum, rows) => sum + rows.length, 0));
    const entries = before.entries?.length ?? 0;
    expect(progress).toContainEqual({ table: 'entries', rows: entries, done: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'sicherungen')).mode & 0o777).toBe(0o700);

    // Nothing readable in the file: not the partner, the phone number, the note, nor a name.
    const bytes = readFileSync(file);
    for (const secret of [PARTNER_NAME, PARTNER_PHONE, NOTE, 'Erika M.', QUARTER.name]) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), secret).toBe(false);
    }
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('QBBACKUP');

    for (const kind of TARGETS) {
      const target = await emptyDatabase(kind);
      const restored = await restoreBackup(target.db, KEY, file, { insertBatch: 5 });
      expect(restored.rows, kind).toBe(summary.rows);
      expect(restored.upgraded, kind).toEqual([]);
      expect(await contents(target.db), `${dialect} → ${kind}`).toEqual(before);
      expect(await appliedMigrations(target.db)).toEqual(await appliedMigrations(db));
      // The restored database serves the app: the tablet (its credential restored as a hash)
      // pulls its person's call with the note.
      const { app } = await buildTestApp(target.db);
      const pulled = await pullAs(app, tablet.authorization);
      expect(JSON.stringify(pulled)).toContain(NOTE);
    }

    // Into a database that is not empty (the source itself): refused, nothing changed.
    const error = await restoreBackup(db, KEY, file).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DatabaseNotEmpty);
    expect((error as Error).message).toContain('Die Datenbank ist nicht leer');
    expect(await contents(db)).toEqual(before);
  });

  it('refuses a wrong key, a changed or cut-off file, a newer version; a failure halfway leaves the database empty', async () => {
    await fill();
    const file = join(dir, 'gut.qbbackup');
    await writeBackup(world().db, KEY, file);
    const bytes = readFileSync(file);
    const target = await emptyDatabase();
    // Only Kysely's bookkeeping of migrations counts as not empty, too.
    await sql`create table kysely_migration (name text primary key)`.execute(target.db);
    await expect(restoreBackup(target.db, KEY, file)).rejects.toBeInstanceOf(DatabaseNotEmpty);
    await sql`drop table kysely_migration`.execute(target.db);
    const refused = async (name: string, content: Buffer, key = KEY) => {
      const bad = join(dir, `${name}.qbbackup`);
      writeFileSync(bad, content);
      const error = await restoreBackup(target.db, key, bad).catch((err: unknown) => err);
      expect(error, name).toBeInstanceOf(BackupFileError);
      expect(await listAllTables(target.db), name).toEqual([]);
      return (error as Error).message;
    };
    const flipped = (at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy;
    };

    expect(await refused('falscher-schluessel', bytes, randomBytes(32))).toContain(
      'Der Schlüssel passt nicht zu dieser Sicherung',
    );
    // A byte of the salt, the first ciphertext byte, one in the middle, the last tag's last.
    for (const at of [12, 52, Math.floor(bytes.length / 2), bytes.length - 1]) {
      expect(await refused(`byte-${at}`, flipped(at))).toMatch(
        /Schlüssel passt nicht|beschädigt oder wurde verändert/,
      );
    }
    expect(await refused('abgeschnitten', bytes.subarray(0, bytes.length - 100))).toContain(
      'unvollständig',
    );
    expect(await refused('angehaengt', Buffer.concat([bytes, Buffer.from([0])]))).toContain(
      'hinter ihrem Ende',
    );
    expect(await refused('kurz', bytes.subarray(0, 20))).toContain('zu kurz');
    expect(await refused('fremd', Buffer.from('SQLite format 3\0'.repeat(10)))).toContain(
      'keine Sicherung von Quartiersbuch',
    );

    const lines: unknown[] = [];
    for await (const line of readBackupLines(KEY, file)) lines.push(line);
    const [head, ...rest] = lines as [{ migrations: string[] }, ...unknown[]];

    // Written by a version with a migration this one does not have.
    const newer = join(dir, 'neuer.qbbackup');
    const future = { ...head, migrations: [...head.migrations, '9999-from-the-future'] };
    await writeEncryptedLines(
      [future, ...rest].map((line) => JSON.stringify(line)),
      KEY,
      newer,
    );
    const refusal = await restoreBackup(target.db, KEY, newer).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(RestoreRefusal);
    expect((refusal as Error).message).toContain('neueren Version von Quartiersbuch');
    expect((refusal as Error).message).toContain('9999-from-the-future');
    expect(await listAllTables(target.db)).toEqual([]);

    // A call twice: the database refuses the second (primary key) halfway through, after the
    // tables before `entries` were written in the same transaction.
    const twice = join(dir, 'doppelt.qbbackup');
    const at = rest.findIndex((line) => (line as { table?: string }).table === 'entries') + 1;
    expect(Array.isArray(rest[at])).toBe(true);
    const doubled = rest.flatMap((line, index) => {
      if (index === at) return [line, line];
      const end = line as { end?: string; rows: number };
      return end.end === 'entries' ? [{ ...end, rows: end.rows + 1 }] : [line];
    });
    await writeEncryptedLines(
      [head, ...doubled].map((line) => JSON.stringify(line)),
      KEY,
      twice,
    );
    const failure = await restoreBackup(target.db, KEY, twice).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(RestoreFailure);
    expect((failure as Error).message).toContain('die Datenbank ist wieder leer');
    expect(await listAllTables(target.db)).toEqual([]);

    // The good file, into the same database: it was left empty, so the restore can be repeated.
    await restoreBackup(target.db, KEY, file);
    expect(await contents(target.db)).toEqual(await contents(world().db));
  });
});

describeEachDialect('backup of an older version', (dialect) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });

  it('is restored at its own version, then migrated to the latest', async () => {
    const { db } = fresh();
    const all = Object.keys(MIGRATIONS);
    const older = all.slice(0, -1);
    await migrateTo(db, older[older.length - 1] ?? '');
    const at = '2026-01-01T00:00:00.000Z';
    await sql`insert into quarters (id, name, version, tombstone_horizon, created_at, updated_at)
      values ('q-alt', 'Altes Quartier', 3, 0, ${at}, ${at})`.execute(db);
    const dir = mkdtempSync(join(tmpdir(), 'qb-backup-'));
    const target = await createTestDatabase(dialect);
    try {
      const file = join(dir, 'alt.qbbackup');
      await writeBackup(db, KEY, file);
      const restored = await restoreBackup(target.db, KEY, file);
      expect(restored.head.migrations).toEqual(older);
      expect(restored.upgraded).toEqual(all.slice(-1));
      expect(await appliedMigrations(target.db)).toEqual(all);
      const quarters = await sql<{ id: string }>`select id from quarters`.execute(target.db);
      expect(quarters.rows).toEqual([{ id: 'q-alt' }]);
    } finally {
      await target.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('backup encryption in chunks', () => {
  const encrypt = async (plain: Buffer, key = KEY) => {
    const out: Buffer[] = [];
    await pipeline(Readable.from([plain]), encryptStream(key), async (source) => {
      for await (const chunk of source as AsyncIterable<Buffer>) out.push(chunk);
    });
    return Buffer.concat(out);
  };
  const decrypt = async (sealed: Buffer, key = KEY) => {
    const out: Buffer[] = [];
    // Fed in odd pieces, as a file system may hand them over.
    const pieces = [];
    for (let at = 0; at < sealed.length; at += 7919) pieces.push(sealed.subarray(at, at + 7919));
    await pipeline(Readable.from(pieces), decryptStream(key), async (source) => {
      for await (const chunk of source as AsyncIterable<Buffer>) out.push(chunk);
    });
    return Buffer.concat(out);
  };
  const HEADER = 48;
  const SEALED_CHUNK = 4 + CHUNK_BYTES + 16;

  it('round-trips several chunks, and an empty stream; the same text never encrypts the same', async () => {
    const plain = randomBytes(CHUNK_BYTES * 3 + 123);
    const sealed = await encrypt(plain);
    expect(sealed.length).toBe(HEADER + 3 * SEALED_CHUNK + 4 + 123 + 16);
    expect((await decrypt(sealed)).equals(plain)).toBe(true);
    expect((await encrypt(plain)).equals(sealed)).toBe(false);
    expect((await decrypt(await encrypt(Buffer.alloc(0)))).length).toBe(0);
    // Exactly one chunk's worth: one chunk, marked last.
    const exact = randomBytes(CHUNK_BYTES);
    expect((await decrypt(await encrypt(exact))).equals(exact)).toBe(true);
  });

  it('refuses chunks swapped, dropped or repeated, and a file cut after a whole chunk', async () => {
    const sealed = await encrypt(randomBytes(CHUNK_BYTES * 3 + 123));
    const header = sealed.subarray(0, HEADER);
    const chunk = (i: number) =>
      sealed.subarray(HEADER + i * SEALED_CHUNK, HEADER + (i + 1) * SEALED_CHUNK);
    const tail = sealed.subarray(HEADER + 3 * SEALED_CHUNK);
    const cases: [string, Buffer, RegExp][] = [
      ['swapped', Buffer.concat([header, chunk(1), chunk(0), chunk(2), tail]), /verändert/],
      ['dropped', Buffer.concat([header, chunk(0), chunk(2), tail]), /verändert/],
      [
        'repeated',
        Buffer.concat([header, chunk(0), chunk(0), chunk(1), chunk(2), tail]),
        /verändert/,
      ],
      ['cut after a chunk', Buffer.concat([header, chunk(0), chunk(1)]), /unvollständig/],
      ['last flag set early', markedLast(Buffer.concat([header, chunk(0)]), HEADER), /verändert/],
      ['huge length', Buffer.concat([header, Buffer.from([0x7f, 0xff, 0xff, 0xff])]), /verändert/],
    ];
    for (const [name, bytes, message] of cases) {
      const error = await decrypt(bytes).catch((err: unknown) => err);
      expect(error, name).toBeInstanceOf(BackupFileError);
      expect((error as Error).message, name).toMatch(message);
    }
  });
});

/** The chunk at `at` claims to be the last one (its length word's top bit). */
function markedLast(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) | 0x80;
  return copy;
}
