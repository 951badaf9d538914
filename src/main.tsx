// Entry point: settings first (so the first paint has the right text size), then the app,
// then sync and the service worker.
import { render } from 'preact';
import { loadSettings } from './db/settings';
import { startSync } from './sync/start-sync';
import { registerServiceWorker, requestPersistentStorage } from './sw/register';
import { App, applySettingsToDocument } from './views/app';
import './styles.css';

async function main() {
  const settings = await loadSettings();
  applySettingsToDocument(settings);
  const root = document.getElementById('app') as HTMLElement;
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
  startSync();
  void requestPersistentStorage();
}

void main();
