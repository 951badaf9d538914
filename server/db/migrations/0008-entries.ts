// One table for every entry kind (issue 8): calls and advice sessions (Beratung) — and every
// later kind — live in `entries`, their field changes in `entry_history`. The columns every
// kind has (author, device, occurredAt, concern, conflict, version, tombstone) are columns of
// their own, so staff's week and the device's view can use indexes; the kind's other fields are
// one JSON text (`fields`). Also the reference table `topics` (Beratungsthemen), with a default
// list for every existing quarter.
// Every call and every row of its history is copied over unchanged (same ids, versions, flags,
// times), so devices notice nothing: their cookies stay valid and a pull brings the same calls.
// Portable like 0001–0007: Kysely's schema builder only, booleans as 0/1, JSON and times as
// text; the copy runs in batches in JS (select, map, insert), the same on SQLite and PostgreSQL.
// Frozen: it imports nothing of today's code; what it needs (the topics, the call's field
// names) is written out here.
// down(): the reverse — calls and call_history come back from the call entries (an activity's
// names that were missing come back as '', as every pull had read them), topics go. It
// refuses (throws, nothing changed) while entries of another kind exist: the old tables could
// not hold them, and a migration must never drop people's entries silently.
import { sql, type Kysely } from 'kysely';

/** Rows per SELECT and per multi-row INSERT (13 parameters a row stays far below the limits). */
const BATCH = 500;

/** The default topics of advice sessions, for every existing quarter (ids are stable). */
const TOPICS: readonly (readonly [string, string])[] = [
  ['wohnen', 'Wohnen'],
  ['pflege-gesundheit', 'Pflege und Gesundheit'],
  ['geld-antraege', 'Geld und Anträge'],
  ['einsamkeit-kontakte', 'Einsamkeit und Kontakte'],
  ['mobilitaet', 'Mobilität'],
  ['digitales', 'Digitales'],
  ['recht-behoerden', 'Recht und Behörden'],
  ['sonstiges', 'Sonstiges'],
];

type Flag = 0 | 1;

/** `calls` as 0003 and 0004 left it. */
interface CallRow {
  quarter_id: string;
  id: string;
  author_user_id: string;
  device_id: string;
  occurred_at: string;
  partner: string;
  duration_minutes: number;
  concern: Flag;
  note: string;
  activity_id: string | null;
  activity_name: string | null;
  theme_name: string | null;
  reached: Flag;
  conflict: Flag;
  created_at: string;
  version: number;
  deleted: Flag;
  updated_at: string;
}

/** `call_history` (0004); `entry_history` is the same with `entry_id` for `call_id`. */
interface HistoryColumns {
  quarter_id: string;
  field: string;
  old_value: string;
  new_value: string;
  version: number;
  author_user_id: string;
  device_id: string;
  client_id: string;
  seq: number;
  conflict: Flag;
  recorded_at: string;
}
type CallHistoryRow = HistoryColumns & { call_id: string };
type EntryHistoryRow = HistoryColumns & { entry_id: string };

interface EntryRow {
  quarter_id: string;
  id: string;
  kind: string;
  author_user_id: string;
  device_id: string;
  occurred_at: string;
  concern: Flag;
  conflict: Flag;
  fields: string;
  created_at: string;
  version: number;
  deleted: Flag;
  updated_at: string;
}

interface Tables {
  quarters: { id: string; version: number; updated_at: string };
  topics: {
    quarter_id: string;
    id: string;
    version: number;
    deleted: Flag;
    updated_at: string;
    number: number;
    name: string;
  };
  calls: CallRow;
  call_history: CallHistoryRow;
  entries: EntryRow;
  entry_history: EntryHistoryRow;
}

/** What a call's `fields` JSON holds: its own fields, in the call kind's order. */
interface CallFields {
  partner: string;
  durationMinutes: number;
  note: string;
  activity: { id: string; name: string; themeName: string } | null;
  reached: boolean;
}

