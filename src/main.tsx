// Entry point. The first paint waits for nothing but two reads from localStorage: the device
// settings' copy, so the text has the right size from the start, and the start snapshot
// (src/db/start-state.ts), so the start screen is usable at once. On a repeat visit the start
// screen may already be there, painted from a picture before this module ran
// (public/start-picture.js); the app renders the same in its place. Dexie, the live values, the
// sync engine and the service worker's registration load right after that paint (issue 12,
// docs/benchmarks.md).
// The QR link is the exception: the enrolment and the first pull are sent at once, the data
// chunk loads beside them, and the start screen shows from the pull's answer while the app
// checks and stores it (docs/architecture.md, The QR link).
import { render } from 'preact';
import { keepSettings, keptSettings, loadSettings } from './db/device-settings';
import {
  firstPullValues,
  loadStartLive,
  loadStartSnapshot,
  offerFirstAnswers,
} from './db/start-state';
import { afterPaint } from './shared/after-paint';
import { loadPatiently } from './shared/load-patiently';
import { enrolEarly } from './sync/early-requests';
import type { UpdateFlow } from './sw/update-flow';
import { App, applySettingsToDocument } from './views/app-frame';
import { enrolFromQr } from './views/qr-enrol';
import { keepPicturesOf } from './views/start-picture';
import { href, parseRoute } from './views/use-route';
import './styles.css';

function startSyncSoon(): void {
  loadPatiently(() => import('./sync/start-sync')).then(
    ({ startSync }) => startSync(),
    () => {}, // logged; the next start tries again, and the app works on the device meanwhile
  );
}

async function main() {
  const route = parseRoute(location.hash);
  const enrolling = route.name === 'enrol';
  if (enrolling) {
    // The start screen as soon as the first pull is answered, shown from that answer while the
    // app checks and stores it (src/db/start-state.ts, firstPullValues).
    const code = route.code;
    if (code) {
      let withdraw: (() => void) | undefined;
      enrolEarly(code, undefined, (body) => {
        const values = firstPullValues(body, Date.now());
        if (!values) return;
        withdraw = offerFirstAnswers(values);
        if (location.hash === href.enrolWith(code)) location.replace(href.home);
      });
      // Stored by the app's own code as soon as it is here. Should that fail after the start
      // screen was shown from the first answers, back to the enrol screen, which says why.
      enrolFromQr(code).catch(() => {
        if (!withdraw) return; // the enrol screen is still open and says it
        withdraw();
        location.replace(href.enrolWith(code));
      });
    }
    void loadStartLive().catch(() => {});
    startSyncSoon();
  }
  loadStartSnapshot();
  const kept = keptSettings();
  const settings = kept ?? (await loadSettings());
  if (!kept) keepSettings(settings);
  applySettingsToDocument(settings);
  const root = document.getElementById('app') as HTMLElement;
  // index.html's waiting lines: Preact renders beside what is there, so they go first.
  root.textContent = '';
  let updateAvailable = false;
  let shown = settings;
  const draw = () =>
    render(
      <App
        key={JSON.stringify(shown)}
        initialSettings={shown}
        updateFlow={flow}
        updateAvailable={updateAvailable}
      />,
      root,
    );
  let flow: UpdateFlow | null = null;
  draw();
  afterPaint(() => {
    // The start screen is kept as a picture for the next start (src/views/start-picture.ts).
    keepPicturesOf(root);
    if (kept) {
      // The copy painted the first screen; where it differs from what IndexedDB holds (a save
      // whose copy failed), the saved settings win. After the paint: opening IndexedDB costs the
      // first paint time on a slow tablet.
      void loadSettings().then((saved) => {
        if (JSON.stringify(saved) === JSON.stringify(kept)) return;
        keepSettings(saved);
        shown = saved;
        applySettingsToDocument(saved);
        draw();
      });
    }
    if (!enrolling) {
      void loadStartLive().catch(() => {}); // the start values try again themselves
      startSyncSoon();
    }
    // The service worker (Workbox's page side) after the paint too: it serves the next start.
    void loadPatiently(() => import('./sw/register')).then(
      (sw) => {
        flow = sw.registerServiceWorker(() => {
          updateAvailable = true;
          draw();
        });
        draw();
        void sw.requestPersistentStorage();
      },
      () => {},
    );
  });
}

void main();
