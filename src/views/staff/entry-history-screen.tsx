// An entry's history for staff (`#/team/eintrag/<id>`): when it was written, by whom on which
// device, then every change — which field, from what to what, who, when, on which device. If
// two devices changed it at the same time, the value that was overwritten stands beside the
// current one, and staff decide: bring chosen values back, and mark the conflict as resolved.
// Online only. A resolution is sent with the version shown; if the entry changed meanwhile
// (409) the history is loaded again and the screen says so, nothing is overwritten.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatInstantBerlin } from '../../domain/dates';
import type { EntryHistoryResponse } from '../../shared/staff/staff-week';
import { getEntryHistory, isUnreachable, StaffSignedOut } from '../../sync/staff-requests';
import { SyncError } from '../../sync/transport';
import { Notice } from '../entries/form-field';
import { useSettings } from '../settings-context';
import { href } from '../use-route';
import { HistoryChanges } from './history-changes';
import { HistoryConflict } from './history-conflict';
import { useStaffDeps } from './staff-context';
import { StaffPage } from './staff-page';
import { useStaffT, type StaffKey } from './use-staff-t';
import { kindLabel } from './week-kind-label';

type Loaded =
  | { status: 'loading' }
  | { status: 'loaded'; history: EntryHistoryResponse }
  | { status: 'failed'; key: StaffKey };

export function EntryHistoryScreen(props: { id: string }) {
  const t = useStaffT();
  const lang = useSettings().settings.lang;
  const deps = useStaffDeps();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn'; key: StaffKey } | null>(null);
  const messageBox = useRef<HTMLDivElement>(null);
  // After resolving (or a refusal), the focus goes to the message that says what happened.
  useEffect(() => {
    if (message) messageBox.current?.focus();
  }, [message]);

  useEffect(() => {
    let current = true;
    getEntryHistory(props.id, deps).then(
      (history) => current && setLoaded({ status: 'loaded', history }),
      (error: unknown) => {
        if (!current || error instanceof StaffSignedOut) return;
        const key: StaffKey = isUnreachable(error)
          ? 'staff.history.offline'
          : error instanceof SyncError && error.status === 404
            ? 'staff.history.notFound'
            : 'staff.history.failed';
        setLoaded({ status: 'failed', key });
      },
    );
    return () => {
      current = false;
    };
  }, [props.id, deps, round]);

  const back = (
    <p>
      <a class="button" href={href.staff('woche')}>
        <span aria-hidden="true">← </span>
        {t('staff.history.back')}
      </a>
    </p>
  );
  if (loaded.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (loaded.status === 'failed') {
    return (
      <StaffPage title={t('staff.history.heading')}>
        <Notice kind="error">{t(loaded.key)}</Notice>
        {back}
      </StaffPage>
    );
  }
  const { entry, changes, lost } = loaded.history;
  return (
    <StaffPage
      title={t('staff.history.title', {
        kind: kindLabel(entry.kind, t),
        when: formatInstantBerlin(Date.parse(entry.occurredAt), lang),
      })}
    >
      {back}
      <p>
        {t('staff.history.created', {
          when: formatInstantBerlin(Date.parse(entry.createdAt), lang),
          name: entry.authorName,
          device: entry.deviceLabel,
        })}
      </p>
      <div role="status" ref={messageBox} tabIndex={-1}>
        {message && <Notice kind={message.kind}>{t(message.key)}</Notice>}
      </div>
      {entry.conflict ? (
        <HistoryConflict
          entryId={entry.id}
          version={entry.version}
          lost={lost}
          onResolved={() => {
            setMessage({ kind: 'ok', key: 'staff.history.resolved' });
            setRound((n) => n + 1);
          }}
          onChangedMeanwhile={() => {
            setMessage({ kind: 'warn', key: 'staff.history.changedMeanwhile' });
            setRound((n) => n + 1);
          }}
        />
      ) : (
        <p>{t('staff.history.noConflict')}</p>
      )}
      <HistoryChanges changes={changes} />
    </StaffPage>
  );
}
