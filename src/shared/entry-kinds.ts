// Every entry kind there is (docs/entry-kinds.md says how to add one). The push's table of
// mutations, the pull's lists, the device's entries store and the server's entries table all
// follow from this list.
import type * as v from 'valibot';
import type { EntryKindName } from './entry-key';
import { ADVICE } from './kinds/advice-kind';
import { CALL } from './kinds/call-kind';
import { OBSERVATION } from './kinds/observation-kind';
import { PARTNER } from './kinds/partner-kind';
import { WALK } from './kinds/walk-kind';

export {
  ENTRY_KIND_NAMES,
  entryIdOf,
  entryMutation,
  isEntryKind,
  type EntryKindName,
  type EntryOperation,
} from './entry-key';

/** Keyed by the names of entry-key.ts: a kind missing here or there does not compile. */
export const ENTRY_KINDS = {
  call: CALL,
  advice: ADVICE,
  walk: WALK,
  observation: OBSERVATION,
  partner: PARTNER,
} as const satisfies {
  [K in EntryKindName]: { kind: K };
};

/** Each kind's list name in a pull (`calls`, `advice`). */
export type EntryList = (typeof ENTRY_KINDS)[EntryKindName]['list'];
export const ENTRY_LISTS = (Object.keys(ENTRY_KINDS) as EntryKindName[]).map(
  (kind) => ENTRY_KINDS[kind].list,
) as EntryList[];

/** The values (no id) of an entry of kind K. */
export type ValuesOf<K extends EntryKindName> = v.InferOutput<
  (typeof ENTRY_KINDS)[K]['schemas']['values']
>;
/** Some fields of an entry of kind K, as an update carries them. */
export type ChangesOf<K extends EntryKindName> = v.InferOutput<
  (typeof ENTRY_KINDS)[K]['schemas']['changeFields']
>;
/** An entry of kind K as a pull brings it. */
export type RecordOf<K extends EntryKindName> = v.InferOutput<
  (typeof ENTRY_KINDS)[K]['schemas']['record']
>;
