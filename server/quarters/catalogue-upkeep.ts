// Staff keep the quarter's catalogue and opening hours up (issue 10): themes, institutions,
// activities with their Ampel, the storefront's weekly hours and its dated exceptions. Each save
// is one write transaction of the quarter (`writeInQuarter`, the same writers as the demo seed
// and the CLI), with its audit line in it, so a change and its line are stored together or not
// at all; devices get the change with their next pull.
// Conflicts: every edit names the version the editor saw. The row is read after the quarter's
// version bump, which serialises writers of the quarter, so "compare, then write" cannot race;
// a mismatch changes nothing and answers 409 with the row as it is now (VersionConflictError
// with `current`). An edit that changes no field writes nothing, not even a new version.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../src/shared/identity';
import type { OpeningException } from '../../src/shared/catalogue';
import type { Database, SyncedTableName } from '../db/tables';
import { InvalidInputError, NotFoundError, VersionConflictError } from '../errors';
import { recordAudit } from '../repos/audit.repo';
import { putActivity, putInstitution, putTheme } from '../repos/catalogue.repo';
import { putOpeningException, putStorefront } from '../repos/opening-hours.repo';
import { writeInQuarter, type WriteContext } from '../repos/quarter-version.repo';
import { tombstoneRow } from '../repos/tombstone.repo';
import {
  findLiveRow,
  findStorefront,
  rowEverExisted,
  type UpkeepRows,
} from '../repos/upkeep-rows.repo';
import type { PutOptions } from '../repos/synced-row.repo';

/** The staff member making the change (http/staff-auth.ts `StaffActor` fits). */
export interface UpkeepActor {
  userId: string;
  name: string;
  role: Role;
  quarterId: string;
}

export const CONFLICT_MESSAGE =
  'Jemand anderes hat das inzwischen geändert. Ihre Änderung ist noch nicht gespeichert: ' +
  'bitte vergleichen und dann erneut speichern.';

/** How one kind of row is saved, and what of it the audit line may show. */
export interface Target<T extends SyncedTableName> {
  table: T;
  /** `subject_type` of the audit line and the first half of its action. */
  subject: string;
  /** "Dieses Angebot gibt es nicht (mehr)." */
  notFound: string;
  put: (w: WriteContext, row: Omit<UpkeepRows[T], 'version'>, options: PutOptions) => Promise<void>;
  /** Fields an edit can change (compared to find what changed). */
  fields: readonly (keyof UpkeepRows[T] & string)[];
  /** Fields whose new value the audit line shows: short, public, never about a person. */
  shown: readonly (keyof UpkeepRows[T] & string)[];
}

export const THEMES: Target<'themes'> = {
  table: 'themes',
  subject: 'theme',
  notFound: 'Dieses Themenfeld gibt es nicht (mehr).',
  put: putTheme,
  fields: ['number', 'name'],
  shown: ['number', 'name'],
};

export const INSTITUTIONS: Target<'institutions'> = {
  table: 'institutions',
  subject: 'institution',
  notFound: 'Diese Einrichtung gibt es nicht (mehr).',
  put: putInstitution,
  fields: ['name'],
  shown: ['name'],
};

export const ACTIVITIES: Target<'activities'> = {
  table: 'activities',
  subject: 'activity',
  notFound: 'Dieses Angebot gibt es nicht (mehr).',
  put: (w, row, options) => putActivity(w, row, options),
  fields: [
    'themeId',
    'name',
    'description',
    'actorIds',
    'schedule',
    'place',
    'contact',
    'ampel',
    'ampelCondition',
    'ampelAsOf',
  ],
  // Description, contact and condition are free text (a contact can name a person): names only.
  shown: ['themeId', 'name', 'actorIds', 'schedule', 'place', 'ampel', 'ampelAsOf'],
};

export const STOREFRONTS: Target<'storefronts'> = {
  table: 'storefronts',
  subject: 'storefront',
  notFound: 'Die Anlaufstelle gibt es nicht (mehr).',
  put: (w, row, options) => putStorefront(w, row, options),
  fields: ['name', 'address', 'weekly', 'holidaysClosed'],
  shown: ['name', 'address', 'weekly', 'holidaysClosed'],
};

export const OPENING_EXCEPTIONS: Target<'opening_exceptions'> = {
  table: 'opening_exceptions',
  subject: 'opening_exception',
  notFound: 'Diesen besonderen Tag gibt es nicht (mehr).',
  put: (w, row, options) => putOpeningException(w, row, options),
  fields: ['date', 'closed', 'intervals', 'note'],
  shown: ['date', 'closed', 'intervals'],
};

/**
 * 'create': a new row (POST; an id in use is a conflict). 'update': an existing row (PUT; an
 * unknown id is 404). 'upsert': a new row when the editor saw none (version 0), else 'update'.
 */
export type SaveMode = 'create' | 'update' | 'upsert';

export interface SaveRequest<T extends SyncedTableName> {
  target: Target<T>;
  mode: SaveMode;
  /** The row's id, or how to find it inside the transaction (the quarter's storefront). */
  id: string | ((w: WriteContext) => Promise<string>);
  expectedVersion: number;
  /** The row to store (without its id), given the stored one (undefined for a new row). */
  build: (
    before: UpkeepRows[T] | undefined,
    w: WriteContext,
  ) => Promise<Omit<UpkeepRows[T], 'id' | 'version' | 'updatedAt'>>;
}

