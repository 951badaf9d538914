// Entry point. Startup work runs side by side, not one after another (on a slow tablet each
// step costs a frame or more; docs/benchmarks.md): the database opens and the first pull
// starts while the settings are read; the first render waits only for the settings, so the
// text has the right size from the first paint.
import { render } from 'preact';
import { db } from './db/instance';
import { loadSettings } from './db/device-settings';
import { registerServiceWorker, requestPersistentStorage } from './sw/register';
import { App, applySettingsToDocument } from './views/app-frame';
import './styles.css';

async function main() {
  void db.open().catch((error: unknown) => console.error('IndexedDB öffnen fehlgeschlagen', error));
  // The sync engine loads beside the first paint, not before it: the start screen reads
  // IndexedDB and needs none of it (first-screen budget, docs/benchmarks.md).
  void import('./sync/start-sync').then(({ startSync }) => startSync());
  const settings = await loadSettings();
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
  void requestPersistentStorage();
}

void main();