export async function up(untyped: Kysely<unknown>): Promise<void> {
  await atomically(untyped as Kysely<Tables>, async (db) => {
    await createEntries(db);
    await createTopics(db);
    await addDefaultTopics(db);
    await copyCallsToEntries(db);
    await copyCallHistory(db);
    await db.schema.dropTable('call_history').execute();
    await db.schema.dropTable('calls').execute();
  });
}

export async function down(untyped: Kysely<unknown>): Promise<void> {
  await atomically(untyped as Kysely<Tables>, async (db) => {
    const other = await db
      .selectFrom('entries')
      .select(['kind', 'id'])
      .where('kind', '<>', 'call')
      .limit(1)
      .executeTakeFirst();
    if (other) {
      throw new Error(
        `0008-entries cannot go down: the database holds entries of kind "${other.kind}" ` +
          '(e.g. advice sessions), which the calls table of 0007 cannot keep. Back up the ' +
          'database and remove them deliberately first.',
      );
    }
    await createCalls(db);
    await copyEntriesToCalls(db);
    await copyEntryHistoryBack(db);
    await db.schema.dropTable('entry_history').execute();
    await db.schema.dropTable('entries').execute();
    // The topics' versions stay counted in the quarters: versions never go back (G4).
    await db.schema.dropTable('topics').execute();
  });
}

/**
 * All of it or nothing: a crash halfway through the copy must leave the database as 0007 left
 * it, so the next start simply runs 0008 again. PostgreSQL: Kysely's migrator already runs
 * each migration, and its record in the migration table, in one transaction. SQLite: it does
 * not, but SQLite's DDL is transactional too, so the copy is one transaction of its own (only
 * the moment between its commit and the migrator's record remains).
 */
async function atomically(
  db: Kysely<Tables>,
  work: (db: Kysely<Tables>) => Promise<void>,
): Promise<void> {
  if (db.isTransaction) return work(db);
  await db.transaction().execute(work);
}

