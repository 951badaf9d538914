// Pull (G4, G8): the changes a device is missing, read from ONE consistent snapshot, so the head
// it reports and the rows it lists belong together. On PostgreSQL that is a REPEATABLE READ,
// read-only transaction; SQLite in WAL mode gives every transaction a snapshot anyway (the
// isolation settings are ignored there).
import type { Kysely } from 'kysely';
import { PROTOCOL_VERSION, type PullResponse } from '../../src/shared/protocol';
import type { Database } from '../db/tables';
import { UnknownQuarterError } from '../errors';
import { getEpoch, rotateEpoch } from '../repos/meta.repo';
import { findFirstQuarter, findQuarter, type Quarter } from '../repos/quarter.repo';
import { readReferenceRows } from '../repos/reference-rows.repo';
import { encodeCookie, parseCookie, type PullCookie } from './pull-cookie';

export interface PullRequest {
  cookie?: string | undefined;
  /** Explicit quarter; wins over the cookie's (a device moved to another quarter resets). */
  quarter?: string | undefined;
}

export interface PullOptions {
  /** Served when neither the request nor the cookie names a quarter (config DEFAULT_QUARTER). */
  defaultQuarter?: string | undefined;
  now?: Date;
}

export async function pull(
  db: Kysely<Database>,
  request: PullRequest,
  options: PullOptions = {},
): Promise<PullResponse> {
  const parsed = parseCookie(request.cookie);
  const result = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const epoch = await getEpoch(tx);
      const cookie = parsed?.epoch === epoch ? parsed : null;
      const quarter = await resolveQuarter(tx, request.quarter, cookie, options.defaultQuarter);
      if (cookie && cookie.quarterId === quarter.id && cookie.version > quarter.version) {
        return { restoredFrom: epoch } as const;
      }
      const since = incrementalFrom(cookie, quarter);
      const { changes, deleted } = await readReferenceRows(tx, quarter.id, since);
      const response: PullResponse = {
        protocol: PROTOCOL_VERSION,
        cookie: encodeCookie({ epoch, quarterId: quarter.id, version: quarter.version }),
        epoch,
        head: quarter.version,
        reset: since === null,
        quarter: { id: quarter.id, name: quarter.name },
        changes,
        deleted,
        serverTime: (options.now ?? new Date()).toISOString(),
      };
      return response;
    });
  if (!('restoredFrom' in result)) return result;
  // A valid cookie from ahead of the head: this database was restored from a backup and has
  // forgotten versions that devices already hold. Reusing those numbers would mix two
  // histories, so the database takes a new epoch and every device starts over with a reset
  // (which the device accepts because the epoch changed; see src/domain/pull-decision.ts).
  await rotateEpoch(db, result.restoredFrom);
  return pull(db, request, options);
}

async function resolveQuarter(
  db: Kysely<Database>,
  requested: string | undefined,
  cookie: PullCookie | null,
  fallback: string | undefined,
): Promise<Quarter> {
  if (requested !== undefined) return orNotFound(await findQuarter(db, requested));
  // A cookie whose quarter has since disappeared is treated like no cookie.
  const fromCookie = cookie ? await findQuarter(db, cookie.quarterId) : undefined;
  if (fromCookie) return fromCookie;
  if (fallback !== undefined) return orNotFound(await findQuarter(db, fallback));
  return orNotFound(
    await findFirstQuarter(db),
    'Auf diesem Server ist noch kein Quartier angelegt.',
  );
}

function orNotFound(quarter: Quarter | undefined, message?: string): Quarter {
  if (!quarter) throw new UnknownQuarterError(message);
  return quarter;
}

/**
 * The version to send changes from, or null for a full reset: the cookie must be this epoch's
 * (checked by the caller), for this quarter, not ahead of the head (handled by `pull`: the
 * database was restored), and not older than the tombstone horizon (deletes it missed may be
 * purged).
 */
export function incrementalFrom(cookie: PullCookie | null, quarter: Quarter): number | null {
  if (!cookie || cookie.quarterId !== quarter.id) return null;
  if (cookie.version > quarter.version || cookie.version < quarter.tombstone_horizon) return null;
  return cookie.version;
}
