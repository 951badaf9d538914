// Changes of call partners made on the server: by staff on the staff screens (as themselves)
// and by `npm run admin` (as the quarter's console identity). Both go through the push's own
// mutation handlers (`partner.create` / `partner.update`, console-writes.ts) in one write
// transaction, so a change gets a quarter version, a history row per field, and reaches the
// callers' devices with their next pull (an unassigned caller's device drops the partner).
// Offline/conflict: the server is one more writer in server order. `expectedVersion` makes a
// staff edit refuse when someone (a caller's device, another staff member) saved the partner
// since the editor loaded it (PartnerStaleError), instead of merging field by field as a push
// would. A run that changes nothing writes nothing, not even a new quarter version; a refused
// change (MutationRejection, or the errors below) rolls the whole run back.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ValuesOf } from '../../src/shared/entry-kinds';
import type { Role } from '../../src/shared/identity';
import { CONSENT_NOT_RECORDED, PARTNER } from '../../src/shared/kinds/partner-kind';
import { readValues } from '../db/entry-row';
import type { Database } from '../db/tables';
import { findEntry } from '../repos/entry.repo';
import { writeInQuarter, type WriteContext } from '../repos/quarter-version.repo';
import { listUsers } from '../repos/user.repo';
import { consoleWriter } from './console-writes';

/** What a partner says, without the entry fields that mean nothing for a partner. */
export type PartnerValues = Omit<ValuesOf<'partner'>, 'occurredAt' | 'concern'>;

/** The change to make of a stored partner; undefined: nothing to change. */
export type PartnerPlan = (partner: ValuesOf<'partner'>) => Partial<PartnerValues> | undefined;

export interface PartnerChange {
  /** The partner's name before the change (for the console's message). */
  name: string;
  /** The fields whose value changed. */
  fields: (keyof PartnerValues)[];
}

/** No live partner with this id in the quarter (another kind's entry is none either). */
export class PartnerNotFoundError extends Error {
  override name = 'PartnerNotFoundError';
}

/** Someone saved the partner since the editor loaded `expectedVersion`. */
export class PartnerStaleError extends Error {
  override name = 'PartnerStaleError';
  constructor(
    readonly id: string,
    readonly currentVersion: number,
  ) {
    super(`partner ${id} is at version ${currentVersion}`);
  }
}

/** A new partner's id is already an entry's (`isPartner`: that entry is a partner). */
export class PartnerIdTakenError extends Error {
  override name = 'PartnerIdTakenError';
  constructor(readonly isPartner: boolean) {
    super('id taken');
  }
}

/** A caller to add who is not an active person of the quarter; the message says so (German). */
export class CallerRefusedError extends Error {
  override name = 'CallerRefusedError';
}

export interface PartnerWrites {
  w: WriteContext;
  /** Registers a new partner under `id` (random UUID when omitted); returns the id. */
  create(values: PartnerValues, id?: string): Promise<string>;
  /**
   * Applies `plan` to the live partner `id` as a `partner.update` from its current version,
   * with only the fields whose value differs. Undefined when nothing differs.
   */
  change(
    id: string,
    plan: PartnerPlan,
    expectedVersion?: number,
  ): Promise<PartnerChange | undefined>;
}

export interface PartnerWriteOptions {
  now: Date;
  /** The person the change is made as (a staff member); default: the console identity. */
  as?: { userId: string; role: Role };
}

/** Thrown to roll back a run that wrote nothing, carrying its result out. */
class NothingWritten<T> extends Error {
  constructor(readonly result: T) {
    super('nothing written');
  }
}

/**
 * Runs `work` in one write transaction of the quarter. Whatever it does commits together (the
 * caller's audit line too, written through `writes.w`); if it wrote no partner, the transaction
 * rolls back, so no quarter version is used up.
 */
export async function writePartners<T>(
  db: Kysely<Database>,
  quarterId: string,
  options: PartnerWriteOptions,
  work: (writes: PartnerWrites) => Promise<T>,
): Promise<T> {
  try {
    return await writeInQuarter(
      db,
      quarterId,
      async (w) => {
        const writer = await consoleWriter(w, options.now);
        let wrote = false;
        const writes: PartnerWrites = {
          w,
          async create(values, id = randomUUID()) {
            const existing = await findEntry(w, id);
            if (existing) throw new PartnerIdTakenError(existing.kind === 'partner');
            await requireActiveCallers(w, values.callers, []);
            const args = { id, occurredAt: options.now.toISOString(), concern: false, ...values };
            await writer.apply(
              { name: 'partner.create', v: PARTNER.createVersion, args },
              options.as,
            );
            wrote = true;
            return id;
          },
          async change(id, plan, expectedVersion) {
            const entry = await findEntry(w, id);
            if (!entry || entry.kind !== 'partner' || entry.deleted === 1) {
              throw new PartnerNotFoundError(id);
            }
            if (expectedVersion !== undefined && entry.version !== expectedVersion) {
              throw new PartnerStaleError(id, entry.version);
            }
            // Stored before consent was recorded: compare with "not recorded", not undefined.
            const partner = {
              ...CONSENT_NOT_RECORDED,
              ...readValues(entry),
            } as ValuesOf<'partner'>;
            const next = plan(partner) ?? {};
            const fields = changedFields(partner, next);
            if (fields.length === 0) return undefined;
            const changes = Object.fromEntries(fields.map((field) => [field, next[field]]));
            if (fields.includes('callers')) {
              await requireActiveCallers(w, changes.callers as string[], partner.callers);
            }
            await writer.apply(
              {
                name: 'partner.update',
                v: 1,
                args: { id, baseVersion: entry.version, fields: changes },
              },
              options.as,
            );
            wrote = true;
            return { name: partner.name, fields };
          },
        };
        const result = await work(writes);
        if (!wrote) throw new NothingWritten(result);
        return result;
      },
      { now: options.now },
    );
  } catch (error) {
    if (error instanceof NothingWritten) return error.result as T;
    throw error;
  }
}

/** Fields of `next` whose value differs from the stored one (compared as JSON). */
function changedFields(
  stored: ValuesOf<'partner'>,
  next: Partial<PartnerValues>,
): (keyof PartnerValues)[] {
  return (Object.keys(next) as (keyof PartnerValues)[]).filter(
    (field) =>
      next[field] !== undefined && JSON.stringify(next[field]) !== JSON.stringify(stored[field]),
  );
}

/**
 * Callers newly listed (not in `before`) must be active people of the quarter: a locked or
 * disabled person could never log the calls, and an id of another quarter is nobody here.
 * Callers already listed may stay, so editing a partner of someone since locked still works.
 */
async function requireActiveCallers(
  w: WriteContext,
  callers: readonly string[] | undefined,
  before: readonly string[],
): Promise<void> {
  const added = (callers ?? []).filter((id) => !before.includes(id));
  if (added.length === 0) return;
  const people = await listUsers(w.tx, w.quarterId);
  for (const id of added) {
    const person = people.find((candidate) => candidate.id === id);
    if (!person) throw new CallerRefusedError('Diese Person gibt es in diesem Quartier nicht.');
    if (person.disabled_at !== null) {
      throw new CallerRefusedError(`„${person.name}“ ist deaktiviert und kann niemanden anrufen.`);
    }
  }
}
