// "Spaziergang aufzeichnen" (`#/spaziergang`): start a walk, then record it — big Pause/Weiter,
// "Beenden" (asks first) and "Hier" (an observation at this spot) in the lower half of the
// screen, for one hand; the figures above. A walk that was still being recorded when the app
// closed (crash, reload, update) goes on at once. After "Beenden" the walk's details follow on
// the same screen. Everything is written on the device first (src/db/walk-recording.ts), so it
// works offline; the walk, its observations and its route are sent later like any entry.
import { useRef, useState } from 'preact/hooks';
import { appWrites } from '../../../db/app-writes';
import { useEntry } from '../../../db/use-entry';
import { useRecording } from '../../../db/use-recording';
import { useSession } from '../../../db/use-session';
import { Page } from '../../page';
import { href } from '../../use-route';
import { UndoDeletes } from '../delete-section';
import { Notice } from '../form-field';
import { useDeletePhases } from '../pending-deletes';
import { useEntriesT } from '../use-entries-t';
import { RecordingPanel } from './recording-panel';
import { WalkPage } from './walk-page';

export function WalkScreen() {
  const t = useEntriesT();
  const session = useSession();
  if (session === undefined) return null;
  if (session === null) {
    return (
      <Page title={t('walk.title')}>
        <p class="lead">{t('entry.needSignIn')}</p>
        <a class="button primary" href={href.signIn}>
          {t('signin.title')}
        </a>
      </Page>
    );
  }
  return <WalkRecorder author={session.userId} />;
}

function WalkRecorder(props: { author: string }) {
  const t = useEntriesT();
  const { author } = props;
  const recording = useRecording(author);
  /** The walk that was just stopped: its details come next. */
  const [stopped, setStopped] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [failed, setFailed] = useState(false);
  // Recording already when the screen opened: the app was closed in the middle of a walk.
  const continued = useRef<boolean | undefined>(undefined);
  if (recording !== undefined && continued.current === undefined) {
    continued.current = recording !== null;
  }

  const stop = (walkId: string) => {
    setStopped(walkId);
    setFailed(false);
    appWrites.stopWalk(walkId, { author, now: Date.now() }).catch((error: unknown) => {
      console.error('Spaziergang beenden fehlgeschlagen', error);
      setStopped(null);
      setFailed(true);
    });
  };

  if (stopped) return <StoppedWalk walkId={stopped} author={author} />;
  if (recording === undefined) return null;
  if (recording === null) {
    const start = () => {
      setStarting(true);
      setFailed(false);
      appWrites
        .startWalk({ author, now: Date.now() })
        .catch((error: unknown) => {
          console.error('Spaziergang starten fehlgeschlagen', error);
          setFailed(true);
        })
        .finally(() => setStarting(false));
    };
    return (
      <Page title={t('walk.title')}>
        <p class="lead">{t('walk.intro')}</p>
        {typeof navigator !== 'undefined' && !navigator.geolocation && (
          <Notice kind="warn">{t('walk.geoMissing')}</Notice>
        )}
        {failed && <Notice kind="error">{t('walk.failed')}</Notice>}
        <div class="walk-controls">
          <button class="walk-button primary" type="button" disabled={starting} onClick={start}>
            {starting ? t('walk.starting') : t('walk.start')}
          </button>
        </div>
      </Page>
    );
  }
  return (
    <RecordingPanel
      recording={recording}
      author={author}
      continued={continued.current === true}
      failed={failed}
      onStop={() => stop(recording.walkId)}
    />
  );
}

/** After "Beenden": the walk as stopped, with the form for its details. */
function StoppedWalk(props: { walkId: string; author: string }) {
  const t = useEntriesT();
  const walk = useEntry(props.walkId);
  // Deleted from here (a walk started by mistake): the short undo, then the plain word.
  const phase = useDeletePhases().get(props.walkId);
  if (phase) {
    return (
      <Page title={t('walk.editTitle')}>
        {phase === 'held' ? (
          <UndoDeletes only={props.walkId} focus />
        ) : (
          <Notice kind="ok">{t('entry.deleted')}</Notice>
        )}
      </Page>
    );
  }
  // Shown once the stop is written (its end set); until then the screen stays as it was.
  if (!walk || walk.kind !== 'walk' || walk.endedAt === null) return null;
  return (
    <Page title={t('walk.editTitle')}>
      <Notice kind="ok">{t('walk.stopped')}</Notice>
      <WalkPage existing={walk} author={props.author} justStopped />
    </Page>
  );
}
