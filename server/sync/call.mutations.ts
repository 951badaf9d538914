// Mutations of calls (the minimal entry type of issue 3). Each handler parses its args and
// writes through repos/call.repo.ts inside the push transaction.
import { callCreateV1 } from '../../src/shared/push';
import { insertCall } from '../repos/call.repo';
import { defineMutation } from './mutation-handler';

const CALL_LABELS = {
  id: 'Kennung',
  occurredAt: 'Zeitpunkt',
  partner: 'Gesprächspartner',
  durationMinutes: 'Dauer',
  concern: 'Sorge / Hilfebedarf',
  note: 'Notiz',
  activity: 'Angebot',
};

/** call.create v1: a new call; sending it again (any seq) has no second effect. */
export const callCreateV1Handler = defineMutation({
  schema: callCreateV1,
  what: 'Der Anruf',
  labels: CALL_LABELS,
  apply: async (w, args, origin) => {
    await insertCall(w, { ...args, authorId: origin.authorId, deviceId: origin.deviceId });
  },
});
