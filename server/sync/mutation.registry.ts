// Every mutation the server accepts, by name and version (G10): the mutations of every entry
// kind, derived from its declaration (src/shared/entry-kinds.ts, entry.mutations.ts), so a new
// kind needs no change here, plus `walk.track` (v1 and v2, walk.mutations.ts). When a mutation
// gets a new version, its old version's handler upcasts the old args to the new shape and
// applies those, for as long as old app versions are supported. tests/server/entry-rules.test.ts
// checks that this table and the shared MUTATIONS name the same mutations and versions.
import { ENTRY_KIND_NAMES, ENTRY_KINDS } from '../../src/shared/entry-kinds';
import type { Mutation } from '../../src/shared/push-protocol';
import type { EntryBatch } from '../repos/entry.repo';
import type { WriteContext } from '../repos/quarter-version.repo';
import type { ActiveUser } from '../repos/user.repo';
import { entryHandlers, type HandlerTable } from './entry.mutations';
import type { MutationHandler } from './mutation-handler';
import { MutationRejection, RedoOneByOne } from './mutation-rejection';
import { walkTrackHandlers } from './walk.mutations';

/** name → version → handler. */
export const HANDLERS: Readonly<HandlerTable> = Object.assign(
  {},
  ...ENTRY_KIND_NAMES.map((kind) => entryHandlers(ENTRY_KINDS[kind])),
  { 'walk.track': walkTrackHandlers },
) as HandlerTable;

/** Where a mutation comes from: the pushing device and the client (app installation). */
export interface MutationSource {
  deviceId: string;
  clientId: string;
}

/** The push's write context, with the author lookup it keeps for the request. */
export interface PushWriteContext extends WriteContext {
  /** The person `userId` if active in the quarter (`findActiveUser`, asked once per request). */
  activeUser(userId: string): Promise<ActiveUser | undefined>;
  /**
   * A push's first attempt (push.service.ts): creates that only add an entry go here, to be
   * written together. Any other mutation first writes what is collected, so that it finds those
   * entries as if each had been written in its turn.
   */
  newEntries?: EntryBatch;
}

/** Applies one mutation, or throws a MutationRejection. The push service's default. */
export type ApplyMutation = (
  w: PushWriteContext,
  mutation: Mutation,
  source: MutationSource,
) => Promise<void>;

export const applyMutation: ApplyMutation = async (w, mutation, source) => {
  const handler = handlerFor(mutation.name, mutation.v);
  if (!handler) {
    throw new MutationRejection(
      'unknown_mutation',
      'Diese Änderung kann der Server nicht verarbeiten. Bitte die App aktualisieren und im Laden melden.',
    );
  }
  const write = handler.prepare(mutation.args);
  // Each mutation's own author: a shared tablet sends entries of several people. That the
  // author's session came with the request is checked for the whole batch first (push.service).
  const author = await w.activeUser(mutation.author);
  if (!author) {
    throw new MutationRejection(
      'unknown_author',
      'Die Person, die diesen Eintrag gemacht hat, ist auf dem Server nicht (mehr) freigeschaltet. Bitte im Laden melden.',
    );
  }
  const origin = { authorId: author.id, authorRole: author.role, ...source, seq: mutation.seq };
  const plain = w.newEntries && write.newEntry?.(origin);
  if (plain) return w.newEntries?.add(plain);
  await writeCollectedEntries(w);
  await write(w, origin);
};

/** Writes the entries collected so far (`newEntries`); a taken id ends the attempt. */
export async function writeCollectedEntries(w: PushWriteContext): Promise<void> {
  if (w.newEntries && !(await w.newEntries.write())) throw new RedoOneByOne();
}

export function handlerFor(name: string, version: number): MutationHandler | undefined {
  // Own properties only: a name like "constructor" must not reach Object.prototype.
  if (!Object.hasOwn(HANDLERS, name)) return undefined;
  const versions = HANDLERS[name] ?? {};
  return Object.hasOwn(versions, version) ? versions[version] : undefined;
}
