// Drafts: what a person has typed into a form but not saved yet, autosaved so a killed tab
// loses at most the last keystrokes (G1). They stay on this device and never sync.
import type { QuartiersbuchDb } from './db';

export async function saveDraft(db: QuartiersbuchDb, formId: string, data: unknown, now: number) {
  await db.drafts.put({ formId, data, updatedAt: now });
}

export async function readDraft(db: QuartiersbuchDb, formId: string) {
  return db.drafts.get(formId);
}

export async function discardDraft(db: QuartiersbuchDb, formId: string) {
  await db.drafts.delete(formId);
}
