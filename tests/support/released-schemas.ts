// The device database as released versions of the app left it, for upgrade tests: a Dexie at
// schema version 1, 3, 4, 5 or 7 with exactly the stores that version had (src/db/db.ts keeps
// each `this.version(n)` block). Tests fill it with old rows, close it, and open the current
// QuartiersbuchDb on the same name.
import Dexie from 'dexie';

const V1 = {
  themes: 'id, number',
  institutions: 'id',
  activities: 'id, themeId',
  storefronts: 'id',
  openingExceptions: 'id, storefrontId, date',
  syncState: 'key',
};
const V3 = {
  ...V1,
  clientState: 'key',
  outbox: 'seq, author',
  calls: 'id, state, author, occurredAt',
  drafts: 'formId',
  leases: 'name',
};
const V4 = { ...V3, device: 'key', session: 'key' };
const V5 = { ...V4, people: 'userId' };
/** Version 7: calls moved into `entries` (version 6) and their old table gone. */
const V7 = {
  ...V1,
  clientState: 'key',
  outbox: 'seq, author',
  drafts: 'formId',
  leases: 'name',
  device: 'key',
  session: 'key',
  people: 'userId',
  entries: 'id, kind, state, author, occurredAt',
  rejectedChanges: 'seq, author',
  topics: 'id, number',
};

const RELEASED = { 1: V1, 3: V3, 4: V4, 5: V5, 7: V7 } as const;

/** A database `name` at released schema `version`, opened with that version's stores. */
export function openReleasedSchema(name: string, version: keyof typeof RELEASED): Dexie {
  const old = new Dexie(name);
  old.version(version).stores(RELEASED[version]);
  return old;
}
