// Entry point. The first paint waits for nothing but two reads from localStorage: the device
// settings' copy, so the text has the right size from the start, and the start snapshot
// (src/db/start-state.ts), so the start screen is usable at once. Dexie, the live values, the
// sync engine and the service worker's registration load right after that paint (issue 12,
// docs/benchmarks.md).
// The QR link is the exception: what enrolment needs starts loading before anything else, side
// by side rather than one chunk after another.
import { render } from 'preact';
import { keepSettings, keptSettings, loadSettings } from './db/device-settings';
import { loadStartLive, loadStartSnapshot } from './db/start-state';
import { loadPatiently } from './shared/load-patiently';
import { enrolEarly } from './sync/early-requests';
import type { UpdateFlow } from './sw/update-flow';
import { App, applySettingsToDocument } from './views/app-frame';
import { parseRoute } from './views/use-route';
import './styles.css';

function startSyncSoon(): void {
  loadPatiently(() => import('./sync/start-sync')).then(
    ({ startSync }) => startSync(),
    () => {}, // logged; the next start tries again, and the app works on the device meanwhile
  );
}

/** After the browser has painted what was just rendered (or 100 ms, in a hidden tab). */
function afterPaint(run: () => void): void {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      setTimeout(run);
    }
  };
  requestAnimationFrame(once);
  setTimeout(once, 100);
}

async function main() {
  const route = parseRoute(location.hash);
  const enrolling = route.name === 'enrol';
  if (enrolling) {
    if (route.code) enrolEarly(route.code);
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
  if (kept) {
    // The copy painted the first screen; where it differs from what IndexedDB holds (a save
    // whose copy failed), the saved settings win.
    void loadSettings().then((saved) => {
      if (JSON.stringify(saved) === JSON.stringify(kept)) return;
      keepSettings(saved);
      shown = saved;
      applySettingsToDocument(saved);
      draw();
    });
  }
  afterPaint(() => {
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
