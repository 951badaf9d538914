// "Alles gut" and "Nicht erreicht" with a short undo: the call is held for a few seconds, keyed
// by its partner, before it is written (held-actions.ts) — "Rückgängig" leaves nothing behind,
// and a second tap on the same card while one is held logs nothing more. The page going away
// writes it at once. Offline: once written, the call waits in the outbox like any entry.
import { appWrites } from '../../../db/app-writes';
import { createHolds } from '../held-actions';

/** How long "Rückgängig" is offered. */
export const CALL_HOLD_MS = 8_000;

/** What the confirmation says: with whom, reached or not, how long. */
export interface HeldCall {
  name: string;
  reached: boolean;
  minutes: number;
}

const calls = createHolds<HeldCall>(CALL_HOLD_MS, 'Anruf eintragen fehlgeschlagen');

/** Holds the call with partner `partnerId` as tapped at `now`, then logs it. */
export function holdPartnerCall(
  input: { partnerId: string; author: string; now: number },
  about: HeldCall,
): void {
  const { partnerId, author, now } = input;
  calls.hold(
    partnerId,
    () => appWrites.logPartnerCall({ partnerId, reached: about.reached, author, now }),
    about,
  );
}

export const undoPartnerCall = calls.undo;
export const commitPartnerCall = calls.commit;
export const useHeldCalls = calls.useHolds;