export interface Saved<T extends SyncedTableName> {
  row: UpkeepRows[T];
  created: boolean;
}

/** Thrown to roll back a save that changes nothing, carrying the stored row out. */
class Unchanged<R> extends Error {
  constructor(readonly row: R) {
    super('unchanged');
  }
}

/** Saves one row as `actor` with its audit line (see the top of this file). */
export async function saveRow<T extends SyncedTableName>(
  db: Kysely<Database>,
  actor: UpkeepActor,
  request: SaveRequest<T>,
  now: Date = new Date(),
): Promise<Saved<T>> {
  const { target, expectedVersion } = request;
  try {
    return await writeInQuarter(
      db,
      actor.quarterId,
      async (w) => {
        const id = typeof request.id === 'string' ? request.id : await request.id(w);
        const before = await findLiveRow(w.tx, w.quarterId, target.table, id);
        const isNew =
          before === undefined && !(await rowEverExisted(w.tx, w.quarterId, target.table, id));
        const creating =
          request.mode === 'create' || (request.mode === 'upsert' && expectedVersion === 0);
        if (creating && !isNew) conflict(before);
        if (!creating && before === undefined) throw new NotFoundError(target.notFound);
        if (before !== undefined && before.version !== expectedVersion) conflict(before);
        const row = { ...(await request.build(before, w)), id };
        const changed = target.fields.filter(
          (field) => before === undefined || differs(before[field], row[field as keyof typeof row]),
        );
        if (before !== undefined && changed.length === 0) throw new Unchanged(before);
        await target.put(w, row as Omit<UpkeepRows[T], 'version'>, {
          expectedVersion: before?.version ?? 0,
        });
        const after = await findLiveRow(w.tx, w.quarterId, target.table, id);
        if (after === undefined) throw new Error(`saved ${target.table} row ${id} not found`);
        await recordAudit(
          w.tx,
          {
            quarterId: w.quarterId,
            actor: { userId: actor.userId, name: actor.name },
            action: `${target.subject}.${before === undefined ? 'create' : 'update'}`,
            subjectType: target.subject,
            subjectId: id,
            detail: auditDetail(target, changed, after),
          },
          now,
        );
        return { row: after, created: before === undefined };
      },
      { now },
    );
  } catch (error) {
    if (error instanceof Unchanged) return { row: error.row as UpkeepRows[T], created: false };
    throw error;
  }
}

/** Deletes an opening exception as a tombstone (devices drop it on their next pull). */
export async function deleteOpeningException(
  db: Kysely<Database>,
  actor: UpkeepActor,
  id: string,
  expectedVersion: number,
  now: Date = new Date(),
): Promise<{ id: string; version: number }> {
  return writeInQuarter(
    db,
    actor.quarterId,
    async (w) => {
      const before = await findLiveRow(w.tx, w.quarterId, 'opening_exceptions', id);
      if (before === undefined) throw new NotFoundError(OPENING_EXCEPTIONS.notFound);
      if (before.version !== expectedVersion) conflict(before);
      await tombstoneRow(w, 'opening_exceptions', id, { expectedVersion });
      await recordAudit(
        w.tx,
        {
          quarterId: w.quarterId,
          actor: { userId: actor.userId, name: actor.name },
          action: 'opening_exception.delete',
          subjectType: 'opening_exception',
          subjectId: id,
          detail: { values: { date: before.date } },
        },
        now,
      );
      return { id, version: w.version };
    },
    { now },
  );
}

/** The storefront an exception belongs to: its own, or the quarter's for a new one. */
export async function exceptionStorefront(
  w: WriteContext,
  before: OpeningException | undefined,
): Promise<string> {
  if (before !== undefined) return before.storefrontId;
  const storefront = await findStorefront(w.tx, w.quarterId);
  if (!storefront) {
    throw new InvalidInputError(
      'Bitte zuerst die Anlaufstelle mit ihren Öffnungszeiten speichern.',
    );
  }
  return storefront.id;
}

/** The quarter's storefront id, or a new one when it has none yet. */
export async function storefrontId(w: WriteContext): Promise<string> {
  return (await findStorefront(w.tx, w.quarterId))?.id ?? randomUUID();
}

function conflict(current: UpkeepRows[SyncedTableName] | undefined): never {
  throw new VersionConflictError(current?.version ?? null, CONFLICT_MESSAGE, current ?? null);
}

/** Values compared as JSON; a missing Ampel date is the same as none. */
function differs(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
}

/** Which fields changed, and the new values of those the target may show. */
function auditDetail<T extends SyncedTableName>(
  target: Target<T>,
  changed: readonly string[],
  after: UpkeepRows[T],
): Record<string, unknown> {
  const shown = changed.filter((field) => (target.shown as readonly string[]).includes(field));
  const values = Object.fromEntries(
    shown.map((field) => [field, (after as Record<string, unknown>)[field] ?? null]),
  );
  return { fields: changed, values };
}
