// The app frame: skip link, header with the connection line, the current screen, updates.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  lockMinutesOf,
  saveSettings,
  TEXT_SIZE_PERCENT,
  type Settings,
} from '../db/device-settings';
import { useStart } from '../db/start-state';
import type { UpdateFlow } from '../sw/update-flow';
import { ConnectionStatus } from './connection-status';
import { Home } from './home';
import { LockScreen, systemClock, useInactivityLock, type LockClock } from './inactivity-lock';
import { lazyScreen } from './lazy-screen';
import { QrEnrol } from './qr-enrol';
import { SettingsContext, type SaveState } from './settings-context';
import { SettingsView } from './settings-screen';
import { UpdateBanner } from './update-banner';
import { href, useRoute, type Route } from './use-route';
import { translator } from '../i18n/translate';
import type { EntryKindName } from '../shared/entry-key';

// One chunk for all entry screens (walks and call partners too): they are used together, and
// one request is kinder to a slow connection than four.
const loadEntries = () => import('./entries/screens');
const EnrolScreen = lazyScreen<{ code?: string; failure?: unknown }>(() =>
  loadEntries().then((m) => m.EnrolScreen),
);
const SignInScreen = lazyScreen(() => loadEntries().then((m) => m.SignInScreen));
const EntryScreen = lazyScreen<{ kind?: EntryKindName; id?: string; partnerId?: string }>(() =>
  loadEntries().then((m) => m.EntryScreen),
);
const EntriesScreen = lazyScreen<{ kind?: EntryKindName }>(() =>
  loadEntries().then((m) => m.EntriesScreen),
);
const SyncScreen = lazyScreen(() => loadEntries().then((m) => m.SyncScreen));
const WalkScreen = lazyScreen(() => loadEntries().then((m) => m.WalkScreen));
const PartnersScreen = lazyScreen(() => loadEntries().then((m) => m.PartnersScreen));
// The catalogue reads Dexie (the start screen only counts it), and the opening hours write out
// dates with date-fns's words (the start screen only says "open until"): a chunk of their own,
// so the first screen waits for neither (issue 12).
const loadCatalogue = () => import('./catalogue-screens');
const OpeningHours = lazyScreen(() => loadCatalogue().then((m) => m.OpeningHours));
const Catalogue = lazyScreen(() => loadCatalogue().then((m) => m.Catalogue));
const ActivityDetail = lazyScreen<{ id: string }>(() =>
  loadCatalogue().then((m) => m.ActivityDetail),
);
// The privacy notice: long text few people open, a chunk of its own.
const PrivacyScreen = lazyScreen(() => import('./privacy-screen').then((m) => m.PrivacyScreen));
// Staff screens are a chunk of their own: nothing of them reaches a volunteer's tablet unless
// someone opens `#/team`.
const StaffApp = lazyScreen<{ path: string[] }>(() =>
  import('./staff/staff-screens').then((m) => m.StaffApp),
);

function Screen(props: { route: Route }) {
  const route = props.route;
  switch (route.name) {
    case 'catalogue':
      return <Catalogue />;
    case 'activity':
      return <ActivityDetail id={route.id} />;
    case 'hours':
      return <OpeningHours />;
    case 'settings':
      return <SettingsView />;
    case 'walk':
      return <WalkScreen />;
    case 'partners':
      return <PartnersScreen />;
    case 'enrol':
      // The QR link enrols from the start path; the full screen only if that fails.
      return route.code ? (
        <QrEnrol
          key={route.code}
          code={route.code}
          failed={(failure) => <EnrolScreen code={route.code} failure={failure} />}
        />
      ) : (
        <EnrolScreen />
      );
    case 'signIn':
      return <SignInScreen />;
    case 'newEntry':
      return route.partnerId ? (
        <EntryScreen
          key={`${route.kind}:${route.partnerId}`}
          kind={route.kind}
          partnerId={route.partnerId}
        />
      ) : (
        <EntryScreen key={route.kind} kind={route.kind} />
      );
    case 'entry':
      return <EntryScreen key={route.id} id={route.id} />;
    case 'entries':
      return route.kind ? <EntriesScreen kind={route.kind} /> : <EntriesScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'privacy':
      return <PrivacyScreen />;
    case 'staff':
      return <StaffApp path={route.path} />;
    case 'home':
      return <Home />;
  }
}

/** Applies the text size and language to the whole document. */
export function applySettingsToDocument(settings: Settings, doc: Document = document): void {
  doc.documentElement.style.fontSize = `${TEXT_SIZE_PERCENT[settings.textSize]}%`;
  doc.documentElement.lang = settings.lang;
}

export interface AppProps {
  initialSettings: Settings;
  updateFlow?: UpdateFlow | null;
  updateAvailable?: boolean;
  /** The screen lock's clock (tests pass a fake one); the system's by default. */
  lockClock?: LockClock;
}

export function App(props: AppProps) {
  const route = useRoute();
  const [settings, setSettings] = useState(props.initialSettings);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  // Only the latest change may say "Gespeichert": two quick taps must not show it while the
  // second is still being written.
  const latestSave = useRef(0);
  useEffect(() => applySettingsToDocument(settings), [settings]);
  const value = useMemo(
    () => ({
      settings,
      saveState,
      update: (next: Settings) => {
        setSettings(next);
        setSaveState('saving');
        const save = ++latestSave.current;
        // "Gespeichert" only once it is really stored, never before.
        saveSettings(next).then(
          () => save === latestSave.current && setSaveState('saved'),
          () => save === latestSave.current && setSaveState('failed'),
        );
      },
    }),
    [settings, saveState],
  );
  const t = translator(settings.lang);
  // A shared tablet locks after some minutes without input (issue 11): while it is locked, no
  // screen is rendered at all, only the lock screen (src/views/inactivity-lock.tsx).
  const session = useStart('session');
  useInactivityLock(session, lockMinutesOf(settings), props.lockClock ?? systemClock);
  const locked = session?.locked === true;
  return (
    <SettingsContext.Provider value={value}>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <a class="brand" href={href.home}>
          <span class="brand-name">{t('app.name')}</span>
          <QuarterName />
        </a>
        <ConnectionStatus />
      </header>
      <UpdateBanner flow={props.updateFlow ?? null} available={props.updateAvailable ?? false} />
      <main id="main">
        {locked ? <LockScreen name={session.name} /> : <Screen route={route} />}
      </main>
    </SettingsContext.Provider>
  );
}

/**
 * The quarter whose data this device holds, as the server names it (one server may serve
 * several quarters, and the demo has its own); nothing before the first pull.
 */
function QuarterName() {
  const pull = useStart('pull');
  return pull ? <span class="brand-quarter">{pull.quarterName}</span> : null;
}
