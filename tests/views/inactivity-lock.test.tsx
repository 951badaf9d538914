// The screen lock of a shared tablet (issue 11, item 3), in the app frame against real Dexie
// (fake-indexeddb): after the set minutes without input the screen locks and nothing personal
// is left in the page (not even hidden, and not by going to another screen or reloading); a
// wrong PIN does not open it, the right one does, checked on the device; the form being typed
// is back as it was; "Andere Person anmelden" opens the sign-in and the locked person stays
// signed in. Time comes from a fake clock handed to the app: no test waits for a timer.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveEnrolment, saveSession } from '../../src/db/device-identity';
import { saveEntry } from '../../src/db/entries';
import { db } from '../../src/db/instance';
import { makePinVerifier } from '../../src/sync/pin-verifier';
import { App } from '../../src/views/app-frame';
import type { LockClock } from '../../src/views/inactivity-lock';
import { callValues } from '../support/entry-builders';

const ERIKA = {
  userId: 'u-erika',
  name: 'Erika Beispiel',
  role: 'volunteer' as const,
  session: 's-erika.abcdefghijklmnopqrstuvwxyz',
};
const MINUTE = 60_000;

/** A clock that moves only when the test says so, and then runs the lock's checks. */
function fakeClock() {
  let now = 0;
  const checks = new Set<() => void>();
  const clock: LockClock = {
    now: () => now,
    every: (_ms, check) => {
      checks.add(check);
      return () => void checks.delete(check);
    },
  };
  const advance = (ms: number) =>
    act(() => {
      now += ms;
      for (const check of checks) check();
    });
  /** The lock watches (its effect ran): only then does moving the clock mean anything. */
  const armed = () => waitFor(() => expect(checks.size).toBe(1));
  return { clock, advance, armed };
}

function show(hash: string, clock: LockClock, lockMinutes?: number) {
  location.hash = hash;
  const settings = { textSize: 'normal' as const, lang: 'de' as const, lockMinutes };
  return render(<App initialSettings={settings} lockClock={clock} />);
}

const partnerField = () => screen.findByLabelText(/Mit wem haben Sie telefoniert/);

beforeAll(() => import('../../src/views/entries/screens'));
beforeEach(async () => {
  await saveEnrolment(
    db,
    { deviceId: 'd1', credential: 'secret', quarter: { id: 'q', name: 'Südliche Innenstadt' } },
    0,
  );
  await saveSession(db, ERIKA, 0, await makePinVerifier('4711'));
  await saveEntry(db, 'call', callValues('Frau Geheimnis', { note: 'braucht Hilfe' }), {
    author: ERIKA.userId,
    now: 0,
  });
});
afterEach(async () => {
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

describe('the screen lock', () => {
  it('locks after the set minutes without input, hides everything personal, and opens only with the right PIN; the draft survives', async () => {
    const { clock, advance, armed } = fakeClock();
    const view = show('#/anruf', clock);
    fireEvent.input(await partnerField(), { target: { value: 'Herr Entwurf' } });
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    await armed();

    // Input starts the idle time over: 9 minutes, a key, 9 more minutes — still open.
    advance(9 * MINUTE);
    fireEvent.keyDown(await partnerField(), { key: 'a' });
    advance(9 * MINUTE);
    expect(screen.queryByRole('heading', { name: 'Bildschirm gesperrt' })).toBeNull();

    advance(1 * MINUTE + 1);
    const heading = await screen.findByRole('heading', { level: 1, name: 'Bildschirm gesperrt' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText(/Erika Beispiel, bitte geben Sie Ihre PIN ein/)).toBeTruthy();
    // Nothing of the form is in the page, not even hidden.
    expect(document.body.innerHTML).not.toContain('Herr Entwurf');
    expect(screen.queryByLabelText(/Mit wem haben Sie telefoniert/)).toBeNull();

    // Someone else at the tablet goes to "Meine Einträge": still the lock, no entry in the page.
    act(() => void (location.hash = '#/eintraege'));
    await screen.findByRole('heading', { name: 'Bildschirm gesperrt' });
    expect(document.body.innerHTML).not.toMatch(/Frau Geheimnis|braucht Hilfe|Herr Entwurf/);
    // Reloading does not open it either.
    view.unmount();
    show('#/eintraege', clock);
    await screen.findByRole('heading', { name: 'Bildschirm gesperrt' });
    expect(document.body.innerHTML).not.toMatch(/Frau Geheimnis|braucht Hilfe/);

    // No PIN, then a wrong one: still locked, said at the field.
    fireEvent.click(screen.getByRole('button', { name: 'Entsperren' }));
    expect(await screen.findByText('Bitte geben Sie Ihre PIN ein.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('PIN'), { target: { value: '1358' } });
    fireEvent.click(screen.getByRole('button', { name: 'Entsperren' }));
    expect(await screen.findByText('Die PIN stimmt nicht. Noch 4 Versuche.')).toBeTruthy();
    expect(screen.getByLabelText('PIN').getAttribute('aria-describedby')).toBe('lock-error');
    expect(document.body.innerHTML).not.toMatch(/Frau Geheimnis/);
    expect((await db.session.get('session'))?.locked).toBe(true);

    // The right PIN opens it on the screen it was on, and the typed form is back.
    act(() => void (location.hash = '#/anruf'));
    fireEvent.input(screen.getByLabelText('PIN'), { target: { value: '4711' } });
    fireEvent.click(screen.getByRole('button', { name: 'Entsperren' }));
    await waitFor(async () =>
      expect(((await partnerField()) as HTMLInputElement).value).toBe('Herr Entwurf'),
    );
    expect(screen.queryByRole('heading', { name: 'Bildschirm gesperrt' })).toBeNull();
    expect((await db.people.get(ERIKA.userId))?.offlineFailures).toBe(0);
  });

  it('follows the set minutes, and lets another person sign in while the locked one stays', async () => {
    const { clock, advance, armed } = fakeClock();
    show('#/', clock, 5);
    await screen.findByText(/Angemeldet: Erika Beispiel/);
    await armed();
    advance(5 * MINUTE - 1);
    expect(screen.queryByRole('heading', { name: 'Bildschirm gesperrt' })).toBeNull();
    advance(1);
    await screen.findByRole('heading', { name: 'Bildschirm gesperrt' });

    fireEvent.click(screen.getByRole('button', { name: 'Andere Person anmelden' }));
    await screen.findByRole('heading', { level: 1, name: 'Anmelden' });
    expect(await db.session.get('session')).toBeUndefined();
    // Erika is still signed in on the tablet (she comes back with her PIN), and her data stays.
    expect(await db.people.get(ERIKA.userId)).toMatchObject({ session: ERIKA.session });
    expect(await db.entries.count()).toBe(1);
    // With nobody current, no screen shows her entries.
    act(() => void (location.hash = '#/eintraege'));
    await waitFor(() => expect(document.body.innerHTML).not.toContain('Frau Geheimnis'));
  });

  it('locks at once with "Bildschirm sperren" on the start screen', async () => {
    const { clock } = fakeClock();
    show('#/', clock);
    fireEvent.click(await screen.findByRole('button', { name: 'Bildschirm sperren' }));
    await screen.findByRole('heading', { name: 'Bildschirm gesperrt' });
    expect(screen.queryByText(/Angemeldet: Erika Beispiel/)).toBeNull();
  });
});
