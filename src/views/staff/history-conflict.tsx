// The values a concurrent edit overwrote, each beside the value the entry holds now, with
// "Diesen Wert wiederherstellen" to bring it back; "Konflikt als geklärt markieren" sends the
// choice (none chosen: the current values stay) with the entry's version as shown. The server
// refuses if the entry changed meanwhile (409): the history is then loaded again.
import { useState } from 'preact/hooks';
import { formatInstantBerlin } from '../../domain/dates';
import type { EntryHistoryResponse } from '../../shared/staff/staff-week';
import { isUnreachable, resolveEntryConflict, StaffSignedOut } from '../../sync/staff-requests';
import { SyncError } from '../../sync/transport';
import { Notice } from '../entries/form-field';
import { useSettings } from '../settings-context';
import { historyValue } from './history-value';
import { useStaffDeps } from './staff-context';
import { useStaffT, type StaffKey } from './use-staff-t';

export function HistoryConflict(props: {
  entryId: string;
  version: number;
  lost: EntryHistoryResponse['lost'];
  onResolved: () => void;
  onChangedMeanwhile: () => void;
}) {
  const t = useStaffT();
  const lang = useSettings().settings.lang;
  const deps = useStaffDeps();
  const [restore, setRestore] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<StaffKey | null>(null);

  const toggle = (field: string) => {
    const next = new Set(restore);
    if (next.has(field)) next.delete(field);
    else next.add(field);
    setRestore(next);
  };

  const resolve = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await resolveEntryConflict(
        props.entryId,
        { expectedVersion: props.version, restore: [...restore] },
        deps,
      );
      setRestore(new Set());
      props.onResolved();
    } catch (error) {
      if (error instanceof StaffSignedOut) return;
      if (error instanceof SyncError && error.status === 409) {
        setRestore(new Set());
        props.onChangedMeanwhile();
      } else {
        setProblem(
          isUnreachable(error) ? 'staff.history.resolveOffline' : 'staff.history.resolveFailed',
        );
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="staff-conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t('staff.history.conflictTitle')}</h2>
      <p>{t('staff.history.conflictIntro')}</p>
      {props.lost.map((lost) => {
        const id = `restore-${lost.field}`;
        return (
          <div key={lost.field} class="card staff-lost">
            <h3 id={`${id}-field`} class="card-title plain">
              {lost.label}
            </h3>
            <div class="staff-side-by-side">
              <div>
                <p class="staff-side-label">
                  {lost.lostBy
                    ? t('staff.history.lostBy', {
                        name: lost.lostBy,
                        when: formatInstantBerlin(Date.parse(lost.recordedAt), lang),
                      })
                    : t('staff.history.lostValue')}
                </p>
                <p class="staff-value">{historyValue(lost.value, t, lang)}</p>
              </div>
              <div>
                <p class="staff-side-label">{t('staff.history.currentValue')}</p>
                <p class="staff-value">{historyValue(lost.current, t, lang)}</p>
              </div>
            </div>
            <label class="choice" for={id}>
              <input
                id={id}
                type="checkbox"
                aria-describedby={`${id}-field`}
                checked={restore.has(lost.field)}
                onChange={() => toggle(lost.field)}
              />
              <span>{t('staff.history.restore')}</span>
            </label>
          </div>
        );
      })}
      <p class="hint">
        {restore.size > 0
          ? t('staff.history.restoring', { count: restore.size })
          : t('staff.history.keepCurrent')}
      </p>
      {problem && <Notice kind="error">{t(problem)}</Notice>}
      <div class="actions">
        <button class="button primary" type="button" disabled={busy} onClick={() => void resolve()}>
          {t('staff.history.resolve')}
        </button>
      </div>
    </section>
  );
}
