// Which entry a mutation is about, without loading any schema: the start screen counts waiting
// entries with this, and it must stay small (docs/benchmarks.md, budgets). The kinds' schemas
// are in entry-kinds.ts, which checks that its list matches this one.

/** Every entry kind's name (src/shared/entry-kinds.ts declares each). */
export const ENTRY_KIND_NAMES = ['call', 'advice', 'walk', 'observation', 'partner'] as const;
export type EntryKindName = (typeof ENTRY_KIND_NAMES)[number];

export const ENTRY_OPERATIONS = ['create', 'update', 'delete'] as const;
export type EntryOperation = (typeof ENTRY_OPERATIONS)[number];

export function isEntryKind(name: string): name is EntryKindName {
  return (ENTRY_KIND_NAMES as readonly string[]).includes(name);
}

/** `call.update` → { kind: 'call', operation: 'update' }; undefined for any other name. */
export function entryMutation(
  name: string,
): { kind: EntryKindName; operation: EntryOperation } | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const kind = name.slice(0, dot);
  const operation = name.slice(dot + 1);
  if (!isEntryKind(kind)) return undefined;
  return operation === 'create' || operation === 'update' || operation === 'delete'
    ? { kind, operation }
    : undefined;
}

/**
 * The entry an outbox row or a pushed mutation is about: `args.id` for an entry mutation,
 * the walk's id for a route chunk (`walk.track`); undefined for anything else. The one outbox
 * key rule: everything that counts, settles or rebases entries goes through it.
 */
export function entryIdOf(mutation: { name: string; args: unknown }): string | undefined {
  const args = mutation.args as { id?: unknown; walkId?: unknown } | null;
  const id = entryMutation(mutation.name)
    ? args?.id
    : mutation.name === 'walk.track'
      ? args?.walkId
      : undefined;
  return typeof id === 'string' ? id : undefined;
}
