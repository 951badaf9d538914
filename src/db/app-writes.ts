// Every write a view may make, bound to the app's database: views never hold the Dexie
// instance (eslint enforces it), they call these. Each is one of the transactional functions
// in this folder, so what they promise (one transaction, outbox row included, G1) holds here.
import { deleteCall, dismissRejection, exportUnsent, saveCall, updateCall } from './calls';
import type { CallInput, ChangeOptions, SaveOptions } from './calls';
import { discardDraft, readDraft, saveDraft } from './drafts';
import { signOut } from './identity';
import { db } from './instance';
import type { CallChangeFields } from '../shared/push';

export const appWrites = {
  saveCall: (input: CallInput, options: SaveOptions) => saveCall(db, input, options),
  updateCall: (id: string, fields: CallChangeFields, options: ChangeOptions) =>
    updateCall(db, id, fields, options),
  deleteCall: (id: string, options: ChangeOptions) => deleteCall(db, id, options),
  dismissRejection: (id: string) => dismissRejection(db, id),
  exportUnsent: () => exportUnsent(db),
  signOut: () => signOut(db),
  readDraft: (formId: string) => readDraft(db, formId),
  saveDraft: (formId: string, data: unknown) => saveDraft(db, formId, data, Date.now()),
  discardDraft: (formId: string) => discardDraft(db, formId),
};
