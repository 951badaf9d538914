// The mutations of an entry kind, derived from its declaration (src/shared/entry-kind.ts), the
// same for every kind: `<kind>.create` (every version; older ones upcast, G10), `<kind>.update`
// and `<kind>.delete`. Each handler parses its args and writes through repos/entry*.ts inside
// the push transaction, so its effect commits with its mutation_log row (G2); a rejection
// leaves nothing written (G7). A new kind needs no change here: what differs between kinds
// (`links`, `access`) is read from the declaration.
// Offline/conflict rules (docs/sync-protocol.md):
// - create is idempotent by id: an id that exists, live or deleted, is left as it is; an id of
//   an entry of another kind is rejected (`id_in_use`) and that entry stays untouched;
// - update and delete need an entry of the quarter with the id AND the mutation's kind
//   (`unknown_entry` otherwise); volunteers may change only their own entries, staff and admins
//   any of their quarter (`forbidden` otherwise); nothing is written on a rejection;
// - `access` in the declaration: `create: 'staff'` refuses volunteers' creates; with a
//   `membersField` a volunteer listed there may update the entry instead of its author, and
//   never delete it; a volunteer's update that touches a `staffFields` field is refused whole;
// - `links` in the declaration: a create or update that sets a linked field (not to null) needs
//   the named entry in the quarter, of the named kind (`unknown_entry`), that the writer may
//   change (`forbidden`); a linked entry that was deleted makes the create or update accepted
//   without effect (delete wins: an observation of a deleted walk is not stored — its id is
//   kept as a tombstone without content, so the author's devices drop it on their next pull);
// - update: per-field last writer wins in server order; a field another client changed after
//   the update's baseVersion is a conflict: this update wins, the lost value stays in the
//   entry's history flagged, and the entry is flagged for review (G6, entry-merge.ts);
// - delete wins: an update of a deleted entry is accepted without effect, nothing comes back.
import {
  changedColumns,
  NO_FIGURES,
  kindOfRow,
  readValues,
  valueColumns,
  type AnyEntryKind,
  type EntryRow,
  type EntryValues,
} from '../db/entry-row';
import { fieldsChangedByOthers, recordEntryChanges } from '../repos/entry-history.repo';
import {
  findEntry,
  insertEntry,
  tombstoneEntry,
  writeEntryFields,
  type NewEntry,
} from '../repos/entry.repo';
import type { WriteContext } from '../repos/quarter-version.repo';
import { planEntryUpdate } from './entry-merge';
import { defineMutation, type MutationHandler, type MutationOrigin } from './mutation-handler';
import { MutationRejection } from './mutation-rejection';

/** name → version → handler, for the push's registry. */
export type HandlerTable = Record<string, Record<number, MutationHandler>>;

/** Every mutation of `kind` with every version the server accepts. */
export function entryHandlers(kind: AnyEntryKind): HandlerTable {
  const names = kind.mutationNames;
  return {
    [names.create]: createHandlers(kind),
    [names.update]: { 1: updateHandler(kind) },
    [names.delete]: { 1: deleteHandler(kind) },
  };
}

/** German names for messages: the args' own, then the kind's fields (`fields.<name>` nested). */
function labelsOf(kind: AnyEntryKind) {
  const fields = kind.allLabels;
  return {
    create: { id: 'Kennung', ...fields },
    update: {
      id: 'Kennung',
      baseVersion: 'Stand',
      fields: 'Änderungen',
      ...Object.fromEntries(Object.entries(fields).map(([key, label]) => [`fields.${key}`, label])),
    },
    delete: { id: 'Kennung' },
  };
}

type CreateArgs = { id: string } & EntryValues;

function createHandlers(kind: AnyEntryKind): Record<number, MutationHandler> {
  const labels = labelsOf(kind).create;
  const what = kind.words.subject;
  const handlers: Record<number, MutationHandler> = {
    [kind.createVersion]: defineMutation({
      schema: kind.schemas.create,
      what,
      labels,
      apply: (w, args, origin) => createEntry(kind, w, args as CreateArgs, origin),
      newEntry: (args, origin) => plainNewEntry(kind, args as CreateArgs, origin),
    }),
  };
  // An older create is upcast to the current version and written by the same code (G10).
  for (const [version, older] of Object.entries(kind.olderCreates ?? {})) {
    handlers[Number(version)] = defineMutation({
      schema: older.schema,
      what,
      labels,
      apply: (w, args, origin) =>
        createEntry(kind, w, older.upcast(args as never) as CreateArgs, origin),
      newEntry: (args, origin) =>
        plainNewEntry(kind, older.upcast(args as never) as CreateArgs, origin),
    });
  }
  return handlers;
}

/**
 * The entry a create makes when it needs nothing read first: its author may create this kind,
 * and it links to no other entry. Undefined otherwise (`createEntry` then does it all).
 */
