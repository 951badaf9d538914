// Loading the Wochenübersicht: from the server when there is a connection (and then kept on
// this device, staff-week-cache.ts), else the copy kept last time, marked with the time it was
// loaded. A 401 is left to the staff shell (it shows the sign-in); any other failure — no
// connection, a server error — shows the kept copy, which says it is not current.
import { useEffect, useState } from 'preact/hooks';
import { saveCachedStaffWeek, type CachedStaffWeek } from '../../db/staff-week-cache';
import { useCachedStaffWeek } from '../../db/use-cached-staff-week';
import { parseIsoWeekId } from '../../domain/iso-week';
import type { StaffMe } from '../../shared/staff/staff-session';
import type { StaffWeekResponse } from '../../shared/staff/staff-week';
import { getStaffWeek, StaffSignedOut } from '../../sync/staff-requests';
import { useStaffDeps } from './staff-context';

export type WeekLoad =
  | { status: 'loading' }
  | { status: 'current'; week: StaffWeekResponse }
  /** The kept copy (null: none on this device). */
  | { status: 'kept'; kept: CachedStaffWeek | null };

/**
 * The week `weekId` (an address like `2026-W48`; anything else means this week). `offline`:
 * the shell already knows there is no connection, so only the kept copy is shown. `reload()`
 * asks the server again and keeps what is shown until the answer is there.
 */
export function useWeekLoad(
  weekId: string | undefined,
  me: StaffMe | null,
  offline: boolean,
): { load: WeekLoad; reload: () => void } {
  const deps = useStaffDeps();
  // Read again after each save, so losing the connection later shows the newest copy.
  const [saved, setSaved] = useState(0);
  const kept = useCachedStaffWeek(saved);
  const [answer, setAnswer] = useState<StaffWeekResponse | 'failed' | undefined>(undefined);
  const [round, setRound] = useState(0);
  const wanted = weekId && parseIsoWeekId(weekId) ? weekId : undefined;
  useEffect(() => {
    if (offline || !me) return setAnswer('failed');
    let current = true;
    getStaffWeek(wanted, deps).then(
      (week) => {
        if (!current) return;
        setAnswer(week);
        void saveCachedStaffWeek({ week, loadedAt: deps.now(), me }).then(
          () => current && setSaved((n) => n + 1),
        );
      },
      (error: unknown) => {
        if (current && !(error instanceof StaffSignedOut)) setAnswer('failed');
      },
    );
    return () => {
      current = false;
    };
  }, [wanted, offline, me, deps, round]);
  const reload = () => setRound((n) => n + 1);
  if (answer === undefined || (answer === 'failed' && kept === undefined)) {
    return { load: { status: 'loading' }, reload };
  }
  if (answer === 'failed') return { load: { status: 'kept', kept: kept ?? null }, reload };
  return { load: { status: 'current', week: answer }, reload };
}
