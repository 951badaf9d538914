// Pull (G4, G8): what an enrolled device is missing — the reference data of its quarter, the
// entries of its view (one list per entry kind), the route chunks of its walks, and where the
// server stands with its outbox — read from ONE consistent snapshot, so the head it reports, the
// rows it lists and the client's last_seq belong together. On PostgreSQL that is a REPEATABLE
// READ, read-only transaction; SQLite in WAL mode gives every transaction a snapshot anyway (the
// isolation settings are ignored there).
// The device's view: entries of its quarter whose author's valid session on this device the
// request presents (issue 7: a device where nobody is signed in sees no personal data); call
// partners (kinds with a `membersField`) that list one of those people instead, and as deleted
// once they no longer do; the route chunks of those people's live walks. When the view changes,
// the cookie's view fingerprint no longer matches and the pull is a full reset. Without a
// device (a first visit, not yet enrolled) the pull is public: the reference data of the named
// or first quarter, no entries, no outbox position.
// Size: a pull is not paged. A reset carries every live entry and every route chunk of the
// view's walks at once (a two-hour walk at one point a second is about 7,200 points, roughly
// 0.6 MB of JSON); docs/sync-protocol.md notes the limit.
// Audit (issue 11): a pull that delivered personal rows leaves one line in the audit log, with
// counts only, written by one INSERT after the read-only snapshot (read-audit.ts).
import type { Kysely } from 'kysely';
import { PROTOCOL_VERSION, type PullResponseBody } from '../../src/shared/protocol';
import type { Database } from '../db/tables';
import { UnknownQuarterError } from '../errors';
import type { AuthenticatedDevice } from '../identity/authenticated-device';
import { readViewEntries } from '../repos/entry.repo';
import type { SignedInPerson } from '../repos/person-session.repo';
import { getEpoch, rotateEpoch } from '../repos/meta.repo';
import { rejectionsBetween } from '../repos/mutation-log.repo';
import { findFirstQuarter, findQuarter, type Quarter } from '../repos/quarter.repo';
import { readReferenceRows } from '../repos/reference-rows.repo';
import { findLastSeq } from '../repos/sync-client.repo';
import { readViewTracks } from '../repos/walk-track.repo';
import type { RetentionDays } from '../retention/retention-rules';
import { viewFingerprint } from './device-view';
import { encodeCookie, parseCookie, type PullCookie } from './pull-cookie';
import { auditPullRead } from './read-audit';

export interface PullRequest {
  cookie?: string | undefined;
  /** The device's clientId: its lastSeq and rejections are read in the same snapshot. */
  client?: string | undefined;
  /** The lowest seq still in the device's outbox; rejections from here on are listed. */
  from?: number | undefined;
  /** Public pull only: the quarter whose reference data to send (default: the first). */
  quarter?: string | undefined;
}

export interface PullOptions {
  now?: Date;
  /** The periods the server deletes by (issue 11), told to the device; omitted when not given. */
  retention?: RetentionDays;
}

export async function pull(
  db: Kysely<Database>,
  device: AuthenticatedDevice | null,
  request: PullRequest,
  options: PullOptions = {},
): Promise<PullResponseBody> {
  const response = await pullSnapshot(db, device, request, options);
  // Who read what (issue 11): a pull that delivered someone's entries, partners or routes
  // leaves one audit line, written before the answer leaves (read-audit.ts).
  if (device) {
    const people = viewUsersOf(device).map((user) => user.id);
    await auditPullRead(db, device, people, response, options.now ?? new Date());
  }
  return response;
}

/** The people whose data a device's pull brings: those signed in on it and still active. */
function viewUsersOf(device: AuthenticatedDevice | null): SignedInPerson[] {
  return device ? [...device.people.values()].filter((p) => p.active) : [];
}

