// "Übertragung": what still waits on this device and since when, what needs attention (G7) with the
// server's reason in plain words, a warning when something waits too long or the clock is far off
// (G9: data only), and a download of everything unsent (docs/sync-protocol.md, Guarantees, "said
// plainly": a wiped device loses what it has not sent), and whose entries wait until that person
// signs in here again (issue 7: the server takes a change only under its author's session, so the
// device holds the outbox at the first change of someone without one).
import { useState } from 'preact/hooks';
import { appWrites } from '../../db/app-writes';
import { usePullState } from '../../db/use-pull-state';
import { useAttention } from '../../db/use-attention';
import { usePendingSummary } from '../../db/use-pending-summary';
import { type RejectedChange } from '../../db/use-entries';
import { useDevice } from '../../db/use-device';
import { useHeldOutbox } from '../../db/use-held-outbox';
import { formatInstantBerlin } from '../../domain/dates';
import { clockSkewHours, isDeliveryOverdue } from '../../domain/entry-state';
import { requestSync } from '../../sync/start-sync';
import { Page } from '../page';
import { useSettings } from '../settings-context';
import { useOnline } from '../use-online';
import { href } from '../use-route';
import { downloadFile } from './download-file';
import { EntryCard } from './entry-card';
import { Notice } from './form-field';
import { useEntriesT } from './use-entries-t';

async function downloadUnsent(): Promise<void> {
  const data = await appWrites.exportUnsent();
  downloadFile(
    `quartiersbuch-nicht-uebertragen-${new Date().toISOString().slice(0, 10)}.json`,
    'application/json',
    JSON.stringify(data, null, 2),
  );
}

export function SyncScreen() {
  const t = useEntriesT();
  const { lang } = useSettings().settings;
  const online = useOnline();
  const device = useDevice();
  const pull = usePullState();
  const pending = usePendingSummary();
  const attention = useAttention();
  const held = useHeldOutbox();
  const [exportFailed, setExportFailed] = useState(false);
  if (pending === undefined || attention === undefined) return null;
  const when =
    pending.oldestCreatedAt === null ? '' : formatInstantBerlin(pending.oldestCreatedAt, lang);
  const overdue = online && isDeliveryOverdue(pending.oldestCreatedAt, pull?.pulledAt);
  const skew = pull ? clockSkewHours(pull.pulledAt, pull.serverTime) : null;

  return (
    <Page title={t('sync.title')}>
      {device?.needsEnrolment && (
        <Notice kind="warn">
          {t('sync.needsEnrolment')} <a href={href.enrol}>{t('sync.enrolAgain')}</a>
        </Notice>
      )}
      <p class="lead" role="status">
        {pending.count === 0
          ? t('sync.allSent')
          : pending.count === 1
            ? t('sync.waitingOne', { when })
            : t('sync.waiting', { count: pending.count, when })}
      </p>
      {held && !device?.needsEnrolment && (
        <Notice kind="warn">
          {held.name === null ? t('sync.heldUnknown') : t('sync.held', { name: held.name })}{' '}
          <a href={href.signIn}>{t('signin.title')}</a>
        </Notice>
      )}
      {overdue && <Notice kind="warn">{t('sync.stuck')}</Notice>}
      {skew !== null && <Notice kind="warn">{t('sync.clock', { hours: skew })}</Notice>}
      {pending.count > 0 && (
        <p class="actions">
          <button class="button primary" type="button" onClick={() => requestSync()}>
            {t('sync.now')}
          </button>
          <button
            class="button"
            type="button"
            aria-describedby="export-hint"
            onClick={() => downloadUnsent().catch(() => setExportFailed(true))}
          >
            {t('sync.export')}
          </button>
        </p>
      )}
      {pending.count > 0 && (
        <p id="export-hint" class="hint">
          {t('sync.exportHint')}
        </p>
      )}
      {exportFailed && <Notice kind="error">{t('enrol.failed')}</Notice>}
      <h2>{t('sync.attention')}</h2>
      {attention.count === 0 ? (
        <p>{t('sync.attentionNone')}</p>
      ) : (
        <>
          <p>{t('sync.attentionIntro')}</p>
          <ul class="entry-list">
            {attention.entries.map((entry) => (
              <EntryCard key={entry.id} entry={entry} link={false}>
                <DismissButton
                  describedBy={`reason-${entry.id}`}
                  onClick={() => void appWrites.dismissRejection(entry.id)}
                />
              </EntryCard>
            ))}
            {attention.changes.map((change) => (
              <RejectedChangeCard key={change.seq} change={change} />
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

/**
 * A refused change no entry here shows: a chunk of a walk's route, or a deletion. Said in
 * plain words with the server's reason; "Gelesen" takes it off the list (nothing is sent).
 */
function RejectedChangeCard(props: { change: RejectedChange }) {
  const t = useEntriesT();
  const { lang } = useSettings().settings;
  const { change } = props;
  const reason = change.rejection.message;
  return (
    <li class="card entry entry-rejected">
      <span class="card-title plain">{formatInstantBerlin(change.createdAt, lang)}</span>
      <span id={`change-${change.seq}`} class="entry-reason">
        {change.name === 'walk.track'
          ? t('sync.changeRoute', { reason })
          : t('sync.changeOther', { reason })}
      </span>
      <DismissButton
        describedBy={`change-${change.seq}`}
        onClick={() => void appWrites.dismissRejectedChange(change.seq)}
      />
    </li>
  );
}

function DismissButton(props: { describedBy: string; onClick: () => void }) {
  const t = useEntriesT();
  return (
    <button
      class="button"
      type="button"
      aria-describedby={props.describedBy}
      onClick={props.onClick}
    >
      {t('sync.dismiss')}
    </button>
  );
}
