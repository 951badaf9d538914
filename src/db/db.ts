// The device's database. Every schema version lives here, in order, and never changes once
// released: a new version is a new `this.version(n)` block (Dexie upgrades old tablets in place).
// Types only from src/shared: this module is on the start screen's path and must not pull in
// valibot or the entry kinds' schemas (docs/benchmarks.md, budgets).
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { EntryKindName, ValuesOf } from '../shared/entry-kinds';
import type { Role } from '../shared/identity';
import type { Rejection } from '../shared/push-protocol';
import type { RetentionPeriods } from '../shared/retention-defaults';
import type { TrackPoint, TrackPointV2 } from '../shared/walk-track';
import type {
  Activity,
  Institution,
  OpeningException,
  Storefront,
  Theme,
  Topic,
} from '../shared/catalogue';

/** What the device knows about its last pull (one row, key 'pull'). */
export interface PullState {
  key: 'pull';
  /** Opaque cookie to send with the next pull. */
  cookie: string;
  epoch: string;
  /** Server version the replica is complete up to; never decreases within an epoch (G4). */
  head: number;
  quarterId: string;
  quarterName: string;
  /** Device time of the last successful pull, epoch ms (for "Zuletzt aktualisiert"). */
  pulledAt: number;
  /** Server time of that pull, ISO (data only; used to warn about clock skew later). */
  serverTime: string;
  /**
   * The retention periods the server last told (issue 11; days per kind): expired routes are
   * dropped by them (src/db/expired-routes.ts), the privacy notice shows them. Missing until a
   * server sent some. Not indexed, so no schema version.
   */
  retention?: RetentionPeriods;
}

/** This installation's sync identity (one row, key 'client'); see src/db/outbox.ts. */
export interface ClientState {
  key: 'client';
  /** Random, made once per device database; the server dedupes by (clientId, seq). */
  clientId: string;
  /** The last seq handed out; the next mutation gets lastSeq + 1 (G2). */
  lastSeq: number;
}

/** A change waiting to be pushed, in the same transaction as the entity it describes (G1). */
export interface OutboxRow {
  seq: number;
  name: string;
  v: number;
  /** Who made the change (on a shared tablet: who was signed in). Never lost on sign-out. */
  author: string;
  args: unknown;
  /** Device time, epoch ms: for "ältester vom …" only. */
  createdAt: number;
  /**
   * Local only, never sent: the entry people count this change under when it is not its own —
   * an observation's walk ("1 Spaziergang wartet", not one per observation). Rows without it
   * count under `entryIdOf` (src/db/outbox.ts, `pendingSummary`).
   */
  countAs?: string;
}

export type EntryState = 'saved' | 'delivered' | 'rejected';

/**
 * Where an entry of any kind stands on the device, beside its values. 'saved': at least one
 * change waits in the outbox; 'delivered': the server has all of them; 'rejected': the server
 * refused its newest change ("braucht Aufmerksamkeit", G7).
 */
export interface EntryMeta<K extends EntryKindName = EntryKindName> {
  id: string;
  /** Which kind of entry (src/shared/entry-kinds.ts); its values follow that kind's fields. */
  kind: K;
  /** The person who made it (on a shared tablet: who was signed in). */
  author: string;
  state: EntryState;
  /** The newest outbox seq that changes this entry; 0 for one that came from the server. */
  seq: number;
  /** The server version this device last had of it; null until the server has sent it. */
  version: number | null;
  /** The server flagged a concurrent edit of this entry (G6). */
  conflict: boolean;
  rejection?: Rejection;
}

/** An entry of kind K as the device keeps it: its values with this device's unsent changes. */
export type EntryOf<K extends EntryKindName> = EntryMeta<K> & ValuesOf<K>;

/** An entry of any kind; `kind` tells which (a discriminated union). */
export type Entry = { [K in EntryKindName]: EntryOf<K> }[EntryKindName];

/**
 * A refused change whose entry the device does not hold (a route chunk, a delete): shown under
 * "Braucht Aufmerksamkeit" until dismissed, never vanishing (G7). Also one that no entry shows
 * because a later change of the entry superseded it (src/db/outbox.ts, `settleOutbox`).
 */
export interface RejectedChange {
  /** The refused outbox row's seq (unique per installation). */
  seq: number;
  /** The mutation's name, e.g. 'walk.track' or 'call.delete'. */
  name: string;
  author: string;
  /** The entry (or walk) the change was about (src/shared/entry-key.ts), if it names one. */
  entryId: string | null;
  rejection: Rejection;
  /** Device time the change was made, epoch ms. */
  createdAt: number;
}

/**
 * One kept point of a walk's route (schema version 8; key [walkId+n]). `n` counts the walk's
 * kept points from 0 without holes, so point n travels as index n % 500 of chunk n / 500
 * (src/domain/track-chunks.ts) and a pulled chunk lands on the same keys. Written the moment a
 * fix is kept while recording, so a crash, a reload or an app update loses seconds at most.
 */
export interface WalkPoint extends TrackPointV2 {
  walkId: string;
  n: number;
}

