// The mutations of an entry kind, derived from its declaration (src/shared/entry-kind.ts), the
// same for every kind: `<kind>.create` (every version; older ones upcast, G10), `<kind>.update`
// and `<kind>.delete`. Each handler parses its args and writes through repos/entry*.ts inside
// the push transaction, so its effect commits with its mutation_log row (G2); a rejection
// leaves nothing written (G7). A new kind needs no change here.
// Offline/conflict rules (docs/sync-protocol.md):
// - create is idempotent by id: an id that exists, live or deleted, is left as it is; an id of
//   an entry of another kind is rejected (`id_in_use`) and that entry stays untouched;
// - update and delete need an entry of the quarter with the id AND the mutation's kind
//   (`unknown_entry` otherwise); volunteers may change only their own entries, staff and admins
//   any of their quarter (`forbidden` otherwise); nothing is written on a rejection;
// - update: per-field last writer wins in server order; a field another client changed after
//   the update's baseVersion is a conflict: this update wins, the lost value stays in the
//   entry's history flagged, and the entry is flagged for review (G6, entry-merge.ts);
// - delete wins: an update of a deleted entry is accepted without effect, nothing comes back.
import {
  changedColumns,
  readValues,
  valueColumns,
  type AnyEntryKind,
  type EntryRow,
  type EntryValues,
} from '../db/entry-row';
import { fieldsChangedByOthers, recordEntryChanges } from '../repos/entry-history.repo';
import { findEntry, insertEntry, tombstoneEntry, writeEntryFields } from '../repos/entry.repo';
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
    });
  }
  return handlers;
}

/** A new entry; sending it again (any seq) has no second effect. */
async function createEntry(
  kind: AnyEntryKind,
  w: WriteContext,
  args: CreateArgs,
  origin: MutationOrigin,
): Promise<void> {
  const { id, ...values } = args;
  const inserted = await insertEntry(w, {
    id,
    kind: kind.kind,
    authorId: origin.authorId,
    deviceId: origin.deviceId,
    columns: valueColumns(kind, values as EntryValues),
  });
  if (inserted) return;
  // Only when the id exists (rare: a create sent again): it must be of this kind.
  const existing = await findEntry(w, id);
  if (existing && existing.kind !== kind.kind) {
    throw new MutationRejection(
      'id_in_use',
      `${kind.words.subject} konnte nicht gespeichert werden: Die Kennung gehört schon zu einem anderen Eintrag. Bitte im Laden melden.`,
    );
  }
}

function updateHandler(kind: AnyEntryKind): MutationHandler {
  return defineMutation({
    schema: kind.schemas.update,
    what: `Die Änderung ${kind.words.genitive}`,
    labels: labelsOf(kind).update,
    apply: async (w, args, origin) => {
      const entry = await editableEntry(kind, w, args.id, origin);
      if (entry.deleted === 1) return; // delete wins: accepted, no effect, no resurrection
      const changes = args.fields as Record<string, unknown>;
      const fields = Object.keys(changes).filter((field) => changes[field] !== undefined);
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
      const entry = await editableEntry(kind, w, args.id, origin);
      if (entry.deleted === 0) await tombstoneEntry(w, entry.id);
    },
  });
}

/**
 * The entry an update or delete is about, if it is of this kind and the author may change it:
 * volunteers their own entries, staff and admins every entry of their quarter (the quarter is
 * the writer's).
 */
async function editableEntry(
  kind: AnyEntryKind,
  w: WriteContext,
  id: string,
  origin: MutationOrigin,
): Promise<EntryRow> {
  const entry = await findEntry(w, id);
  if (!entry || entry.kind !== kind.kind) {
    throw new MutationRejection(
      'unknown_entry',
      `${kind.words.accusative} gibt es auf dem Server nicht. Die Änderung wurde nicht übernommen.`,
    );
  }
  if (origin.authorRole === 'volunteer' && entry.author_user_id !== origin.authorId) {
    throw new MutationRejection(
      'forbidden',
      `${kind.words.accusative} hat jemand anderes eingetragen. Ändern oder löschen dürfen das nur diese Person und das Team im Laden.`,
    );
  }
  return entry;
}
