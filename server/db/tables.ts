// Row types of the server database, as Kysely sees them. The same schema runs on SQLite and
// PostgreSQL, so booleans are integers 0/1 and arrays are JSON text (see migration 0001).
// Columns are snake_case here; `db/row-mappers.ts` turns rows into the camelCase protocol.
import type { Role } from '../../src/shared/identity';

/** 0 or 1; SQLite has no boolean type and we keep one schema for both databases. */
export type Flag = 0 | 1;

export interface MetaTable {
  key: string;
  value: string;
}

export interface QuartersTable {
  id: string;
  name: string;
  /** The quarter's change counter; bumped inside every writing transaction (G4). */
  version: number;
  /** Tombstones at or below this version may be gone: older cookies get a full reset (G8). */
  tombstone_horizon: number;
  created_at: string;
  updated_at: string;
}

/** Columns every synced (pulled) table has. */
export interface SyncedColumns {
  quarter_id: string;
  id: string;
  version: number;
  deleted: Flag;
  updated_at: string;
}

export interface ThemesTable extends SyncedColumns {
  number: number;
  name: string;
}

export interface InstitutionsTable extends SyncedColumns {
  name: string;
}

/** Topics of advice sessions (migration 0008), a reference table like themes. */
export interface TopicsTable extends SyncedColumns {
  number: number;
  name: string;
}

export interface ActivitiesTable extends SyncedColumns {
  theme_id: string;
  name: string;
  description: string;
  /** JSON text: string[] of institution ids. */
  actor_ids: string;
  schedule: string;
  place: string;
  contact: string;
  ampel: 'green' | 'yellow' | 'red';
  ampel_condition: string;
  /** yyyy-MM-dd: when staff last judged the Ampel (migration 0009); null: not said. */
  ampel_as_of: string | null;
  is_example: Flag;
}

export interface StorefrontsTable extends SyncedColumns {
  name: string;
  address: string;
  /** JSON text: { weekday, opens, closes }[]. */
  weekly: string;
  holidays_closed: Flag;
  is_example: Flag;
}

export interface OpeningExceptionsTable extends SyncedColumns {
  storefront_id: string;
  date: string;
  closed: Flag;
  /** JSON text: { opens, closes }[]. */
  intervals: string;
  note: string;
  is_example: Flag;
}

