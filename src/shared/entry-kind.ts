// An entry kind as a declaration (docs/entry-kinds.md): its fields with their schemas, the
// versions of its create mutation with their upcasters, and the German words the server's
// messages use. Everything else follows from it, the same way for every kind:
// - the mutations `<kind>.create`, `<kind>.update` and `<kind>.delete` and their args schemas;
// - the record a pull brings back (the fields plus author, server version and conflict flag);
// - which fields a later change may set (all of them: per-field last writer wins, G6).
// Every kind has `occurredAt` and `concern`: the server keeps them in columns of its own
// (staff's week and follow-up read them); the kind's other fields travel and are stored as
// one JSON object. Pure: valibot only.
import * as v from 'valibot';
import type { EntryOperation } from './entry-key';
import { instant, int, plainId } from './text';

/** Fields every kind has; the server indexes them (quarter, kind, author, time, concern). */
export const COMMON_FIELDS = {
  /** Device time when it took place, UTC, 2000–2100: data, never used for ordering (G9). */
  occurredAt: instant,
  /** "Sorge / Hilfebedarf": staff follow up in the weekly review. */
  concern: v.boolean(),
};

/** Read back leniently: what the server stored must never make a device refuse every pull. */
export const storedText = (max: number) => v.pipe(v.string(), v.maxLength(max));

const COMMON_RECORD_FIELDS = {
  occurredAt: v.pipe(v.string(), v.maxLength(64), v.isoTimestamp()),
  concern: v.boolean(),
};

/** Names an entry has besides its fields; a kind may not use them for a field. */
export const ENTRY_META_KEYS = [
  'id',
  'kind',
  'author',
  'version',
  'conflict',
  'state',
  'seq',
  'rejection',
] as const;

const id = plainId(64);

type Fields = v.ObjectEntries;

/** An older create version: its args schema and how they become the current version's. */
export interface OlderCreate<Current> {
  schema: v.GenericSchema;
  upcast: (args: never) => Current;
}

export interface EntryKindSpec<
  K extends string,
  L extends string,
  F extends Fields,
  R extends Fields = F,
> {
  /** The kind's name in mutations (`call.create`) and on the device (`entry.kind`). */
  kind: K;
  /** Its list in a pull (`changes.calls`); plural, camelCase. */
  list: L;
  /** The kind's own fields (besides `occurredAt` and `concern`). */
  fields: F;
  /** How the fields are read back in a pull; default: `fields` (strict). */
  recordFields?: R;
  /** The version of `<kind>.create` this app writes; older ones are listed in `olderCreates`. */
  createVersion: number;
  olderCreates?: Readonly<
    Record<
      number,
      OlderCreate<
        v.InferOutput<v.ObjectSchema<F & typeof COMMON_FIELDS, undefined>> & { id: string }
      >
    >
  >;
  /** German, for the server's messages to the author ("braucht Aufmerksamkeit"). */
  words: {
    /** "Der Anruf" */
    subject: string;
    /** "des Anrufs" */
    genitive: string;
    /** "Diesen Anruf" */
    accusative: string;
  };
  /** German names of the kind's fields, for the author's message about bad input. */
  labels: { readonly [P in keyof F]: string };
  /**
   * Fields that name another entry (an observation's `walkId` → `walk`, a call's `partnerId` →
   * `partner`). The server accepts a create or update that sets such a field only when the
   * named entry exists in the quarter, is of that kind, is not deleted, and the writer may
   * change it (its author, an assigned member, or staff); otherwise nothing is written.
   */
  links?: { readonly [P in keyof F]?: string };
  /**
   * Who may do what, when it is not "the author and staff" (the default):
   * - `create: 'staff'`: only staff and admins create entries of this kind (call partners);
   * - `membersField`: a field listing user ids; those users (besides staff) may change the
   *   entry and receive it in their pulls, instead of its author;
   * - `staffFields`: fields only staff and admins may change (a partner's callers and status).
   */
  access?: {
    create?: 'staff';
    membersField?: keyof F & string;
    staffFields?: readonly (keyof F & string)[];
  };
}

