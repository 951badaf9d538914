// Staff at the storefront (issue 10): staff sign in with a password of their own (argon2id,
// `secrets/password-hash.ts`) instead of a PIN and hold a server session that expires after
// inactivity; follow-ups give a concern, a flagged call partner or a conflict an owner, a due
// date and a status; every staff action leaves a line in the audit log; devices report their
// app version and how many changes still wait, so staff see a tablet that stopped delivering;
// an activity's Ampel gets the date it was last judged; entries carry what they add to the
// week's figures in columns of their own (backfilled here), under one covering index.
// Portable like 0001–0008: Kysely's schema builder only, times as ISO text. Identity, follow-up
// and audit rows are not synced: writing them bumps no quarter version.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // `argon2id$…` (PHC string); null: this person cannot sign in to the staff screens.
  await db.schema.alterTable('users').addColumn('password_hash', 'text').execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    // SHA-256 of the session secret (the cookie holds `<id>.<secret>`).
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text', (col) => col.notNull())
    // No use after this instant, however active the session was (absolute lifetime).
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('staff_sessions_user_idx')
    .on('staff_sessions')
    .columns(['user_id'])
    .execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    // 'concern' (an entry with concern), 'partner' (a flagged call partner), 'conflict' (an entry).
    .addColumn('subject_type', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'text', (col) => col.notNull())
    .addColumn('owner_user_id', 'text', (col) => col.references('users.id'))
    // yyyy-MM-dd, Europe/Berlin.
    .addColumn('due_date', 'text')
    // 'open' | 'in_progress' | 'done'
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull())
    // Optimistic concurrency of staff edits: 1 on insert, +1 on every change.
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by_user_id', 'text', (col) => col.notNull())
    .addColumn('done_at', 'text')
    .addPrimaryKeyConstraint('follow_ups_pk', ['quarter_id', 'subject_type', 'subject_id'])
    .addCheckConstraint('follow_ups_status_check', sql`status in ('open', 'in_progress', 'done')`)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('at', 'text', (col) => col.notNull())
    // null: the server itself or the command line.
    .addColumn('actor_user_id', 'text')
    // The actor's name at the time (people are renamed and disabled, the log stays readable).
    .addColumn('actor_name', 'text', (col) => col.notNull())
    // e.g. 'staff.sign_in', 'activity.update', 'follow_up.done', 'export.csv', 'device.revoke'.
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('subject_type', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'text', (col) => col.notNull())
    // JSON text: what changed, by field name and for non-personal fields the values
    // (never a note, a concern or a partner's name and phone).
    .addColumn('detail', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_quarter_at_idx')
    .on('audit_log')
    .columns(['quarter_id', 'at', 'id'])
    .execute();

  // What a device says about itself on every request (`X-App-Version`, `X-Outbox-Waiting`).
  await db.schema.alterTable('devices').addColumn('app_version', 'text').execute();
  await db.schema.alterTable('devices').addColumn('waiting_count', 'integer').execute();
  // The last push that applied at least one change.
  await db.schema.alterTable('devices').addColumn('last_delivered_at', 'text').execute();

  // The day staff last judged the activity's continuation (yyyy-MM-dd); null: not said.
  await db.schema.alterTable('activities').addColumn('ampel_as_of', 'text').execute();

  // Staff's week shows every live entry with a concern or a conflict flag, of any week. Those
  // are few among a quarter's entries (about 1 %), so partial indexes keep finding them from
  // reading the whole table; queries must repeat the conditions literally (SQLite uses a
  // partial index only when the query's WHERE implies the index's, and cannot see through
  // bound parameters). `id` is in them so the join with a concern's follow-up (done ones are
  // left out) needs no row of `entries` until one is kept.
  await db.schema
    .createIndex('entries_live_concern_idx')
    .on('entries')
    .columns(['quarter_id', 'occurred_at', 'id'])
    .where(sql.ref('concern'), '=', 1)
    .where(sql.ref('deleted'), '=', 0)
    .execute();
  await db.schema
    .createIndex('entries_live_conflict_idx')
    .on('entries')
    .columns(['quarter_id', 'occurred_at', 'id'])
    .where(sql.ref('conflict'), '=', 1)
    .where(sql.ref('deleted'), '=', 0)
    .execute();

  await addFigureColumns(db);
}

/**
 * The week's figures (src/domain/entry-figures.ts) as one GROUP BY over an index rather than
 * every entry's JSON: what an entry adds to them, in columns of their own, written with its
 * fields (server/db/entry-row.ts) and here backfilled for the entries there are. The index
 * leads with the quarter and the entry's ISO week (`fig_week`, Berlin calendar), then the
 * columns the week is grouped by, then every other column the aggregate reads: a week is one
 * equality, its rows come in group order (no sort), and no row of `entries` is read. A span
 * that is not one week (a month) is a range of weeks, narrowed by `occurred_at`.
 */