/** People of a quarter (migration 0002). Not synced: no version, no tombstones. */
export interface UsersTable {
  id: string;
  quarter_id: string;
  name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash` (identity/pin-hash.ts); null: cannot sign in on a device yet. */
  pin_hash: string | null;
  /** `$argon2id$…` (secrets/password-hash.ts, migration 0009); null: no staff sign-in. */
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
  /** Demo people (migration 0004): `npm run demo:remove` disables them. */
  is_example: Flag;
  /** Erased by staff (migration 0011): only the id and role are left, the name is a stand-in. */
  erased_at: string | null;
}

/**
 * Who has ever signed in on which device (migration 0004): a record only. What a device may
 * send or see follows from the person sessions it presents (`person_sessions`).
 */
export interface DeviceUsersTable {
  device_id: string;
  user_id: string;
  first_signed_in_at: string;
  last_signed_in_at: string;
}

/**
 * A person signed in on a device (migration 0006): the device presents `<id>.<secret>` for
 * each person whose changes it sends or whose entries it holds. Only the secret's SHA-256 is
 * stored. A revoked session proves nothing any more.
 */
export interface PersonSessionsTable {
  id: string;
  device_id: string;
  user_id: string;
  quarter_id: string;
  credential_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/**
 * Wrong PINs per name of a quarter (migration 0007, identity/sign-in-guard): growing delays,
 * then a lock that staff lift. Times as ISO text; not synced.
 */
export interface SignInGuardsTable {
  quarter_id: string;
  /** The name as typed at sign-in (trimmed); also names nobody has. */
  name: string;
  /** Attempts since the last success or unlock, each counted before its PIN is checked. */
  failed: number;
  last_attempt_at: string;
  /** No attempt before this instant; null: no delay. */
  blocked_until: string | null;
  /** Locked after too many failures in a row, until unlocked or a new PIN is set. */
  locked_at: string | null;
}

/** One-time codes that enrol a device; only the SHA-256 of the code is stored. */
export interface EnrolmentCodesTable {
  code_hash: string;
  quarter_id: string;
  created_by_user_id: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** The device the code enrolled (set together with used_at). */
  device_id: string | null;
}

/** Enrolled devices; only the SHA-256 of the device credential is stored. */
export interface DevicesTable {
  id: string;
  quarter_id: string;
  credential_hash: string;
  label: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** As the device last said (`X-App-Version`, migration 0009). */
  app_version: string | null;
  /** Changes the device last said were still waiting in its outbox (`X-Outbox-Waiting`). */
  waiting_count: number | null;
  /** The last push that applied at least one change. */
  last_delivered_at: string | null;
}

/** One device installation's mutation stream (migration 0003); `last_seq` is its high-water mark. */
export interface SyncClientsTable {
  client_id: string;
  /** The device that pushes under this client id (a revoked device's client may move on). */
  device_id: string;
  quarter_id: string;
  /** Every seq up to here is done: applied or rejected for good (G2, G3). */
  last_seq: number;
  created_at: string;
  updated_at: string;
}

/** One row per (client_id, seq) ever done; the primary key makes a second apply impossible. */
export interface MutationLogTable {
  client_id: string;
  seq: number;
  name: string;
  v: number;
  author_user_id: string;
  status: 'applied' | 'rejected';
  reject_code: string | null;
  /** German, shown to the author ("braucht Aufmerksamkeit", G7). */
  reject_message: string | null;
  received_at: string;
}

/**
 * Entries of every kind (migration 0008; calls before it had a table of their own). What every
 * kind has is a column; the kind's own fields are one JSON object (`db/entry-row.ts` reads and
 * writes it, src/shared/entry-kind.ts declares them).
 */
export interface EntriesTable extends SyncedColumns {
  /** The entry kind's name (`call`, `advice`; src/shared/entry-kinds.ts). */
  kind: string;
  author_user_id: string;
  device_id: string;
  /** Device time, ISO 8601 as sent: data, never used for ordering (G9). */
  occurred_at: string;
  concern: Flag;
  /** 1: a concurrent edit lost a value here (kept in entry_history); staff review it (G6). */
  conflict: Flag;
  /** JSON text: the kind's own fields (all but occurredAt and concern), protocol values. */
  fields: string;
  created_at: string;
  // What the entry adds to the week's figures, derived from `fields` (and `occurred_at`) when
  // they are written (db/entry-row.ts, src/domain/entry-figure-values.ts; migration 0009).
  /** The activity snapshot's id; null: none. */
  fig_activity_id: string | null;
  /** Calls: 1 reached, 0 not; null for other kinds. */
  fig_reached: Flag | null;
  /** Time volunteers gave, seconds. */
  fig_seconds: number;
  fig_participants: number;
  fig_walking_aids: number;
  fig_wheelchairs: number;
  fig_metres: number;
  /** The ISO week (`2026-W48`, Berlin calendar) of `occurred_at`: a week's figures are one
   * equality in the figure index, read in the order they are grouped (no sort). */
  fig_week: string | null;
}

/** One field changed by one update of an entry (migration 0008), in server order (`version`). */
export interface EntryHistoryTable {
  quarter_id: string;
  entry_id: string;
  /** The protocol's field name, e.g. `note` or `occurredAt`. */
  field: string;
  /** JSON text of the value before and after this change. */
  old_value: string;
  new_value: string;
  version: number;
  author_user_id: string;
  device_id: string;
  /** The mutation that made the change; together with `field` the primary key. */
  client_id: string;
  seq: number;
  /** 1: `old_value` was written concurrently by another client and lost (G6). */
  conflict: Flag;
  recorded_at: string;
}

/** One chunk of a walk's GPS route (migration 0005); see server/repos/walk-track.repo.ts. */
export interface WalkTrackChunksTable {
  quarter_id: string;
  walk_id: string;
  /** 0, 1, 2, … in route order. */
  chunk: number;
  author_user_id: string;
  device_id: string;
  /** JSON text of the chunk's points ({ t, lat, lon, accuracy }), in route order. */
  points: string;
  point_count: number;
  version: number;
  created_at: string;
}

/** A staff member's browser session (migration 0009): cookie `<id>.<secret>`, SHA-256 stored. */
export interface StaffSessionsTable {
  id: string;
  user_id: string;
  quarter_id: string;
  token_hash: string;
  created_at: string;
  /** Sessions unused for longer than the idle limit are over (http/staff-auth.ts). */
  last_used_at: string;
  /** Absolute end, however active. */
  expires_at: string;
  revoked_at: string | null;
}

export type FollowUpSubject = 'concern' | 'partner' | 'conflict';
export type FollowUpStatus = 'open' | 'in_progress' | 'done';

/**
 * Staff's follow-up of something that needs a person (migration 0009). A row exists once staff
 * touched the item; until then it is open with no owner.
 */
export interface FollowUpsTable {
  quarter_id: string;
  subject_type: FollowUpSubject;
  /** The entry's id (concern, conflict) or the partner's id. */
  subject_id: string;
  owner_user_id: string | null;
  due_date: string | null;
  status: FollowUpStatus;
  /** "erledigt" takes a note (what was done). */
  note: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by_user_id: string;
  done_at: string | null;
}

/** One staff action (migration 0009); `detail` never holds personal content. */
export interface AuditLogTable {
  id: string;
  quarter_id: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** JSON text. */
  detail: string;
}

export interface Database {
  meta: MetaTable;
  quarters: QuartersTable;
  themes: ThemesTable;
  institutions: InstitutionsTable;
  activities: ActivitiesTable;
  storefronts: StorefrontsTable;
  opening_exceptions: OpeningExceptionsTable;
  users: UsersTable;
  enrolment_codes: EnrolmentCodesTable;
  devices: DevicesTable;
  sync_clients: SyncClientsTable;
  mutation_log: MutationLogTable;
  device_users: DeviceUsersTable;
  entries: EntriesTable;
  entry_history: EntryHistoryTable;
  topics: TopicsTable;
  walk_track_chunks: WalkTrackChunksTable;
  person_sessions: PersonSessionsTable;
  sign_in_guards: SignInGuardsTable;
  staff_sessions: StaffSessionsTable;
  follow_ups: FollowUpsTable;
  audit_log: AuditLogTable;
}

export type SyncedTableName =
  'themes' | 'institutions' | 'activities' | 'storefronts' | 'opening_exceptions' | 'topics';

/** Synced tables that can hold example rows (themes and institutions are facts). */
export type ExampleTableName = 'activities' | 'storefronts' | 'opening_exceptions';
