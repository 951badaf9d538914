// Many entries fast, for the staff benchmarks (bench/staff-week-million.ts,
// bench/csv-export-year.ts): rows as the push stores them (the kinds' own fields as JSON, the
// figure columns derived from them, device times as `toISOString` writes them), generated from
// a seed so every run has the same data, and written with raw multi-row INSERTs in large
// transactions — pushing a million entries through the API would take longer than every other
// measure together, and the API is not what these measure. Ids run in time order
// (`bench-0000001`, …), which keeps the primary-key index appends cheap; real ids are UUIDs,
// which only the load time would notice.
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../server/config';
import { figureColumnsOf } from '../server/db/entry-row';

export type Row = Record<string, string | number | null>;

export interface ActivitySnapshot {
  id: string;
  name: string;
  themeName: string;
}

export interface EntryMix {
  quarterId: string;
  /** Volunteers who wrote the entries (round robin, with some randomness). */
  authorIds: readonly string[];
  deviceId: string;
  /** Call partners' entry ids the calls may name (70 % of calls name one). */
  partnerIds: readonly string[];
  activities: readonly ActivitySnapshot[];
  /** Device times spread evenly over `[from, to)`, ms. */
  from: number;
  to: number;
  count: number;
  /** Only this kind, or the mix (60 % calls, 20 % advice, 12 % walks, 8 % observations). */
  kind?: 'call' | 'advice' | 'walk' | 'observation';
  /** Share of entries marked "Sorge / Hilfebedarf". */
  concernShare?: number;
  idPrefix?: string;
  seed?: number;
}

export const ENTRY_COLUMNS = [
  'quarter_id',
  'id',
  'kind',
  'author_user_id',
  'device_id',
  'occurred_at',
  'concern',
  'conflict',
  'fields',
  'fig_activity_id',
  'fig_reached',
  'fig_seconds',
  'fig_participants',
  'fig_walking_aids',
  'fig_wheelchairs',
  'fig_metres',
  'fig_week',
  'created_at',
  'version',
  'deleted',
  'updated_at',
] as const;

/** The figure columns of a row (as server/db/entry-row.ts writes them). */
export function figureRow(kind: string, occurredAt: string, fields: Record<string, unknown>): Row {
  return { ...figureColumnsOf(kind, occurredAt, fields) };
}

/** mulberry32: small, fast, and the same numbers on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const NOTES = [
  '',
  '',
  'Hat sich über den Anruf gefreut.',
  'Möchte nächste Woche wieder angerufen werden; der Arzttermin ist am Donnerstag.',
  'Erzählt von der Tochter in München, fühlt sich manchmal allein.',
];
const TOPICS = [
  { id: 'wohnen', name: 'Wohnen' },
  { id: 'pflege-gesundheit', name: 'Pflege und Gesundheit' },
  { id: 'geld-antraege', name: 'Geld und Anträge' },
  { id: 'einsamkeit-kontakte', name: 'Einsamkeit und Kontakte' },
  { id: 'digitales', name: 'Digitales' },
];
const PLACES = ['shop', 'home', 'phone', 'elsewhere'];
const AGES = ['under60', '60to69', '70to79', '80to89', '90plus', 'unknown'];
const CATEGORIES = ['barrier', 'bench', 'toilet', 'meetingPoint', 'hazard', 'other'];

/** The entries of `mix`, in time order, one row at a time (never all in memory). */
export function* benchEntries(mix: EntryMix): Generator<Row> {
  const next = random(mix.seed ?? 10);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const step = (mix.to - mix.from) / mix.count;
  const stamp = new Date(mix.to).toISOString();
  let lastWalk = `${mix.idPrefix ?? 'bench-'}walk-0`;
  for (let i = 0; i < mix.count; i += 1) {
    const at = mix.from + Math.floor(i * step + next() * step * 0.9);
    const occurredAt = new Date(at).toISOString();
    const id = `${mix.idPrefix ?? 'bench-'}${String(i).padStart(7, '0')}`;
    const roll = next();
    const kind =
      mix.kind ??
      (roll < 0.6 ? 'call' : roll < 0.8 ? 'advice' : roll < 0.92 ? 'walk' : 'observation');
    const activity = next() < 0.7 && mix.activities.length > 0 ? pick(mix.activities) : null;
    let fields: Record<string, unknown>;
    if (kind === 'call') {
      const partnerId = next() < 0.7 && mix.partnerIds.length > 0 ? pick(mix.partnerIds) : null;
      fields = {
        partner: pick(['Frau K.', 'Herr M.', 'Frau Ö.', 'Herr T.']),
        durationMinutes: 5 + Math.floor(next() * 40),
        note: pick(NOTES),
        activity,
        reached: next() < 0.85,
        partnerId,
      };
    } else if (kind === 'advice') {
      fields = {
        durationMinutes: 15 + Math.floor(next() * 45),
        place: pick(PLACES),
        topics: next() < 0.5 ? [pick(TOPICS)] : [TOPICS[0], TOPICS[2]],
        ageBand: pick(AGES),
        firstContact: next() < 0.4,
        referral: next() < 0.3 ? { id: 'i1', name: 'Seniorenbeirat Stadt Krefeld' } : null,
        followUp: null,
        note: pick(NOTES),
      };
    } else if (kind === 'walk') {
      lastWalk = id;
      const minutes = 45 + Math.floor(next() * 60);
      fields = {
        title: 'Rund um den Marktplatz',
        activity,
        participants: 3 + Math.floor(next() * 12),
        withWalkingAids: Math.floor(next() * 3),
        withWheelchairs: Math.floor(next() * 2),
        note: pick(NOTES),
        endedAt: new Date(at + minutes * 60_000).toISOString(),
        distanceMetres: 800 + Math.floor(next() * 2700),
        walkingSeconds: minutes * 50,
      };
    } else {
      fields = {
        walkId: lastWalk,
        category: pick(CATEGORIES),
        position: { lat: 51.33 + next() / 100, lon: 6.56 + next() / 100, accuracy: 8 },
        note: pick(NOTES),
      };
    }
    yield {
      quarter_id: mix.quarterId,
      id,
      kind,
      author_user_id: pick(mix.authorIds),
      device_id: mix.deviceId,
      occurred_at: occurredAt,
      concern: next() < (mix.concernShare ?? 0.01) ? 1 : 0,
      conflict: 0,
      fields: JSON.stringify(fields),
      ...figureRow(kind, occurredAt, fields),
      created_at: stamp,
      version: 1,
      deleted: 0,
      updated_at: stamp,
    };
  }
}