/**
 * A walk being recorded on this device (schema version 8; key walkId): removed when it stops.
 * Its existence is what "recording continues after reopening the app" reads. Never synced: the
 * walk entry (endedAt null) and, at the end, its route chunks are.
 */
export interface Recording {
  walkId: string;
  /** The guide who started it (on a shared tablet: who was signed in). */
  author: string;
  status: 'recording' | 'paused';
  /** Device time recording started, epoch ms (the walk's occurredAt). */
  startedAt: number;
  /** Device time of the current pause, epoch ms; null while recording. */
  pausedAt: number | null;
  /** Paused time of earlier pauses, ms (not walking time). */
  pausedMs: number;
  /** The newest kept point: fixes are judged against it (src/domain/track-filter.ts). */
  lastKept: TrackPointV2 | null;
  /** The newest plausible fix (kept or too close): a leap is also judged from it. */
  lastPlausible: TrackPoint | null;
  /** The page was hidden, tracking re-armed or the walk paused: the next kept point starts a segment. */
  gapPending: boolean;
  /** Kept points so far: the next one is point number `kept`. */
  kept: number;
  /** Fixes dropped (too inaccurate, too close, impossibly fast). */
  dropped: number;
  /** Route length so far in metres, within segments only. */
  distanceMetres: number;
}

/** A call as schema versions 2–5 kept it (table `calls`), for the upgrades below. */
interface LegacyCallRow {
  id: string;
  reached?: boolean;
  version?: number | null;
  conflict?: boolean;
}

/** This device's enrolment (one row, key 'device'); see src/db/identity.ts. */
export interface DeviceRecord {
  key: 'device';
  deviceId: string;
  /** Sent as `Authorization: Bearer <deviceId>.<credential>`; the server keeps only a hash. */
  credential: string;
  quarterId: string;
  quarterName: string;
  enrolledAt: number;
  /** The server answered 401 (revoked or unknown): ask to enrol again. Nothing else changes. */
  needsEnrolment: boolean;
}

/** Who is signed in on this device right now (one row, key 'session'); the outbox's author. */
export interface SessionRecord {
  key: 'session';
  userId: string;
  name: string;
  role: Role;
  signedInAt: number;
  /**
   * The screen is locked (inactivity, or "Sperren"): nothing personal is shown until this
   * person's PIN is typed again or someone else signs in (src/views/inactivity-lock.tsx). Kept
   * here, not in memory, so reloading the page does not open the lock. Not indexed.
   */
  locked?: boolean;
}

/**
 * A PIN check for signing in while offline (issue 7): PBKDF2-SHA-256 of the PIN the server
 * accepted at the person's last online sign-in on this device (src/sync/pin-verifier.ts).
 * Base64 salt and hash; never leaves the device.
 */
export interface PinVerifier {
  salt: string;
  iterations: number;
  hash: string;
}

/**
 * A person who signed in on this device (issue 7; key userId): the server's proof that they did
 * (`session`, sent in `X-Person-Sessions` with their changes and for their entries) and the PIN
 * verifier for offline sign-in. Signing out keeps it, so their unsent changes still go out.
 * `session` and `verifier` become null when the server no longer accepts the session (revoked,
 * person disabled) or the device (401, a new enrolment); the row stays for the name, so the
 * "Übertragung" screen can say whose entries wait for a new sign-in.
 */
export interface PersonRecord {
  userId: string;
  name: string;
  role: Role;
  /** `<sessionId>.<secret>`, secret; null: this person must sign in online again. */
  session: string | null;
  /** null: no offline sign-in (never stored, no WebCrypto, wiped, or too many wrong PINs). */
  verifier: PinVerifier | null;
  /** Wrong PINs offline since the last successful sign-in; at 5 the verifier is deleted. */
  offlineFailures: number;
  signedInAt: number;
  /**
   * Signed out of this device (issue 11): no longer in its view, so their delivered data is
   * gone from it. The row (token, verifier, name) stays only while changes of theirs wait in
   * the outbox or a refusal of theirs is unread (src/db/leave-device.ts). Not indexed, so no
   * schema version: a missing flag reads as signed in.
   */
  signedOut?: boolean;
  /**
   * Erased by staff (issue 11, src/db/erased-people.ts): no name, nothing to sign in with; the
   * row stays only while their emptied changes wait to go out. Not indexed either.
   */
  erased?: boolean;
}

/** Autosaved form input; never synced, never in the outbox (issue 3, item 2). */
export interface Draft {
  formId: string;
  data: unknown;
  updatedAt: number;
}

/** Who runs sync right now, for browsers without Web Locks (src/sync/sync-lock.ts). */
export interface Lease {
  name: string;
  owner: string;
  /** Epoch ms; a tab that died holds the lease at most until then. */
  expiresAt: number;
}