/** A declared entry kind: the spec plus everything derived from it. */
export type EntryKind<
  K extends string = string,
  L extends string = string,
  F extends Fields = Fields,
  R extends Fields = F,
> = ReturnType<typeof deriveKind<K, L, F, R>>;

function deriveKind<K extends string, L extends string, F extends Fields, R extends Fields = F>(
  spec: EntryKindSpec<K, L, F, R>,
) {
  const all = { ...COMMON_FIELDS, ...spec.fields };
  /** Everything an entry of this kind says, without its id. */
  const values = v.object(all);
  const create = v.object({ id, ...all });
  const changeFields = v.partial(values);
  const update = v.object({
    id,
    /**
     * The server version the device had when the change was made (null: it never had the entry
     * back from the server). A field changed on the server after it is a concurrent edit (G6).
     */
    baseVersion: v.nullable(int(0)),
    fields: v.pipe(
      changeFields,
      v.check((fields) => Object.keys(fields).length > 0, 'Keine Änderung angegeben'),
    ),
  });
  const remove = v.object({ id });
  const record = v.object({
    id: storedText(64),
    /** The user who made the entry. */
    author: storedText(64),
    /** Server version of the last change (the `baseVersion` of a later update). */
    version: int(0),
    /** A concurrent edit lost a value here; staff review it (G6). */
    conflict: v.boolean(),
    ...COMMON_RECORD_FIELDS,
    ...((spec.recordFields ?? spec.fields) as R),
  });
  const mutationNames = {
    create: `${spec.kind}.create`,
    update: `${spec.kind}.update`,
    delete: `${spec.kind}.delete`,
  } as const;
  return {
    ...spec,
    /** Every field name, common ones first, in a fixed order (history rows follow it). */
    fieldNames: Object.keys(all) as (keyof typeof all & string)[],
    /** The kind's own fields: what the server stores as JSON. */
    ownFieldNames: Object.keys(spec.fields) as (keyof F & string)[],
    mutationNames,
    /** German names of every field, for messages. */
    allLabels: {
      occurredAt: 'Zeitpunkt',
      concern: 'Sorge / Hilfebedarf',
      ...spec.labels,
    } as Record<string, string>,
    schemas: { values, create, update, delete: remove, changeFields, record },
    /** Every version of each mutation: args schemas, for the push's table of mutations. */
    mutations: {
      [mutationNames.create]: {
        ...Object.fromEntries(
          Object.entries(spec.olderCreates ?? {}).map(([version, older]) => [
            Number(version),
            older.schema,
          ]),
        ),
        [spec.createVersion]: create,
      },
      [mutationNames.update]: { 1: update },
      [mutationNames.delete]: { 1: remove },
    } as Record<string, Record<number, v.GenericSchema>>,
    /** The versions this app writes. */
    currentVersions: { create: spec.createVersion, update: 1, delete: 1 } as Record<
      EntryOperation,
      number
    >,
  };
}

/**
 * Declares an entry kind. Throws at load when a field is named like an entry's own data
 * (`id`, `state`, …) or a common field, so a mistake shows in the first test run.
 */
export function defineEntryKind<
  const K extends string,
  const L extends string,
  F extends Fields,
  R extends Fields = F,
>(spec: EntryKindSpec<K, L, F, R>) {
  for (const name of Object.keys(spec.fields)) {
    if ((ENTRY_META_KEYS as readonly string[]).includes(name) || name in COMMON_FIELDS) {
      throw new Error(`Entry kind ${spec.kind}: the field name "${name}" is reserved`);
    }
  }
  return deriveKind(spec);
}

/** The values of an entry of kind D (no id), as a create carries them. */
export type EntryValues<D extends { schemas: { values: v.GenericSchema } }> = v.InferOutput<
  D['schemas']['values']
>;
/** Some fields of an entry of kind D, as an update carries them. */
export type EntryChanges<D extends { schemas: { changeFields: v.GenericSchema } }> = v.InferOutput<
  D['schemas']['changeFields']
>;
/** An entry of kind D as a pull brings it. */
export type EntryRecordOf<D extends { schemas: { record: v.GenericSchema } }> = v.InferOutput<
  D['schemas']['record']
>;