/** Rows per INSERT statement and per transaction. */
const ROWS_PER_STATEMENT = 500;
const ROWS_PER_TRANSACTION = 50_000;

function* batches(rows: Iterable<Row>, size: number): Generator<Row[]> {
  let batch: Row[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const placeholders = (columns: number, rows: number, dollar: boolean) =>
  Array.from(
    { length: rows },
    (_, r) =>
      `(${Array.from({ length: columns }, (_, c) => (dollar ? `$${r * columns + c + 1}` : '?')).join(', ')})`,
  ).join(', ');

/**
 * Writes `rows` into `table` of the database behind `config` with multi-row INSERTs; returns
 * how many. SQLite: a connection of its own without fsync per commit (a bulk load, nothing to
 * keep if it crashes); PostgreSQL: one client.
 */
export async function bulkInsert(
  config: DatabaseConfig,
  table: string,
  columns: readonly string[],
  rows: Iterable<Row>,
): Promise<number> {
  const insert = (count: number, dollar: boolean) =>
    `insert into ${table} (${columns.join(', ')}) values ${placeholders(columns.length, count, dollar)}`;
  const values = (batch: Row[]) => batch.flatMap((row) => columns.map((column) => row[column]));
  let written = 0;
  if (config.kind === 'sqlite') {
    const sqlite = new SqliteDatabase(config.file);
    try {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('synchronous = OFF');
      sqlite.pragma('cache_size = -262144');
      const full = sqlite.prepare(insert(ROWS_PER_STATEMENT, false));
      const load = sqlite.transaction((chunk: Row[][]) => {
        for (const batch of chunk) {
          const statement =
            batch.length === ROWS_PER_STATEMENT
              ? full
              : sqlite.prepare(insert(batch.length, false));
          statement.run(values(batch));
        }
      });
      for (const chunk of transactions(batches(rows, ROWS_PER_STATEMENT))) {
        load(chunk);
        written += chunk.reduce((sum, batch) => sum + batch.length, 0);
      }
    } finally {
      sqlite.close();
    }
    return written;
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    // A bulk load: no need to wait for each commit's WAL flush.
    await client.query('set synchronous_commit = off');
    const full = insert(ROWS_PER_STATEMENT, true);
    for (const chunk of transactions(batches(rows, ROWS_PER_STATEMENT))) {
      await client.query('begin');
      for (const batch of chunk) {
        const text = batch.length === ROWS_PER_STATEMENT ? full : insert(batch.length, true);
        await client.query(text, values(batch));
        written += batch.length;
      }
      await client.query('commit');
    }
  } finally {
    await client.end();
  }
  return written;
}

/** Statement batches grouped into transactions of ROWS_PER_TRANSACTION rows. */
function* transactions(statements: Iterable<Row[]>): Generator<Row[][]> {
  let chunk: Row[][] = [];
  let rows = 0;
  for (const batch of statements) {
    chunk.push(batch);
    rows += batch.length;
    if (rows >= ROWS_PER_TRANSACTION) {
      yield chunk;
      chunk = [];
      rows = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Runs `load` with the secondary indexes of `table` dropped, then builds them again from their
 * own stored definitions (so they are exactly the migrations' indexes): building an index once
 * over a million rows is several times faster than keeping it up to date row by row.
 */
export async function withoutSecondaryIndexes<T>(
  config: DatabaseConfig,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  if (config.kind === 'sqlite') {
    const sqlite = new SqliteDatabase(config.file);
    let definitions: string[];
    try {
      const rows = sqlite
        .prepare(
          "select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null",
        )
        .all(table) as { name: string; sql: string }[];
      definitions = rows.map((row) => row.sql);
      for (const row of rows) sqlite.exec(`drop index ${row.name}`);
    } finally {
      sqlite.close();
    }
    const result = await load();
    const again = new SqliteDatabase(config.file);
    try {
      again.pragma('cache_size = -262144');
      for (const definition of definitions) again.exec(definition);
    } finally {
      again.close();
    }
    return result;
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ indexname: string; indexdef: string }>(
      'select i.indexname, i.indexdef from pg_indexes i where i.tablename = $1 and not exists ' +
        '(select 1 from pg_constraint c where c.conname = i.indexname)',
      [table],
    );
    for (const row of rows) await client.query(`drop index ${row.indexname}`);
    const result = await load();
    await client.query("set maintenance_work_mem = '256MB'");
    for (const row of rows) await client.query(row.indexdef);
    return result;
  } finally {
    await client.end();
  }
}
