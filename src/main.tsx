// Entry point. The first paint waits for nothing but two small reads from one small database
// (idb-keyval): the device settings, so the text has the right size from the start, and the
// start snapshot (src/db/start-state.ts), so the start screen is usable at once. Dexie, the
// live values and the sync engine load right after that paint (issue 12, docs/benchmarks.md).
// The QR link is the exception: what enrolment needs starts loading before anything else, side
// by side rather than one chunk after another.
import { render } from 'preact';
import { loadSettings } from './db/device-settings';
import { loadStartLive, loadStartSnapshot } from './db/start-state';
import { loadPatiently } from './shared/load-patiently';
import { enrolEarly } from './sync/early-requests';
import { registerServiceWorker, requestPersistentStorage } from './sw/register';
import { App, applySettingsToDocument } from './views/app-frame';
import { parseRoute } from './views/use-route';
import './styles.css';

/** Pauses before loading the sync engine again when it failed. */
const SYNC_RETRY_MS = [1000, 3000, 10_000, 30_000];

function startSyncSoon(): void {
  loadPatiently(() => import('./sync/start-sync'), SYNC_RETRY_MS).then(
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
    void import('./views/entries/screens').catch(() => {}); // its screen tries again itself
    void loadStartLive().catch(() => {});
    startSyncSoon();
  }
  const [settings] = await Promise.all([loadSettings(), loadStartSnapshot()]);
  applySettingsToDocument(settings);
  const root = document.getElementById('app') as HTMLElement;
  // index.html's waiting lines: Preact renders beside what is there, so they go first.
  root.textContent = '';
  let updateAvailable = false;
  const draw = () =>
    render(
      <App initialSettings={settings} updateFlow={flow} updateAvailable={updateAvailable} />,
      root,
    );
  const flow = registerServiceWorker(() => {
    updateAvailable = true;
    draw();
  });
  draw();
  if (!enrolling) {
    afterPaint(() => {
      void loadStartLive().catch(() => {}); // the start values try again themselves
      startSyncSoon();
    });
  }
  void requestPersistentStorage();
}

void main();
