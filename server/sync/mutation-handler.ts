// What the server does with one kind of mutation (name + version): parse its args against the
// shared schema, then write. Handlers are listed in mutation.registry.ts.
import * as v from 'valibot';
import type { Role } from '../../src/shared/identity';
import type { NewEntry } from '../repos/entry.repo';
import type { WriteContext } from '../repos/quarter-version.repo';
import { invalidArgsMessage, MutationRejection } from './mutation-rejection';

/** Who made the mutation: the signed-in person, on the pushing device, as which (clientId, seq). */
export interface MutationOrigin {
  authorId: string;
  /** The author's role now (checked active in the quarter before the write). */
  authorRole: Role;
  deviceId: string;
  clientId: string;
  seq: number;
}

export interface MutationWrite {
  (w: WriteContext, origin: MutationOrigin): Promise<void>;
  /**
   * The entry this mutation creates when that is all it does and it needs nothing read first,
   * so that it can be written together with its neighbours (`EntryBatch`); undefined when it
   * must run as a write of its own. Only creates have it.
   */
  newEntry?: (origin: MutationOrigin) => NewEntry | undefined;
}

export interface MutationHandler {
  /** The write for these args; throws a MutationRejection ('invalid_args') when they are bad. */
  prepare(args: unknown): MutationWrite;
}

export interface MutationSpec<S extends v.GenericSchema> {
  schema: S;
  /** German subject for messages, e.g. "Der Anruf". */
  what: string;
  /** German names of the args' fields (dotted paths for nested ones), for the author's message. */
  labels: Readonly<Record<string, string>>;
  apply: (w: WriteContext, args: v.InferOutput<S>, origin: MutationOrigin) => Promise<void>;
  /** See `MutationWrite.newEntry`; `apply` must write the same entry when this gives one. */
  newEntry?: (args: v.InferOutput<S>, origin: MutationOrigin) => NewEntry | undefined;
}

export function defineMutation<S extends v.GenericSchema>(spec: MutationSpec<S>): MutationHandler {
  return {
    prepare(args) {
      const parsed = v.safeParse(spec.schema, args);
      if (!parsed.success) {
        const message = invalidArgsMessage(spec.what, spec.labels, parsed.issues);
        throw new MutationRejection('invalid_args', message);
      }
      const write: MutationWrite = (w, origin) => spec.apply(w, parsed.output, origin);
      const { newEntry } = spec;
      if (newEntry) write.newEntry = (origin) => newEntry(parsed.output, origin);
      return write;
    },
  };
}