async function createEntries(db: Kysely<Tables>): Promise<void> {
  // A synced table like calls was (version, tombstone, key per quarter); tombstones are kept
  // (a late create or update of a deleted entry must find it and have no effect).
  await db.schema
    .createTable('entries')
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('author_user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
    // Device time as sent: data, never used for ordering (G9).
    .addColumn('occurred_at', 'text', (col) => col.notNull())
    .addColumn('concern', 'integer', (col) => col.notNull())
    // A concurrent edit lost a value here (kept in entry_history); staff review it (G6).
    .addColumn('conflict', 'integer', (col) => col.notNull().defaultTo(0))
    // JSON text: the kind's own fields (all but occurredAt and concern).
    .addColumn('fields', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('entries_pk', ['quarter_id', 'id'])
    .addCheckConstraint('entries_concern_check', sql`concern in (0, 1)`)
    .addCheckConstraint('entries_conflict_check', sql`conflict in (0, 1)`)
    .addCheckConstraint('entries_deleted_check', sql`deleted in (0, 1)`)
    .execute();
  // Pulls: "entries of this quarter newer than version N", and of these authors (the view).
  await db.schema
    .createIndex('entries_quarter_version_idx')
    .on('entries')
    .columns(['quarter_id', 'version'])
    .execute();
  await db.schema
    .createIndex('entries_quarter_author_version_idx')
    .on('entries')
    .columns(['quarter_id', 'author_user_id', 'version'])
    .execute();
  // Staff's week: "entries of this kind in this quarter between two times".
  await db.schema
    .createIndex('entries_quarter_kind_occurred_idx')
    .on('entries')
    .columns(['quarter_id', 'kind', 'occurred_at'])
    .execute();

  // One row per field an update changed; the key is the mutation (client_id, seq) and the
  // field: a mutation changes a field at most once, and it is applied at most once (G2).
  await db.schema
    .createTable('entry_history')
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('entry_id', 'text', (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('old_value', 'text', (col) => col.notNull())
    .addColumn('new_value', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('author_user_id', 'text', (col) => col.notNull())
    .addColumn('device_id', 'text', (col) => col.notNull())
    .addColumn('client_id', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('conflict', 'integer', (col) => col.notNull())
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('entry_history_pk', ['client_id', 'seq', 'field'])
    .addCheckConstraint('entry_history_conflict_check', sql`conflict in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('entry_history_entry_idx')
    .on('entry_history')
    .columns(['quarter_id', 'entry_id', 'field', 'version'])
    .execute();
}

/** A reference table like themes (0001): pulled by every device of the quarter. */
async function createTopics(db: Kysely<Tables>): Promise<void> {
  await db.schema
    .createTable('topics')
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('topics_pk', ['quarter_id', 'id'])
    .addCheckConstraint('topics_deleted_check', sql`deleted in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('topics_quarter_version_idx')
    .on('topics')
    .columns(['quarter_id', 'version'])
    .execute();
}

/**
 * Every quarter gets the default topics with a new version of its own (its counter + 1, as a
 * writing transaction would, G4), so the next pull of every device brings them — also an
 * incremental one whose cookie is at the old head.
 */
async function addDefaultTopics(db: Kysely<Tables>): Promise<void> {
  const at = new Date().toISOString();
  await db
    .updateTable('quarters')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .execute();
  const quarters = await db.selectFrom('quarters').select(['id', 'version']).execute();
  for (const quarter of quarters) {
    const rows = TOPICS.map(([id, name], index) => ({
      quarter_id: quarter.id,
      id,
      version: quarter.version,
      deleted: 0 as const,
      updated_at: at,
      number: index + 1,
      name,
    }));
    await db.insertInto('topics').values(rows).execute();
  }
}

function callFields(call: CallRow): CallFields {
  return {
    partner: call.partner,
    durationMinutes: call.duration_minutes,
    note: call.note,
    // Catalogue context (G11): the id plus the snapshot of its names, or null.
    activity:
      call.activity_id === null
        ? null
        : {
            id: call.activity_id,
            name: call.activity_name ?? '',
            themeName: call.theme_name ?? '',
          },
    reached: call.reached === 1,
  };
}

function callToEntry(call: CallRow): EntryRow {
  return {
    quarter_id: call.quarter_id,
    id: call.id,
    kind: 'call',
    author_user_id: call.author_user_id,
    device_id: call.device_id,
    occurred_at: call.occurred_at,
    concern: call.concern,
    conflict: call.conflict,
    fields: JSON.stringify(callFields(call)),
    created_at: call.created_at,
    version: call.version,
    deleted: call.deleted,
    updated_at: call.updated_at,
  };
}

function entryToCall(entry: EntryRow): CallRow {
  // A deleted call has no content since 0010 (`{}`): it goes back as an empty call.
  const fields = {
    partner: '',
    durationMinutes: 0,
    note: '',
    activity: null,
    reached: true,
    ...(JSON.parse(entry.fields) as Partial<CallFields>),
  } as CallFields;
  return {
    quarter_id: entry.quarter_id,
    id: entry.id,
    author_user_id: entry.author_user_id,
    device_id: entry.device_id,
    occurred_at: entry.occurred_at,
    partner: fields.partner,
    duration_minutes: fields.durationMinutes,
    concern: entry.concern,
    note: fields.note,
    activity_id: fields.activity?.id ?? null,
    activity_name: fields.activity?.name ?? null,
    theme_name: fields.activity?.themeName ?? null,
    reached: fields.reached ? 1 : 0,
    conflict: entry.conflict,
    created_at: entry.created_at,
    version: entry.version,
    deleted: entry.deleted,
    updated_at: entry.updated_at,
  };
}

/**
 * Copies `from` into `to` in key order, BATCH rows at a time: each SELECT starts after the last
 * key of the batch before (a row-value comparison, which SQLite and PostgreSQL both know).
 */
async function copyInBatches<From extends keyof Tables, To extends keyof Tables>(
  db: Kysely<Tables>,
  from: From,
  key: readonly string[],
  to: To,
  map: (row: Tables[From]) => Tables[To],
): Promise<void> {
  const columns = sql.join(key.map((column) => sql.ref(column)));
  let after: Tables[From] | undefined;
  for (;;) {
    const last = after as Record<string, unknown> | undefined;
    let query = db.selectFrom(from as 'calls').selectAll();
    if (last)
      query = query.where(sql<boolean>`(${columns}) > (${sql.join(key.map((k) => last[k]))})`);
    for (const column of key) query = query.orderBy(sql.ref(column));
    const rows = (await query.limit(BATCH).execute()) as unknown as Tables[From][];
    if (rows.length === 0) return;
    await db
      .insertInto(to as 'entries')
      .values(rows.map(map) as unknown as EntryRow[])
      .execute();
    if (rows.length < BATCH) return;
    after = rows.at(-1);
  }
}

const ENTRY_KEY = ['quarter_id', 'id'] as const;
const HISTORY_KEY = ['client_id', 'seq', 'field'] as const;

async function copyCallsToEntries(db: Kysely<Tables>): Promise<void> {
  await copyInBatches(db, 'calls', ENTRY_KEY, 'entries', callToEntry);
}

async function copyEntriesToCalls(db: Kysely<Tables>): Promise<void> {
  await copyInBatches(db, 'entries', ENTRY_KEY, 'calls', entryToCall);
}

async function copyCallHistory(db: Kysely<Tables>): Promise<void> {
  await copyInBatches(db, 'call_history', HISTORY_KEY, 'entry_history', ({ call_id, ...rest }) => ({
    ...rest,
    entry_id: call_id,
  }));
}

async function copyEntryHistoryBack(db: Kysely<Tables>): Promise<void> {
  await copyInBatches(
    db,
    'entry_history',
    HISTORY_KEY,
    'call_history',
    ({ entry_id, ...rest }) => ({
      ...rest,
      call_id: entry_id,
    }),
  );
}

/** calls and call_history exactly as 0003 and 0004 created them, so their down() still works. */
async function createCalls(db: Kysely<Tables>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('author_user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
    .addColumn('occurred_at', 'text', (col) => col.notNull())
    .addColumn('partner', 'text', (col) => col.notNull())
    .addColumn('duration_minutes', 'integer', (col) => col.notNull())
    .addColumn('concern', 'integer', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('activity_id', 'text')
    .addColumn('activity_name', 'text')
    .addColumn('theme_name', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('calls_pk', ['quarter_id', 'id'])
    .addCheckConstraint('calls_concern_check', sql`concern in (0, 1)`)
    .addCheckConstraint('calls_deleted_check', sql`deleted in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('calls_quarter_version_idx')
    .on('calls')
    .columns(['quarter_id', 'version'])
    .execute();
  await db.schema
    .alterTable('calls')
    .addColumn('reached', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(1)
        .check(sql`reached in (0, 1)`),
    )
    .execute();
  await db.schema
    .alterTable('calls')
    .addColumn('conflict', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`conflict in (0, 1)`),
    )
    .execute();
  await db.schema
    .createIndex('calls_quarter_author_version_idx')
    .on('calls')
    .columns(['quarter_id', 'author_user_id', 'version'])
    .execute();
  await db.schema
    .createTable('call_history')
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('call_id', 'text', (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('old_value', 'text', (col) => col.notNull())
    .addColumn('new_value', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('author_user_id', 'text', (col) => col.notNull())
    .addColumn('device_id', 'text', (col) => col.notNull())
    .addColumn('client_id', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('conflict', 'integer', (col) => col.notNull())
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('call_history_pk', ['client_id', 'seq', 'field'])
    .addCheckConstraint('call_history_conflict_check', sql`conflict in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('call_history_call_idx')
    .on('call_history')
    .columns(['quarter_id', 'call_id', 'field', 'version'])
    .execute();
}
