// Every write a view may make, bound to the app's database: views never hold the Dexie
// instance (eslint enforces it), they call these. Each is one of the transactional functions
// in this folder, so what they promise (one transaction, outbox row included, G1) holds here;
// entries of every kind go through the same four functions, a walk's recording and a partner's
// one-tap call through theirs.
import type { ChangesOf, EntryKindName, ValuesOf } from '../shared/entry-kinds';
import type { TrackPoint } from '../shared/walk-track';
import { discardDraft, readDraft, saveDraft } from './drafts';
import {
  deleteEntry,
  dismissRejectedChange,
  dismissRejection,
  exportUnsent,
  saveEntry,
  updateEntry,
  type ChangeOptions,
  type SaveOptions,
} from './entries';
import { signOut } from './device-identity';
import { db } from './instance';
import { logPartnerCall } from './partner-call-log';
import {
  addObservation,
  markGap,
  pauseWalk,
  recordFix,
  resumeWalk,
  startWalk,
  stopWalk,
} from './walk-recording';

export const appWrites = {
  saveEntry: <K extends EntryKindName>(kind: K, values: ValuesOf<K>, options: SaveOptions) =>
    saveEntry(db, kind, values, options),
  updateEntry: <K extends EntryKindName>(
    kind: K,
    id: string,
    fields: ChangesOf<K>,
    options: ChangeOptions & { draftId?: string },
  ) => updateEntry(db, kind, id, fields, options),
  deleteEntry: (id: string, options: ChangeOptions) => deleteEntry(db, id, options),
  dismissRejection: (id: string) => dismissRejection(db, id),
  dismissRejectedChange: (seq: number) => dismissRejectedChange(db, seq),
  exportUnsent: () => exportUnsent(db),
  signOut: () => signOut(db),
  readDraft: (formId: string) => readDraft(db, formId),
  saveDraft: (formId: string, data: unknown) => saveDraft(db, formId, data, Date.now()),
  discardDraft: (formId: string) => discardDraft(db, formId),
  // Walks (src/db/walk-recording.ts) and call partners (src/db/partner-call-log.ts).
  startWalk: (options: Parameters<typeof startWalk>[1]) => startWalk(db, options),
  recordFix: (walkId: string, fix: TrackPoint) => recordFix(db, walkId, fix),
  markGap: (walkId: string) => markGap(db, walkId),
  pauseWalk: (walkId: string, options: { now: number }) => pauseWalk(db, walkId, options),
  resumeWalk: (walkId: string, options: { now: number }) => resumeWalk(db, walkId, options),
  stopWalk: (walkId: string, options: Parameters<typeof stopWalk>[2]) =>
    stopWalk(db, walkId, options),
  addObservation: (input: Parameters<typeof addObservation>[1]) => addObservation(db, input),
  logPartnerCall: (input: Parameters<typeof logPartnerCall>[1]) => logPartnerCall(db, input),
};

export type { ChangeOptions, SaveOptions } from './entries';
export type { RecordVerdict, WalkDetails } from './walk-recording';
