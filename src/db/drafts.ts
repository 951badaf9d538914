// Drafts: what a person has typed into a form but not saved yet, autosaved so a killed tab
// loses at most the last keystrokes (G1). They stay on this device and never sync.
// On a shared tablet a draft is one person's: a new entry's draft names its author in its id
// (the next person's form starts empty), an edit's names the entry, which is its author's.
// Signing out removes that person's drafts (src/db/leave-device.ts).
import type { QuartiersbuchDb } from './db';

/** The draft of a new entry of `kind` by `author` (`detail`: e.g. the call partner it starts from). */
export function newDraftId(kind: string, author: string, detail?: string): string {
  return `${kind}-new@${author}${detail === undefined ? '' : `:${detail}`}`;
}

/** The draft of an edit of entry `id` (of `kind`). */
export function editDraftId(kind: string, id: string): string {
  return `${kind}-edit:${id}`;
}

/** The entry whose edit draft `formId` is; undefined for any other draft. */
export function editedEntryOf(formId: string): string | undefined {
  return /^[a-z]+-edit:(.+)$/.exec(formId)?.[1];
}

/**
 * Whether draft `formId` is the person's: a new entry's of theirs, or an edit of an entry whose
 * author (`authorOf`) is them or that is gone. Drafts of forms older than these ids are no one's
 * for sure, so they count as everyone's.
 */
export function isDraftOf(
  formId: string,
  userId: string,
  authorOf: (entryId: string) => string | undefined,
): boolean {
  const fresh = /^[a-z]+-new@([^:]+)/.exec(formId);
  if (fresh) return fresh[1] === userId;
  const entryId = editedEntryOf(formId);
  if (entryId === undefined) return true;
  const author = authorOf(entryId);
  return author === undefined || author === userId;
}

export async function saveDraft(db: QuartiersbuchDb, formId: string, data: unknown, now: number) {
  await db.drafts.put({ formId, data, updatedAt: now });
}

export async function readDraft(db: QuartiersbuchDb, formId: string) {
  return db.drafts.get(formId);
}

export async function discardDraft(db: QuartiersbuchDb, formId: string) {
  await db.drafts.delete(formId);
}
