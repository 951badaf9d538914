// The start screen's values without Dexie (issue 12, src/db/start-state.ts): a new start paints
// what the last run kept, before the live part has loaded; the live values then take over and
// are kept in turn. A kept value never outlives what it described (a sign-out, another person,
// another app version), and the snapshot holds nothing secret. A live part driven by the test
// shows the order of things; the real one (real Dexie on fake-indexeddb) shows what is kept.
import { act, render, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { keptSettings, saveSettings } from '../../src/db/device-settings';
import { saveEnrolment, saveSession } from '../../src/db/device-identity';
import { db } from '../../src/db/instance';
import { applyPull } from '../../src/db/pull';
import {
  createStartState,
  firstPullValues,
  type SnapshotStorage,
  type StartKey,
  type StartPicture,
  type StartState,
} from '../../src/db/start-state';
import { pullResponse, storefront } from '../support/fixtures';

/** A fresh localStorage per test, as a new tablet has. */
const freshStore = (): (() => SnapshotStorage) => {
  const items = new Map<string, string>();
  const storage: SnapshotStorage = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
  return () => storage;
};

/** A live part the test drives: `emit` answers every watch of that key. */
function drivenLive() {
  const watchers = new Map<string, Set<(value: unknown) => void>>();
  return {
    module: {
      watchStart<K extends StartKey>(key: K, arg: string, next: (value: StartState[K]) => void) {
        const id = `${key}:${arg}`;
        const set = watchers.get(id) ?? new Set();
        watchers.set(id, set);
        set.add(next as (value: unknown) => void);
        return () => void set.delete(next as (value: unknown) => void);
      },
    },
    emit<K extends StartKey>(key: K, value: StartState[K], arg = '') {
      watchers.get(`${key}:${arg}`)?.forEach((next) => next(value));
    },
    watching: (key: StartKey, arg = '') => (watchers.get(`${key}:${arg}`)?.size ?? 0) > 0,
  };
}

const never = () => new Promise<never>(() => {});

function Who(props: { start: ReturnType<typeof createStartState> }) {
  const session = props.start.useStart('session');
  const partners = props.start.useStart('partnerCount', session?.userId ?? '');
  if (session === undefined) return <p>noch unbekannt</p>;
  return (
    <p>
      {session ? `Angemeldet: ${session.name}` : 'Niemand angemeldet'}
      {partners !== undefined && ` · ${partners} Gesprächspartner`}
    </p>
  );
}

const ERIKA = { userId: 'u-erika', name: 'Erika Beispiel', locked: false };
const kept = (store: () => SnapshotStorage): unknown =>
  JSON.parse(store().getItem('qb.start') ?? 'null');
const keep = (store: () => SnapshotStorage, snapshot: unknown) =>
  store().setItem('qb.start', JSON.stringify(snapshot));

afterEach(async () => {
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

describe('the start screen before Dexie', () => {
  it('paints what the last run kept at once, while the live part is still loading', async () => {
    const store = freshStore();
    const first = drivenLive();
    const run1 = createStartState(() => Promise.resolve(first.module), store);
    run1.loadSnapshot();
    const view = render(<Who start={run1} />);
    screen.getByText('noch unbekannt'); // a new tablet knows nothing yet
    await waitFor(() => expect(first.watching('session')).toBe(true));
    first.emit('session', ERIKA);
    await waitFor(() => expect(first.watching('partnerCount', 'u-erika')).toBe(true));
    first.emit('partnerCount', 3, 'u-erika');
    await screen.findByText('Angemeldet: Erika Beispiel · 3 Gesprächspartner');
    await waitFor(() =>
      expect(kept(store)).toMatchObject({ values: { partnerCount: { value: 3 } } }),
    );
    view.unmount();

    // The next start: its live part never arrives (a flaky network), and still the first
    // render shows what the tablet knew.
    const run2 = createStartState(never, store);
    run2.loadSnapshot();
    render(<Who start={run2} />);
    screen.getByText('Angemeldet: Erika Beispiel · 3 Gesprächspartner');
  });

  it('follows the live values once they come, and keeps those: a sign-out is not painted back', async () => {
    const store = freshStore();
    const first = drivenLive();
    const run1 = createStartState(() => Promise.resolve(first.module), store);
    const before = render(<Who start={run1} />);
    await waitFor(() => expect(first.watching('session')).toBe(true));
    first.emit('session', ERIKA);
    await screen.findByText('Angemeldet: Erika Beispiel');
    before.unmount();

    const second = drivenLive();
    const run2 = createStartState(() => Promise.resolve(second.module), store);
    await waitFor(() => expect(kept(store)).toBeTruthy());
    run2.loadSnapshot();
    const view = render(<Who start={run2} />);
    screen.getByText('Angemeldet: Erika Beispiel'); // the kept value, at once
    await waitFor(() => expect(second.watching('session')).toBe(true));
    second.emit('session', null); // signed out meanwhile (another tab, a wipe)
    await screen.findByText('Niemand angemeldet');
    await waitFor(() =>
      expect(kept(store)).toMatchObject({ values: { session: { value: null } } }),
    );
    view.unmount();

    const run3 = createStartState(never, store);
    run3.loadSnapshot();
    render(<Who start={run3} />);
    screen.getByText('Niemand angemeldet');
    expect(screen.queryByText(/Erika/)).toBeNull();
  });

  it('uses nothing kept for another person, by another app version, or once the live part runs', async () => {
    const store = freshStore();
    // Kept for Hans; Erika is signed in now: her count is not known yet.
    keep(store, {
      v: 1,
      values: {
        session: { arg: '', value: ERIKA },
        partnerCount: { arg: 'u-hans', value: 7 },
      },
    });
    const live = drivenLive();
    const run = createStartState(() => Promise.resolve(live.module), store);
    run.loadSnapshot();
    const view = render(<Who start={run} />);
    screen.getByText('Angemeldet: Erika Beispiel');
    expect(screen.queryByText(/Gesprächspartner/)).toBeNull();
    view.unmount();

    // Once the live part has loaded, a screen opened later waits for its own query: kept values
    // may be older than what this run has seen.
    await waitFor(() => expect(live.watching('session')).toBe(false));
    render(<Who start={run} />);
    screen.getByText('noch unbekannt');

    // Another shape of snapshot (an older app): not used.
    const other = freshStore();
    keep(other, { v: 0, values: { session: { arg: '', value: ERIKA } } });
    const older = createStartState(never, other);
    older.loadSnapshot();
    const { container } = render(<Who start={older} />);
    expect(container.textContent).toBe('noch unbekannt');
  });

  it('tries the live part again when it failed to load', async () => {
    const live = drivenLive();
    let tries = 0;
    const run = createStartState(
      () => (++tries === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(live.module)),
      freshStore(),
    );
    render(<Who start={run} />);
    await waitFor(() => expect(live.watching('session')).toBe(true), { timeout: 3000 });
    expect(tries).toBe(2);
    live.emit('session', ERIKA);
    await screen.findByText('Angemeldet: Erika Beispiel');
  });
});

describe("the start screen's picture, kept with the values it shows", () => {
  const picture = (html: string): StartPicture => ({
    html,
    at: 1,
    until: 2,
    build: '/assets/index-A.js',
    settings: null,
    fontSize: '',
    lang: 'de',
  });
  const keptPicture = (store: () => SnapshotStorage) =>
    (kept(store) as { picture?: StartPicture | null } | null)?.picture;

  it('is dropped at once when a value changes, and taken again once the screen has settled', async () => {
    const store = freshStore();
    const live = drivenLive();
    const start = createStartState(() => Promise.resolve(live.module), store);
    let shown = 'Erika, 3 Gesprächspartner';
    let takes = 0;
    start.keepPictures(() => {
      takes += 1;
      return picture(shown);
    });
    render(<Who start={start} />);
    await waitFor(() => expect(live.watching('session')).toBe(true));
    live.emit('session', ERIKA);
    await waitFor(() => expect(keptPicture(store)?.html).toBe('Erika, 3 Gesprächspartner'));
    const taken = takes;

    // The same value again (each start's first answer): the picture still holds.
    live.emit('session', ERIKA);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(takes).toBe(taken);
    expect(keptPicture(store)?.html).toBe('Erika, 3 Gesprächspartner');

    // A new value: the old picture is gone before the new one is taken.
    shown = 'Erika, 4 Gesprächspartner';
    await waitFor(() => expect(live.watching('partnerCount', 'u-erika')).toBe(true));
    live.emit('partnerCount', 4, 'u-erika');
    await waitFor(() =>
      expect(kept(store)).toMatchObject({ values: { partnerCount: { value: 4 } }, picture: null }),
    );
    await waitFor(() => expect(keptPicture(store)?.html).toBe('Erika, 4 Gesprächspartner'));
  });

  it('away from the start screen: kept while the values stay, gone when they change', async () => {
    const store = freshStore();
    const live = drivenLive();
    const start = createStartState(() => Promise.resolve(live.module), store);
    let onStartScreen = true;
    start.keepPictures(() => (onStartScreen ? picture('Erika') : null));
    render(<Who start={start} />);
    await waitFor(() => expect(live.watching('session')).toBe(true));
    live.emit('session', ERIKA);
    await waitFor(() => expect(keptPicture(store)?.html).toBe('Erika'));

    onStartScreen = false; // the call form, say: its changes ask for no picture, but…
    start.askForPicture();
    start.askForPicture(true); // …the app is left at once: what was asked is taken now
    expect(keptPicture(store)?.html).toBe('Erika'); // nothing changed, so it still holds

    live.emit('session', { ...ERIKA, locked: true }); // locked (or signed out) meanwhile
    await waitFor(() => expect(kept(store)).toMatchObject({ picture: null }));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(keptPicture(store)).toBeNull();
  });
});

describe("the QR link's first answers", () => {
  const STORE = storefront();
  const answer = {
    quarter: { id: 'q', name: 'Testquartier' },
    changes: {
      storefronts: [STORE],
      openingExceptions: [{ id: 'x', storefrontId: STORE.id, date: '2026-12-24', closed: true }],
      activities: [{ id: 'a' }, { id: 'b' }],
    },
  };

  it('are read from the pull as it arrived, or not at all when it is not of that shape', () => {
    expect(firstPullValues(answer, 1000)).toEqual({
      device: { needsEnrolment: false },
      storefront: { storefront: STORE, exceptions: answer.changes.openingExceptions },
      activityCount: 2,
      pull: { quarterName: 'Testquartier', pulledAt: 1000 },
    });
    expect(firstPullValues('<html>Anmeldung im WLAN</html>', 1000)).toBeUndefined();
    expect(firstPullValues({ ...answer, quarter: {} }, 1000)).toBeUndefined();
    expect(
      firstPullValues({ ...answer, changes: { ...answer.changes, activities: 3 } }, 1000),
    ).toBeUndefined();
    // A storefront the start screen could not show (no week) is not shown.
    const broken = { ...answer, changes: { ...answer.changes, storefronts: [{ id: STORE.id }] } };
    expect(firstPullValues(broken, 1000)).toBeUndefined();
  });

  it('stand in for the stored values until the first pull is stored, and are kept', async () => {
    const store = freshStore();
    const live = drivenLive();
    const run = createStartState(() => Promise.resolve(live.module), store);
    function Start() {
      const device = run.useStart('device');
      const count = run.useStart('activityCount');
      const pull = run.useStart('pull');
      if (device === undefined) return <p>…</p>;
      return (
        <p>
          {device ? 'eingerichtet' : 'nicht eingerichtet'} · {count ?? '?'} Angebote ·{' '}
          {pull ? pull.quarterName : 'nie aktualisiert'}
        </p>
      );
    }
    render(<Start />);
    const values = firstPullValues(answer, 1000);
    if (!values) throw new Error('no values');
    act(() => void run.offerFirstAnswers(values));
    await screen.findByText('eingerichtet · 2 Angebote · Testquartier');
    // Dexie has not stored the enrolment and the pull yet: its empty answers do not blank it.
    await waitFor(() => expect(live.watching('pull')).toBe(true));
    act(() => {
      live.emit('device', null);
      live.emit('activityCount', 0);
      live.emit('pull', null);
    });
    screen.getByText('eingerichtet · 2 Angebote · Testquartier');
    await waitFor(() =>
      expect(kept(store)).toMatchObject({ values: { activityCount: { value: 2 } } }),
    );
    // Stored: from now on the stored values speak.
    act(() => {
      live.emit('device', { needsEnrolment: false });
      live.emit('activityCount', 18);
      live.emit('pull', { quarterName: 'Testquartier', pulledAt: 2000 });
    });
    await screen.findByText('eingerichtet · 18 Angebote · Testquartier');
  });

  it('give way when withdrawn (the enrolment failed) or after their time', async () => {
    const live = drivenLive();
    const store = freshStore();
    const run = createStartState(() => Promise.resolve(live.module), store);
    function Device() {
      const device = run.useStart('device');
      return <p>{device === undefined ? '…' : device ? 'eingerichtet' : 'nicht eingerichtet'}</p>;
    }
    render(<Device />);
    await waitFor(() => expect(live.watching('device')).toBe(true));
    act(() => live.emit('device', null));
    await screen.findByText('nicht eingerichtet');
    let withdraw = () => {};
    act(() => void (withdraw = run.offerFirstAnswers({ device: { needsEnrolment: false } })));
    await screen.findByText('eingerichtet');
    await waitFor(() => expect(kept(store)).toHaveProperty('values.device'));
    act(() => withdraw());
    await screen.findByText('nicht eingerichtet');
    // Nor is it kept for the next start: that waits for the stored value.
    await waitFor(() => expect(kept(store)).not.toHaveProperty('values.device'));

    act(() => void run.offerFirstAnswers({ device: { needsEnrolment: false } }, 50));
    await screen.findByText('eingerichtet');
    await screen.findByText('nicht eingerichtet'); // 50 ms later
  });
});

describe('what is kept, read back', () => {
  it('an unreadable snapshot, or none to be had, is not used and breaks nothing', () => {
    const store = freshStore();
    store().setItem('qb.start', '{nicht JSON');
    const run = createStartState(never, store);
    run.loadSnapshot();
    const { container } = render(<Who start={run} />);
    expect(container.textContent).toBe('noch unbekannt');

    const refusing = createStartState(never, () => {
      throw new DOMException('localStorage is disabled', 'SecurityError');
    });
    expect(() => refusing.loadSnapshot()).not.toThrow();
    expect(render(<Who start={refusing} />).container.textContent).toBe('noch unbekannt');
  });

  it('the settings: their copy follows each save, and only valid values come back', async () => {
    localStorage.removeItem('qb.settings');
    expect(keptSettings()).toBeUndefined(); // no copy: main.tsx reads IndexedDB first
    await saveSettings({ textSize: 'large', lang: 'en', lockMinutes: 5 });
    expect(keptSettings()).toEqual({ textSize: 'large', lang: 'en', lockMinutes: 5 });
    localStorage.setItem('qb.settings', JSON.stringify({ textSize: 'riesig', lang: 'fr' }));
    expect(keptSettings()).toEqual({ textSize: 'normal', lang: 'de', lockMinutes: 10 });
    localStorage.setItem('qb.settings', '{kaputt');
    expect(keptSettings()).toBeUndefined();
    localStorage.removeItem('qb.settings');
  });
});

describe('the real live part', () => {
  it('keeps what the start screen shows and no credential, session token or entry', async () => {
    await saveEnrolment(
      db,
      { deviceId: 'd1', credential: 'device-secret-xyz', quarter: { id: 'q', name: 'Q' } },
      0,
    );
    await saveSession(db, { ...ERIKA, role: 'volunteer', session: 's-erika.token-abc' }, 0);
    await applyPull(
      db,
      pullResponse(1, { reset: true, changes: { storefronts: [storefront()] } }),
      0,
    );
    const store = freshStore();
    const run = createStartState(() => import('../../src/db/start-live'), store);
    function All() {
      const values = [
        run.useStart('device'),
        run.useStart('session'),
        run.useStart('storefront'),
        run.useStart('pull'),
        run.useStart('pending'),
      ];
      return <p>{values.every((value) => value !== undefined) ? 'alles da' : '…'}</p>;
    }
    render(<All />);
    await screen.findByText('alles da');
    await waitFor(() => expect(kept(store)).toHaveProperty('values.pending'));
    const snapshot = JSON.stringify(kept(store));
    expect(snapshot).toContain('Erika Beispiel');
    expect(snapshot).toContain('"needsEnrolment":false');
    expect(snapshot).not.toContain('device-secret-xyz');
    expect(snapshot).not.toContain('token-abc');
  });
});