export class QuartiersbuchDb extends Dexie {
  themes!: EntityTable<Theme, 'id'>;
  institutions!: EntityTable<Institution, 'id'>;
  activities!: EntityTable<Activity, 'id'>;
  storefronts!: EntityTable<Storefront, 'id'>;
  openingExceptions!: EntityTable<OpeningException, 'id'>;
  topics!: EntityTable<Topic, 'id'>;
  syncState!: EntityTable<PullState, 'key'>;
  clientState!: EntityTable<ClientState, 'key'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  entries!: EntityTable<Entry, 'id'>;
  rejectedChanges!: EntityTable<RejectedChange, 'seq'>;
  drafts!: EntityTable<Draft, 'formId'>;
  leases!: EntityTable<Lease, 'name'>;
  device!: EntityTable<DeviceRecord, 'key'>;
  session!: EntityTable<SessionRecord, 'key'>;
  people!: EntityTable<PersonRecord, 'userId'>;
  walkPoints!: Table<WalkPoint, [string, number]>;
  recordings!: EntityTable<Recording, 'walkId'>;

  constructor(name = 'quartiersbuch') {
    // Strict durability where the browser offers it (Chrome): "Auf diesem Gerät gespeichert"
    // is only shown once the write is on disk (G1). Other browsers ignore the option.
    // Query cache off: "Speichern" writes in plain IndexedDB and then tells the live queries
    // (src/db/direct-write.ts); Dexie's cache would answer them with what it held before.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' });
    this.version(1).stores({
      themes: 'id, number',
      institutions: 'id',
      activities: 'id, themeId',
      storefronts: 'id',
      openingExceptions: 'id, storefrontId, date',
      syncState: 'key',
    });
    // Version 2 (issue 3): the outbox and the first entry type. New tables only.
    this.version(2).stores({
      clientState: 'key',
      outbox: 'seq, author',
      calls: 'id, state, author, occurredAt',
      drafts: 'formId',
    });
    // Version 3: a lease so only one tab syncs at a time where Web Locks are missing.
    this.version(3).stores({ leases: 'name' });
    // Version 4: enrolment and sign-in; calls learn `reached`, their server version and the
    // conflict flag (old rows: reached, never seen back from the server, no conflict). Outbox
    // rows keep their mutation version: the server upcasts call.create v1 (G10).
    this.version(4)
      .stores({ device: 'key', session: 'key' })
      .upgrade(async (tx) => {
        await tx
          .table('calls')
          .toCollection()
          .modify((call: LegacyCallRow) => {
            call.reached ??= true;
            call.version ??= null;
            call.conflict ??= false;
          });
      });
    // Version 5 (issue 7): person sessions and offline PIN verifiers, one row per person. The
    // person signed in before the update is kept by name but has no session yet: their changes
    // wait until they sign in again online (the server accepts a change only under a session).
    this.version(5)
      .stores({ people: 'userId' })
      .upgrade(async (tx) => {
        const current = (await tx.table('session').get('session')) as SessionRecord | undefined;
        if (!current) return;
        const person: PersonRecord = {
          userId: current.userId,
          name: current.name,
          role: current.role,
          session: null,
          verifier: null,
          offlineFailures: 0,
          signedInAt: current.signedInAt,
        };
        await tx.table('people').put(person);
      });
    // Version 6 (issue 8): one store for entries of every kind (`kind` says which), refused
    // changes whose entry the device does not hold, and the topics of advice sessions. Every
    // call becomes an entry of kind 'call' with all it had (state, seq, version, rejection);
    // the outbox stays as it is (its rows name `call.*` mutations, which the server still
    // takes, G10). The cookie is emptied so the first pull after the update is a full one: it
    // brings reference rows this app did not know before (topics), while `epoch` and `head`
    // stay, so an older response is still refused (G4).
    this.version(6)
      .stores({
        entries: 'id, kind, state, author, occurredAt',
        rejectedChanges: 'seq, author',
        topics: 'id, number',
      })
      .upgrade(async (tx) => {
        const calls = (await tx.table('calls').toArray()) as LegacyCallRow[];
        await tx.table('entries').bulkPut(calls.map((call) => ({ ...call, kind: 'call' })));
        await tx.table('syncState').update('pull', { cookie: '' });
      });
    // Version 7: the calls' old table goes. In its own version, because Dexie documents reading
    // a table in an upgrade and deleting it in a LATER version (Dexie 3.0 upgrade notes, issue
    // #713); both versions run in the same upgrade transaction, so no tablet sees one alone.
    this.version(7).stores({ calls: null });
    // Version 8 (issue 9): walks and call partners. Their entries (and observations') live in
    // `entries` like every kind; new are the kept route points of walks (`walkPoints`, kept
    // for recorded and pulled walks alike, so the walk screen draws the route offline) and the
    // walks being recorded on this device (`recordings`). Calls kept so far name no partner
    // (`partnerId: null`, as the server upcasts their creates, G10). The cookie is emptied so
    // the first pull after the update is a full one: an older app ignored the lists of
    // partners, walks and routes, so partners assigned before the update would never come in
    // an incremental pull; `epoch` and `head` stay, so an older response is still refused (G4).
    this.version(8)
      .stores({
        walkPoints: '[walkId+n], walkId',
        recordings: 'walkId, author',
      })
      .upgrade(async (tx) => {
        await tx
          .table('entries')
          .where('kind')
          .equals('call')
          .modify((call: { partnerId?: string | null }) => {
            call.partnerId ??= null;
          });
        await tx.table('syncState').update('pull', { cookie: '' });
      });
  }
}