function plainNewEntry(
  kind: AnyEntryKind,
  args: CreateArgs,
  origin: MutationOrigin,
): NewEntry | undefined {
  if (!mayCreate(kind, origin) || setsLink(kind, args)) return undefined;
  return newEntryOf(kind, args, origin);
}

function mayCreate(kind: AnyEntryKind, origin: MutationOrigin): boolean {
  return kind.access?.create !== 'staff' || isStaff(origin);
}

function newEntryOf(kind: AnyEntryKind, args: CreateArgs, origin: MutationOrigin): NewEntry {
  const { id, ...values } = args;
  return {
    id,
    kind: kind.kind,
    authorId: origin.authorId,
    deviceId: origin.deviceId,
    columns: valueColumns(kind, values as EntryValues),
  };
}

/** A new entry; sending it again (any seq) has no second effect. */
async function createEntry(
  kind: AnyEntryKind,
  w: WriteContext,
  args: CreateArgs,
  origin: MutationOrigin,
): Promise<void> {
  if (!mayCreate(kind, origin)) {
    throw new MutationRejection(
      'forbidden',
      `${kind.words.subject} wurde nicht gespeichert: Neu anlegen darf das nur das Team im Laden.`,
    );
  }
  const { id, ...values } = args;
  if (setsLink(kind, values)) {
    // A create sent again must stay without effect even when its link has changed since (the
    // walk was deleted, the partner assigned to someone else): look for the id first.
    const existing = await findEntry(w, id);
    if (existing) return refuseOtherKind(kind, existing);
    const what = `${kind.words.subject} wurde nicht gespeichert`;
    if ((await checkLinks(kind, w, values, origin, what)) === 'linked-deleted') {
      // Delete wins, and the device must learn it: the id is kept as a tombstone without any
      // content (not even the link), so the next pull lists it as deleted and the device drops
      // its copy instead of showing it as delivered for ever.
      await insertEntry(w, {
        id,
        kind: kind.kind,
        authorId: origin.authorId,
        deviceId: origin.deviceId,
        columns: { occurred_at: values.occurredAt, concern: 0, fields: '{}', ...NO_FIGURES },
      });
      await tombstoneEntry(w, id);
      return;
    }
  }
  const inserted = await insertEntry(w, newEntryOf(kind, args, origin));
  if (inserted) return;
  // Only when the id exists (rare: a create sent again): it must be of this kind.
  const existing = await findEntry(w, id);
  if (existing) refuseOtherKind(kind, existing);
}

/** An existing id is fine for a create sent again, unless it is an entry of another kind. */
function refuseOtherKind(kind: AnyEntryKind, existing: EntryRow): void {
  if (existing.kind === kind.kind) return;
  throw new MutationRejection(
    'id_in_use',
    `${kind.words.subject} konnte nicht gespeichert werden: Die Kennung gehört schon zu einem anderen Eintrag. Bitte im Laden melden.`,
  );
}

function updateHandler(kind: AnyEntryKind): MutationHandler {
  return defineMutation({
    schema: kind.schemas.update,
    what: `Die Änderung ${kind.words.genitive}`,
    labels: labelsOf(kind).update,
    apply: async (w, args, origin) => {
      const entry = await editableEntry(kind, w, args.id, origin, 'update');
      const changes = args.fields as Record<string, unknown>;
      const fields = Object.keys(changes).filter((field) => changes[field] !== undefined);
      checkStaffFields(kind, fields, origin);
      if (entry.deleted === 1) return; // delete wins: accepted, no effect, no resurrection
      const what = `Die Änderung ${kind.words.genitive} wurde nicht übernommen`;
      if ((await checkLinks(kind, w, changes, origin, what)) === 'linked-deleted') return;
      const since = args.baseVersion ?? 0;
      const others = await fieldsChangedByOthers(w, entry.id, fields, since, origin.clientId);
      const plan = planEntryUpdate(kind.fieldNames, readValues(entry), changes, others);
      if (plan.changes.length === 0) return;
      const changed = plan.changes.map((change) => change.field);
      await writeEntryFields(
        w,
        entry.id,
        changedColumns(kind, plan.values, changed),
        plan.conflict,
      );
      await recordEntryChanges(w, entry.id, plan.changes, origin);
    },
  });
}

function deleteHandler(kind: AnyEntryKind): MutationHandler {
  return defineMutation({
    schema: kind.schemas.delete,
    what: `Das Löschen ${kind.words.genitive}`,
    labels: labelsOf(kind).delete,
    apply: async (w, args, origin) => {
      const entry = await editableEntry(kind, w, args.id, origin, 'delete');
      if (entry.deleted === 0) await tombstoneEntry(w, entry.id);
    },
  });
}

/** Staff and admins may change every entry of their quarter. */
function isStaff(origin: MutationOrigin): boolean {
  return origin.authorRole !== 'volunteer';
}

