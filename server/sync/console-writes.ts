// Entry changes made on the server itself (`npm run admin`, the demo seed), applied by the same
// mutation handlers a device's push uses (mutation.registry.ts), inside a write transaction of
// the quarter (`writeInQuarter`), so versions, history, the access rules and pulls treat them
// exactly like a staff member's change from a device. The origin is the quarter's console
// identity (repos/console-identity.repo.ts) as an admin, or a person of the quarter the caller
// names (the demo's walk guide).
// Offline/conflict rules: a console change is one more writer in server order. Each run of the
// console is a client of its own (a random clientId, seq 1, 2, … per mutation), so a device's
// later update from an older base sees a console change as concurrent (G6) — as it is.
import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/shared/identity';
import { ensureConsoleIdentity } from '../repos/console-identity.repo';
import type { WriteContext } from '../repos/quarter-version.repo';
import type { MutationOrigin } from './mutation-handler';
import { MutationRejection } from './mutation-rejection';
import { handlerFor } from './mutation.registry';

/** A mutation as the console writes it: the same names, versions and args as a push. */
export interface ConsoleMutation {
  name: string;
  v: number;
  args: unknown;
}

export interface ConsoleWriter {
  /** The console person's id (the author of what the console creates as itself). */
  consoleUserId: string;
  /**
   * Applies one mutation as the console (an admin), or as `as` (a person of the quarter, with
   * their role). Throws the handler's MutationRejection when the mutation is refused; the
   * caller's transaction then rolls back, so nothing of the run is written.
   */
  apply(mutation: ConsoleMutation, as?: { userId: string; role: Role }): Promise<void>;
}

/** A writer for one run of the console, inside the write transaction `w`. */
export async function consoleWriter(w: WriteContext, now: Date): Promise<ConsoleWriter> {
  const identity = await ensureConsoleIdentity(w.tx, w.quarterId, now);
  const clientId = `console-${randomUUID()}`;
  let seq = 0;
  return {
    consoleUserId: identity.userId,
    async apply(mutation, as) {
      const handler = handlerFor(mutation.name, mutation.v);
      if (!handler) {
        throw new MutationRejection('unknown_mutation', `Unbekannte Änderung ${mutation.name}.`);
      }
      const write = handler.prepare(mutation.args);
      seq += 1;
      const origin: MutationOrigin = {
        authorId: as?.userId ?? identity.userId,
        authorRole: as?.role ?? 'admin',
        deviceId: identity.deviceId,
        clientId,
        seq,
      };
      await write(w, origin);
    },
  };
}
