// The walk while it is recorded: what goes on (recording or paused), the figures (distance,
// walking time, points kept, the GPS in plain words), the notes that matter (no location, keep
// the screen on), and the big buttons in the lower half of the screen: "Hier", Pause/Weiter,
// "Beenden" (asks first). Every fix goes to the recorder (src/db/walk-recording.ts), which
// keeps or drops it and stores a kept one at once.
import { useEffect, useRef, useState } from 'preact/hooks';
import { appWrites } from '../../../db/app-writes';
import type { Recording } from '../../../db/use-recording';
import { useObservationCount } from '../../../db/use-observation-count';
import { TRACK_FILTER_DEFAULTS } from '../../../domain/track-filter';
import { Page } from '../../page';
import { useSettings } from '../../settings-context';
import { useNow } from '../../use-now';
import { ConfirmStep } from '../confirm-step';
import { Notice } from '../form-field';
import { useEntriesT } from '../use-entries-t';
import { HerePanel, type Spot } from './here-panel';
import { usePositionWatch } from './use-position-watch';
import { useWakeLock } from './use-wake-lock';
import { gpsState, kmText, walkingTimeText } from './walk-words';

/** A fix older than this says nothing about now: "kein GPS". */
const FIX_FRESH_MS = 30_000;

const logFailure = (what: string) => (error: unknown) => console.error(what, error);

/** Walking time so far in seconds: since the start, without the pauses (the current one too). */
export function walkingSecondsOf(recording: Recording, now: number): number {
  const pausing = recording.pausedAt === null ? 0 : Math.max(0, now - recording.pausedAt);
  return Math.max(0, (now - recording.startedAt - recording.pausedMs - pausing) / 1000);
}

export function RecordingPanel(props: {
  recording: Recording;
  author: string;
  /** The app was closed in the middle of this walk. */
  continued: boolean;
  /** Stopping did not work. */
  failed: boolean;
  onStop: () => void;
}) {
  const t = useEntriesT();
  const { lang } = useSettings().settings;
  const { recording, author } = props;
  const { walkId } = recording;
  const paused = recording.status === 'paused';
  const now = useNow(1000);
  const watch = usePositionWatch(true, {
    onFix: (fix) => void appWrites.recordFix(walkId, fix).catch(logFailure('Punkt speichern')),
    onArm: () => void appWrites.markGap(walkId).catch(logFailure('Lücke speichern')),
  });
  const wakeLock = useWakeLock(true);
  const observations = useObservationCount(walkId);
  const [spot, setSpot] = useState<Spot | null>(null);
  const [observed, setObserved] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  // The panel of "Hier" closed: the keyboard goes on from the "Hier" button again.
  const hereButton = useRef<HTMLButtonElement>(null);
  const [closed, setClosed] = useState(0);
  useEffect(() => {
    if (closed > 0) hereButton.current?.focus();
  }, [closed]);

  const fresh = watch.latest && now - watch.latest.at < FIX_FRESH_MS ? watch.latest : null;
  const gps = gpsState(
    watch.problem ? null : (fresh?.fix.accuracy ?? null),
    TRACK_FILTER_DEFAULTS.maxAccuracy,
  );
  const act = (write: Promise<void>) => {
    setFailed(false);
    write.catch((error: unknown) => {
      console.error('Spaziergang ändern fehlgeschlagen', error);
      setFailed(true);
    });
  };

  return (
    <Page title={t('walk.title')}>
      <div class="walk-screen">
        <p class={`walk-status${paused ? ' walk-status-paused' : ''}`} role="status">
          <span aria-hidden="true">{paused ? '❚❚ ' : '● '}</span>
          {paused ? t('walk.pausedNow') : t('walk.recording')}
        </p>
        {props.continued && <Notice kind="ok">{t('walk.continued')}</Notice>}
        {watch.problem && (
          <Notice kind="warn">
            {watch.problem === 'denied' ? t('walk.geoDenied') : t('walk.geoMissing')}
          </Notice>
        )}
        {wakeLock === 'unavailable' && <Notice kind="warn">{t('walk.noWakeLock')}</Notice>}
        <dl class="walk-figures">
          <div>
            <dt>{t('walk.distance')}</dt>
            <dd>{kmText(t, lang, recording.distanceMetres)}</dd>
          </div>
          <div>
            <dt>{t('walk.time')}</dt>
            <dd>{walkingTimeText(t, walkingSecondsOf(recording, now))}</dd>
          </div>
          <div>
            <dt>{t('walk.points')}</dt>
            <dd>{recording.kept}</dd>
          </div>
          <div>
            <dt>{t('walk.gps')}</dt>
            <dd class={`walk-gps walk-gps-${gps}`}>{t(`walk.gps.${gps}`)}</dd>
          </div>
        </dl>
        <div role="status">
          {observed !== null && (
            <p class="notice notice-ok">{t('walk.observed', { number: observed })}</p>
          )}
        </div>
        {(failed || props.failed) && <Notice kind="error">{t('walk.failed')}</Notice>}
        <div class="walk-controls">
          {spot ? (
            <HerePanel
              walkId={walkId}
              author={author}
              spot={spot}
              number={(observations ?? 0) + 1}
              onDone={(number) => {
                setSpot(null);
                setObserved(number);
                setClosed((n) => n + 1);
              }}
            />
          ) : (
            <>
              <button
                ref={hereButton}
                class="walk-button walk-here"
                type="button"
                onClick={() => {
                  setObserved(null);
                  setSpot({ fix: watch.problem ? null : (fresh?.fix ?? null), at: Date.now() });
                }}
              >
                <span class="walk-button-label">{t('walk.here')}</span>
                <span class="walk-button-hint">{t('walk.hereHint')}</span>
              </button>
              <div class="walk-row">
                <button
                  class="walk-button"
                  type="button"
                  onClick={() =>
                    act(
                      paused
                        ? appWrites.resumeWalk(walkId, { now: Date.now() })
                        : appWrites.pauseWalk(walkId, { now: Date.now() }),
                    )
                  }
                >
                  {paused ? t('walk.resume') : t('walk.pause')}
                </button>
                <ConfirmStep
                  id="walk-stop"
                  buttonClass="walk-button"
                  label={t('walk.stop')}
                  question={t('walk.stopConfirm')}
                  yes={t('walk.stopYes')}
                  no={t('walk.stopNo')}
                  onConfirm={props.onStop}
                />
              </div>
            </>
          )}
        </div>
      </div>
    </Page>
  );
}