/** The user ids listed in the kind's `membersField` of a stored entry; undefined without one. */
function membersOf(kind: AnyEntryKind, entry: EntryRow): string[] | undefined {
  const field = kind.access?.membersField;
  if (field === undefined) return undefined;
  const members = readValues(entry)[field];
  return Array.isArray(members) ? members.filter((id) => typeof id === 'string') : [];
}

/**
 * Whether the writer may change `entry`: staff and admins always; volunteers their own
 * entries, or — for a kind with a `membersField` — the entries that list them there.
 */
function mayChange(kind: AnyEntryKind, entry: EntryRow, origin: MutationOrigin): boolean {
  if (isStaff(origin)) return true;
  const members = membersOf(kind, entry);
  if (members !== undefined) return members.includes(origin.authorId);
  return entry.author_user_id === origin.authorId;
}

/**
 * The entry an update or delete is about, if it is of this kind and the writer may change it
 * (`mayChange`; a kind with members is deleted by staff only). The quarter is the writer's.
 */
async function editableEntry(
  kind: AnyEntryKind,
  w: WriteContext,
  id: string,
  origin: MutationOrigin,
  operation: 'update' | 'delete',
): Promise<EntryRow> {
  const entry = await findEntry(w, id);
  if (!entry || entry.kind !== kind.kind) {
    throw new MutationRejection(
      'unknown_entry',
      `${kind.words.accusative} gibt es auf dem Server nicht. Die Änderung wurde nicht übernommen.`,
    );
  }
  if (kind.access?.membersField !== undefined && !isStaff(origin)) {
    if (operation === 'delete') {
      throw new MutationRejection(
        'forbidden',
        `${kind.words.accusative} darf nur das Team im Laden löschen.`,
      );
    }
    if (!mayChange(kind, entry, origin)) {
      throw new MutationRejection(
        'forbidden',
        `${kind.words.accusative} hat das Team im Laden jemand anderem zugeordnet. Die Änderung wurde nicht übernommen.`,
      );
    }
  } else if (!mayChange(kind, entry, origin)) {
    throw new MutationRejection(
      'forbidden',
      `${kind.words.accusative} hat jemand anderes eingetragen. Ändern oder löschen dürfen das nur diese Person und das Team im Laden.`,
    );
  }
  return entry;
}

/** A volunteer's update that touches a field only staff may change is refused as a whole. */
function checkStaffFields(
  kind: AnyEntryKind,
  fields: readonly string[],
  origin: MutationOrigin,
): void {
  if (isStaff(origin)) return;
  const staffOnly: readonly string[] = kind.access?.staffFields ?? [];
  const touched = fields.filter((field) => staffOnly.includes(field));
  if (touched.length === 0) return;
  const names = touched.map((field) => `„${kind.allLabels[field] ?? field}“`).join(' und ');
  throw new MutationRejection(
    'forbidden',
    `Die Änderung ${kind.words.genitive} wurde nicht übernommen: ${names} ändert nur das Team im Laden.`,
  );
}

/** Whether `values` set a linked field to an id (a null link needs no check). */
function setsLink(kind: AnyEntryKind, values: Readonly<Record<string, unknown>>): boolean {
  return Object.keys(kind.links ?? {}).some((field) => typeof values[field] === 'string');
}

/**
 * Checks every linked field (`links` in the declaration) that `values` set to an id: the named
 * entry must exist in the quarter as the named kind (`unknown_entry`) and the writer must be
 * allowed to change it (`forbidden`). 'linked-deleted' when one of them was deleted: the caller
 * writes nothing and the mutation counts as applied (delete wins). `what` starts the message
 * ("Die Beobachtung wurde nicht gespeichert").
 */
async function checkLinks(
  kind: AnyEntryKind,
  w: WriteContext,
  values: Readonly<Record<string, unknown>>,
  origin: MutationOrigin,
  what: string,
): Promise<'ok' | 'linked-deleted'> {
  const links: Readonly<Record<string, string | undefined>> = kind.links ?? {};
  let result: 'ok' | 'linked-deleted' = 'ok';
  for (const [field, linkedKindName] of Object.entries(links)) {
    const target = values[field];
    if (typeof target !== 'string' || linkedKindName === undefined) continue; // null: no link
    const linked = await findEntry(w, target);
    const linkedKind = linked ? kindOfRow(linked) : undefined;
    const label = kind.allLabels[field] ?? field;
    if (!linked || !linkedKind || linkedKind.kind !== linkedKindName) {
      throw new MutationRejection(
        'unknown_entry',
        `${what}: „${label}“ gibt es auf dem Server nicht. Bitte im Laden melden.`,
      );
    }
    if (linked.deleted === 1) {
      result = 'linked-deleted';
      continue;
    }
    if (!mayChange(linkedKind, linked, origin)) {
      throw new MutationRejection(
        'forbidden',
        `${what}: „${label}“ gehört zu jemand anderem. Eintragen dürfen das nur diese Person und das Team im Laden.`,
      );
    }
  }
  return result;
}