async function addFigureColumns(db: Kysely<unknown>): Promise<void> {
  // The id of the activity snapshot the entry names; null: none.
  await db.schema.alterTable('entries').addColumn('fig_activity_id', 'text').execute();
  // Calls: 1 reached, 0 not; null for other kinds.
  await db.schema.alterTable('entries').addColumn('fig_reached', 'integer').execute();
  for (const column of FIGURE_NUMBERS) {
    await db.schema
      .alterTable('entries')
      .addColumn(column, 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
  }
  await db.schema.alterTable('entries').addColumn('fig_week', 'text').execute();
  await backfillFigures(db as Kysely<FigureTables>);
  await db.schema
    .createIndex('entries_figures_idx')
    .on('entries')
    .columns([
      'quarter_id',
      'fig_week',
      'kind',
      'fig_activity_id',
      'fig_reached',
      'author_user_id',
      'deleted',
      'occurred_at',
      'concern',
      ...FIGURE_NUMBERS,
    ])
    .execute();
}

/** Seconds volunteers gave, people on a walk (aids, wheelchairs), metres walked. */
const FIGURE_NUMBERS = [
  'fig_seconds',
  'fig_participants',
  'fig_walking_aids',
  'fig_wheelchairs',
  'fig_metres',
] as const;

interface FigureRow {
  fig_activity_id: string | null;
  fig_reached: number | null;
  fig_seconds: number;
  fig_participants: number;
  fig_walking_aids: number;
  fig_wheelchairs: number;
  fig_metres: number;
  fig_week: string | null;
}

interface FigureTables {
  entries: FigureRow & {
    quarter_id: string;
    id: string;
    kind: string;
    occurred_at: string;
    fields: string;
    deleted: number;
  };
}

/** Entries per SELECT of the backfill. */
const FIGURE_BATCH = 500;

/**
 * Fills the figure columns of every live entry, in key order, a batch at a time (every kind has
 * a week; the other columns only the activity kinds).
 */
async function backfillFigures(db: Kysely<FigureTables>): Promise<void> {
  let after: { quarter_id: string; id: string } | undefined;
  for (;;) {
    let query = db
      .selectFrom('entries')
      .select(['quarter_id', 'id', 'kind', 'occurred_at', 'fields'])
      .where('deleted', '=', 0);
    if (after) {
      query = query.where(sql<boolean>`(quarter_id, id) > (${after.quarter_id}, ${after.id})`);
    }
    const rows = await query.orderBy('quarter_id').orderBy('id').limit(FIGURE_BATCH).execute();
    for (const row of rows) {
      const figures = figureRowOf(row.kind, row.occurred_at, JSON.parse(row.fields) as Fields);
      await db
        .updateTable('entries')
        .set(figures)
        .where('quarter_id', '=', row.quarter_id)
        .where('id', '=', row.id)
        .execute();
    }
    if (rows.length < FIGURE_BATCH) return;
    const last = rows[rows.length - 1];
    after = last && { quarter_id: last.quarter_id, id: last.id };
  }
}

type Fields = Record<string, unknown>;

// A frozen copy of `figureValuesOf` (src/domain/entry-figure-values.ts) as of this migration:
// a migration imports nothing of today's code. The longest walk the app records (walk-kind's
// WALK_MAX_SECONDS) caps a walk's span.
const WALK_MAX_SECONDS = 7 * 24 * 3600;

const whole = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;

function walkSeconds(occurredAt: string, f: Fields): number {
  const walking = whole(f.walkingSeconds);
  const ended = typeof f.endedAt === 'string' ? Date.parse(f.endedAt) : NaN;
  const started = Date.parse(occurredAt);
  if (!Number.isFinite(ended) || !Number.isFinite(started)) return walking;
  const span = Math.floor((ended - started) / 1000);
  if (span < walking) return walking;
  return Math.min(span, WALK_MAX_SECONDS);
}

// A frozen copy of today's `isoWeekOfInstant` + `formatIsoWeekId` (src/domain/iso-week.ts):
// the ISO week of the instant's day on a Berlin calendar, `2026-W48`.
const BERLIN_DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

function berlinIsoWeek(instant: string): string {
  const parts = BERLIN_DAY.formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const day = new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
  // The Thursday of the day's week (weeks start on Monday) decides the ISO year.
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7) + 3);
  const year = day.getUTCFullYear();
  const week = 1 + Math.floor((day.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${week < 10 ? '0' : ''}${week}`;
}

function figureRowOf(kind: string, occurredAt: string, f: Fields): FigureRow {
  const a = f.activity as Record<string, unknown> | null | undefined;
  const activityId = typeof a === 'object' && a !== null && typeof a.id === 'string' ? a.id : '';
  const row: FigureRow = {
    fig_activity_id: activityId === '' ? null : activityId,
    fig_reached: kind === 'call' ? (f.reached === false ? 0 : 1) : null,
    fig_seconds: kind === 'call' || kind === 'advice' ? whole(f.durationMinutes) * 60 : 0,
    fig_participants: 0,
    fig_walking_aids: 0,
    fig_wheelchairs: 0,
    fig_metres: 0,
    fig_week: berlinIsoWeek(occurredAt),
  };
  if (kind === 'walk') {
    row.fig_seconds = walkSeconds(occurredAt, f);
    row.fig_participants = whole(f.participants);
    row.fig_walking_aids = whole(f.withWalkingAids);
    row.fig_wheelchairs = whole(f.withWheelchairs);
    row.fig_metres = whole(f.distanceMetres);
  }
  return row;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('entries_figures_idx').execute();
  for (const column of ['fig_activity_id', 'fig_reached', ...FIGURE_NUMBERS, 'fig_week']) {
    await db.schema.alterTable('entries').dropColumn(column).execute();
  }
  await db.schema.dropIndex('entries_live_conflict_idx').execute();
  await db.schema.dropIndex('entries_live_concern_idx').execute();
  await db.schema.alterTable('activities').dropColumn('ampel_as_of').execute();
  await db.schema.alterTable('devices').dropColumn('last_delivered_at').execute();
  await db.schema.alterTable('devices').dropColumn('waiting_count').execute();
  await db.schema.alterTable('devices').dropColumn('app_version').execute();
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropTable('follow_ups').execute();
  await db.schema.dropTable('staff_sessions').execute();
  await db.schema.alterTable('users').dropColumn('password_hash').execute();
}
