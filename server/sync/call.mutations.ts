// Mutations of calls: create (v1 upcast to v2), update, delete. Each handler parses its args
// and writes through repos/call*.ts inside the push transaction, so its effect commits with
// its mutation_log row (G2).
// Offline/conflict rules (docs/sync-protocol.md):
// - create is idempotent by id; an id that exists, live or deleted, is left as it is;
// - update: per-field last writer wins in server order; a field another client changed after
//   the update's baseVersion is a conflict: this update wins, the lost value stays in the
//   call's history flagged, and the call is flagged for review (G6, call-merge.ts);
// - delete wins: an update of a deleted call is accepted without effect, nothing comes back.
import {
  callCreateV1,
  callCreateV2,
  callDeleteV1,
  callUpdateV1,
  type CallCreateV2,
} from '../../src/shared/push';
import type { CallRow } from '../repos/call-columns';
import { fieldsChangedByOthers, recordCallChanges } from '../repos/call-history.repo';
import { findCall, insertCall, tombstoneCall, writeCallFields } from '../repos/call.repo';
import type { WriteContext } from '../repos/quarter-version.repo';
import { planCallUpdate } from './call-merge';
import { upcastCallCreateV1 } from './call-upcast';
import { defineMutation, type MutationOrigin } from './mutation-handler';
import { MutationRejection } from './mutation-rejection';

const FIELD_LABELS = {
  occurredAt: 'Zeitpunkt',
  partner: 'Gesprächspartner',
  durationMinutes: 'Dauer',
  concern: 'Sorge / Hilfebedarf',
  note: 'Notiz',
  activity: 'Angebot',
  reached: 'Erreicht',
};

const CREATE_LABELS = { id: 'Kennung', ...FIELD_LABELS };

const UPDATE_LABELS = {
  id: 'Kennung',
  baseVersion: 'Stand',
  fields: 'Änderungen',
  ...Object.fromEntries(
    Object.entries(FIELD_LABELS).map(([key, label]) => [`fields.${key}`, label]),
  ),
};

async function createCall(w: WriteContext, args: CallCreateV2, origin: MutationOrigin) {
  await insertCall(w, { ...args, authorId: origin.authorId, deviceId: origin.deviceId });
}

/** call.create v2: a new call; sending it again (any seq) has no second effect. */
export const callCreateV2Handler = defineMutation({
  schema: callCreateV2,
  what: 'Der Anruf',
  labels: CREATE_LABELS,
  apply: createCall,
});

/** call.create v1 (app 0.1): upcast to v2 with `reached: true`, then the same write. */
export const callCreateV1Handler = defineMutation({
  schema: callCreateV1,
  what: 'Der Anruf',
  labels: CREATE_LABELS,
  apply: (w, args, origin) => createCall(w, upcastCallCreateV1(args), origin),
});

export const callUpdateV1Handler = defineMutation({
  schema: callUpdateV1,
  what: 'Die Änderung des Anrufs',
  labels: UPDATE_LABELS,
  apply: async (w, args, origin) => {
    const call = await editableCall(w, args.id, origin);
    if (call.deleted === 1) return; // delete wins: accepted, no effect, no resurrection
    const fields = Object.keys(args.fields) as (keyof typeof args.fields)[];
    const since = args.baseVersion ?? 0;
    const others = await fieldsChangedByOthers(w, call.id, fields, since, origin.clientId);
    const plan = planCallUpdate(call, args.fields, others);
    if (plan.changes.length === 0) return;
    await writeCallFields(w, call.id, plan.columns, plan.conflict);
    await recordCallChanges(w, call.id, plan.changes, origin);
  },
});

export const callDeleteV1Handler = defineMutation({
  schema: callDeleteV1,
  what: 'Das Löschen des Anrufs',
  labels: { id: 'Kennung' },
  apply: async (w, args, origin) => {
    const call = await editableCall(w, args.id, origin);
    if (call.deleted === 0) await tombstoneCall(w, call.id);
  },
});

/**
 * The call an update or delete is about, if the author may change it: volunteers their own
 * calls, staff and admins every call of their quarter (the quarter is the writer's).
 */
async function editableCall(w: WriteContext, id: string, origin: MutationOrigin): Promise<CallRow> {
  const call = await findCall(w, id);
  if (!call) {
    throw new MutationRejection(
      'unknown_call',
      'Diesen Anruf gibt es auf dem Server nicht. Die Änderung wurde nicht übernommen.',
    );
  }
  if (origin.authorRole === 'volunteer' && call.author_user_id !== origin.authorId) {
    throw new MutationRejection(
      'forbidden',
      'Diesen Anruf hat jemand anderes eingetragen. Ändern oder löschen dürfen ihn nur diese Person und das Team im Laden.',
    );
  }
  return call;
}