async function pullSnapshot(
  db: Kysely<Database>,
  device: AuthenticatedDevice | null,
  request: PullRequest,
  options: PullOptions,
): Promise<PullResponseBody> {
  const parsed = parseCookie(request.cookie);
  const result = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const epoch = await getEpoch(tx);
      const cookie = parsed?.epoch === epoch ? parsed : null;
      const quarter = await quarterOf(tx, device, request);
      if (!quarter) throw new UnknownQuarterError();
      if (cookie && cookie.quarterId === quarter.id && cookie.version > quarter.version) {
        return { restoredFrom: epoch } as const;
      }
      const viewUsers = viewUsersOf(device);
      const view = viewFingerprint(viewUsers);
      const since = incrementalFrom(cookie, quarter, view);
      const reference = await readReferenceRows(tx, quarter.id, since);
      const people = viewUsers.map((user) => user.id);
      const entries = await readViewEntries(tx, quarter.id, people, since);
      const tracks = await readViewTracks(tx, quarter.id, people, since);
      const response: PullResponseBody = {
        protocol: PROTOCOL_VERSION,
        cookie: encodeCookie({ epoch, quarterId: quarter.id, version: quarter.version, view }),
        epoch,
        head: quarter.version,
        reset: since === null,
        quarter: { id: quarter.id, name: quarter.name },
        changes: { ...reference.changes, ...entries.changes, tracks },
        deleted: { ...reference.deleted, ...entries.deleted },
        client: device ? await clientPosition(tx, device, request) : null,
        serverTime: (options.now ?? new Date()).toISOString(),
        // Only when there are some: the device reads a missing list as empty.
        ...(device && device.invalidSessions.length > 0
          ? { invalidSessions: [...device.invalidSessions] }
          : {}),
        ...(device && device.erasedPeople.length > 0
          ? { erasedPeople: [...device.erasedPeople] }
          : {}),
        // The periods in force, so the device drops expired routes and names them (issue 11).
        ...(options.retention ? { retention: { ...options.retention } } : {}),
      };
      return response;
    });
  if (!('restoredFrom' in result)) return result;
  // A valid cookie from ahead of the head: this database was restored from a backup and has
  // forgotten versions that devices already hold. Reusing those numbers would mix two
  // histories, so the database takes a new epoch and every device starts over with a reset
  // (which the device accepts because the epoch changed; see src/domain/pull-decision.ts).
  await rotateEpoch(db, result.restoredFrom);
  return pullSnapshot(db, device, request, options);
}

/** The device's quarter; for a public pull the named one, or the server's first. */
function quarterOf(
  db: Kysely<Database>,
  device: AuthenticatedDevice | null,
  request: PullRequest,
): Promise<Quarter | undefined> {
  if (device) return findQuarter(db, device.quarterId);
  return request.quarter === undefined ? findFirstQuarter(db) : findQuarter(db, request.quarter);
}

/**
 * The version to send changes from, or null for a full reset: the cookie must be this epoch's
 * (checked by the caller), for this quarter and this view, not ahead of the head (handled by
 * `pull`: the database was restored), and not older than the tombstone horizon (deletes it
 * missed may be purged).
 */
export function incrementalFrom(
  cookie: PullCookie | null,
  quarter: Quarter,
  view: string,
): number | null {
  if (!cookie || cookie.quarterId !== quarter.id || cookie.view !== view) return null;
  if (cookie.version > quarter.version || cookie.version < quarter.tombstone_horizon) return null;
  return cookie.version;
}

/**
 * The named client's last_seq and its rejections from `from` on, if the client is this
 * device's; null otherwise. A client taken over from a revoked device is still the old
 * device's until the new one's first push moves it (push.service.ts claimClient).
 */
async function clientPosition(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  request: PullRequest,
): Promise<PullResponseBody['client']> {
  if (request.client === undefined) return null;
  const lastSeq = await findLastSeq(db, request.client, device.id);
  if (lastSeq === undefined) return null;
  const rejected = await rejectionsBetween(db, request.client, request.from ?? 1, lastSeq);
  return { lastSeq, rejected };
}
