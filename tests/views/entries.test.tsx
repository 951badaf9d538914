// The entry screens against real Dexie (fake-indexeddb): what a volunteer sees and what lands
// in the outbox when they set up, sign in (also offline), log and change calls, and read the
// sync state. Advice sessions, "Meine Einträge" and deleting: entry-screens.test.tsx.
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appWrites } from '../../src/db/app-writes';
import { saveEntry } from '../../src/db/entries';
import { clearCurrentPerson, saveEnrolment, saveSession } from '../../src/db/device-identity';
import { db } from '../../src/db/instance';
import { acknowledge } from '../../src/db/outbox-settle';
import { applyPull } from '../../src/db/pull';
import { makePinVerifier } from '../../src/sync/pin-verifier';
import { setUpdateAdvised } from '../../src/sync/status';
import { App } from '../../src/views/app-frame';
import { SAVING_SHOWN_AFTER_MS } from '../../src/views/entries/use-entry-save';
import { callValues } from '../support/entry-builders';
import { pullResponse } from '../support/fixtures';

const ERIKA = {
  userId: 'u-erika',
  name: 'Erika Beispiel',
  role: 'volunteer' as const,
  session: 's-erika.abcdefghijklmnopqrstuvwxyz',
};

const show = (hash: string) => {
  location.hash = hash;
  return render(<App initialSettings={{ textSize: 'normal', lang: 'de' }} />);
};

async function enrolled(session = true) {
  await saveEnrolment(
    db,
    { deviceId: 'd1', credential: 'secret', quarter: { id: 'q', name: 'Südliche Innenstadt' } },
    0,
  );
  if (session) await saveSession(db, ERIKA, 0);
}

const call = (partner: string) => callValues(partner, { occurredAt: '2026-11-20T09:00:00.000Z' });
const saveCall = (values: ReturnType<typeof call>, options: { author: string; now: number }) =>
  saveEntry(db, 'call', values, options);

// The entry screens are a lazy chunk; loading it once up front keeps the first test's wait for
// a screen from counting the module's first transform.
beforeAll(() => import('../../src/views/entries/screens'));
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

describe('start screen', () => {
  it('asks to set up a device that is not enrolled', async () => {
    show('#/');
    expect(await screen.findByText(/Dieses Gerät ist noch nicht eingerichtet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Gerät einrichten' }).getAttribute('href')).toBe(
      '#/geraet',
    );
  });

  it('says who is signed in, and how many entries wait', async () => {
    await enrolled();
    await saveCall(call('Frau K.'), { author: ERIKA.userId, now: 0 });
    show('#/');
    expect(await screen.findByText(/Angemeldet: Erika Beispiel/)).toBeTruthy();
    expect(await screen.findByText('1 Eintrag wartet auf Übertragung')).toBeTruthy();
  });
});

describe('an app too old for the server', () => {
  it('asks to update, and says the entries are still sent', async () => {
    await enrolled();
    show('#/');
    await screen.findByText(/Angemeldet: Erika Beispiel/);
    expect(screen.queryByText(/Bitte aktualisieren Sie die App/)).toBeNull();
    setUpdateAdvised(true);
    expect(await screen.findByText(/Bitte aktualisieren Sie die App/)).toBeTruthy();
    setUpdateAdvised(false);
  });
});

describe('signing in without a connection', () => {
  beforeEach(async () => {
    await enrolled(false);
    await saveSession(db, ERIKA, 0, await makePinVerifier('4711'));
    await clearCurrentPerson(db);
    // The server cannot be reached: every request fails as fetch does offline.
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
  });
  afterEach(() => vi.restoreAllMocks());

  async function signInAs(pin: string) {
    fireEvent.click(await screen.findByRole('radio', { name: 'Erika Beispiel' }));
    fireEvent.input(screen.getByLabelText('PIN'), { target: { value: pin } });
    fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
  }

  it('offers the people who signed in here before, and checks the PIN on the device', async () => {
    show('#/anmelden');
    expect(await screen.findByText(/Gerade keine Verbindung zum Server/)).toBeTruthy();
    await signInAs('4711');
    expect(await screen.findByText(/Angemeldet: Erika Beispiel/)).toBeTruthy();
  });

  it('refuses a wrong PIN, and after 5 says that the next sign-in needs the internet', async () => {
    show('#/anmelden');
    await signInAs('1358');
    expect(await screen.findByText(/Name oder PIN stimmen nicht\. Ohne Internet/)).toBeTruthy();
    for (let i = 0; i < 4; i++) {
      fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
      await waitFor(() =>
        expect(screen.getByRole('button', { name: 'Anmelden' }).hasAttribute('disabled')).toBe(
          false,
        ),
      );
    }
    expect(await screen.findByText(/Die PIN war zu oft falsch/)).toBeTruthy();
    expect((await db.people.get(ERIKA.userId))?.verifier).toBeNull();
    expect(await db.session.count()).toBe(0);
  });
});

describe('signing in when the server holds back', () => {
  beforeEach(() => enrolled(false));
  afterEach(() => vi.restoreAllMocks());

  /** The server lists Erika, and answers her sign-in with `status` and `error`. */
  function serverAnswers(status: number, error: string) {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const json = (body: unknown, code = 200) =>
        new Response(JSON.stringify(body), {
          status: code,
          headers: { 'content-type': 'application/json' },
        });
      if (String(input).endsWith('/device/sign-in')) {
        return json({ error, message: 'vom Server' }, status);
      }
      return json({
        deviceId: 'd1',
        quarter: { id: 'q1', name: 'Testquartier' },
        users: [{ id: ERIKA.userId, name: ERIKA.name, role: 'volunteer' }],
      });
    });
  }

  async function signInAs(pin: string) {
    fireEvent.click(await screen.findByRole('radio', { name: 'Erika Beispiel' }));
    fireEvent.input(screen.getByLabelText('PIN'), { target: { value: pin } });
    fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
  }

  it('says to wait a moment after several wrong PINs (429)', async () => {
    serverAnswers(429, 'too_many_requests');
    show('#/anmelden');
    await signInAs('1358');
    expect(await screen.findByText(/Bitte warten Sie einen Moment/)).toBeTruthy();
  });

  it('says the name is locked and who unlocks it (423)', async () => {
    serverAnswers(423, 'account_locked');
    show('#/anmelden');
    await signInAs('1358');
    expect(await screen.findByText(/im Laden wieder freischalten/)).toBeTruthy();
    expect(await db.session.count()).toBe(0);
  });
});

describe('logging a call', () => {
  beforeEach(() => enrolled());

  it('asks to sign in first when nobody is', async () => {
    await db.session.clear();
    show('#/anruf');
    expect(await screen.findByText('Bitte melden Sie sich zuerst an.')).toBeTruthy();
  });

  it('names wrong fields next to them, keeps what was typed, and saves nothing', async () => {
    show('#/anruf');
    fireEvent.input(await screen.findByLabelText('Wie lange? (Minuten)'), {
      target: { value: 'zehn' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    const partner = screen.getByLabelText(/Mit wem haben Sie telefoniert/);
    expect(await screen.findByText(/Bitte einen Vornamen oder ein Kürzel eintragen/)).toBeTruthy();
    expect(partner.getAttribute('aria-invalid')).toBe('true');
    expect(partner.getAttribute('aria-describedby')).toContain('call-partner-error');
    expect(document.activeElement).toBe(partner);
    const duration = screen.getByLabelText('Wie lange? (Minuten)') as HTMLInputElement;
    expect(duration.value).toBe('zehn');
    expect(screen.getByText(/Bitte die Minuten als ganze Zahl eintragen/)).toBeTruthy();
    expect(await db.outbox.count()).toBe(0);
  });

  it('says "Auf diesem Gerät gespeichert" once the call and its outbox row are stored', async () => {
    show('#/anruf');
    fireEvent.input(await screen.findByLabelText(/Mit wem haben Sie telefoniert/), {
      target: { value: 'Frau K.' },
    });
    fireEvent.input(screen.getByLabelText('Wie lange? (Minuten)'), { target: { value: '25' } });
    fireEvent.click(screen.getByLabelText(/Ich mache mir Sorgen/));
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    await screen.findByText(/^Auf diesem Gerät gespeichert\./);
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({ name: 'call.create', v: 3, author: ERIKA.userId });
    expect(row?.args).toMatchObject({
      partner: 'Frau K.',
      durationMinutes: 25,
      concern: true,
      partnerId: null,
    });
    expect(await db.drafts.count()).toBe(0);
  });

  it('a quick save goes straight to "gespeichert"; a slow one says so, and a second tap saves once', async () => {
    show('#/anruf');
    const texts: string[] = [];
    const watch = new MutationObserver(() => texts.push(document.body.textContent ?? ''));
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    const typeCall = (partner: string) => {
      fireEvent.input(screen.getByLabelText(/Mit wem haben Sie telefoniert/), {
        target: { value: partner },
      });
      fireEvent.input(screen.getByLabelText('Wie lange? (Minuten)'), { target: { value: '10' } });
    };
    await screen.findByLabelText(/Mit wem haben Sie telefoniert/);
    typeCall('Frau K.');
    const clicked = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    await screen.findByText(/^Auf diesem Gerät gespeichert\./);
    // No redraw to "Wird gespeichert …" in between (a save here takes a few ms; only one slower
    // than SAVING_SHOWN_AFTER_MS, on a very busy machine, may show it, and rightly so).
    if (Date.now() - clicked < SAVING_SHOWN_AFTER_MS) {
      expect(texts.filter((text) => text.includes('Wird gespeichert'))).toEqual([]);
    }
    watch.disconnect();

    // A slow save: the button says it is busy and takes no second tap.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const save = appWrites.saveEntry;
    const saving = vi.spyOn(appWrites, 'saveEntry').mockImplementation(async (...args) => {
      await held;
      return save(...args);
    });
    typeCall('Herr B.');
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    const busy = await screen.findByRole('button', { name: 'Wird gespeichert …' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(busy.closest('form') as HTMLFormElement);
    release();
    await screen.findByText(/^Auf diesem Gerät gespeichert\./);
    expect(saving).toHaveBeenCalledTimes(1);
    expect((await db.outbox.toArray()).map((row) => row.args)).toEqual([
      expect.objectContaining({ partner: 'Frau K.' }),
      expect.objectContaining({ partner: 'Herr B.' }),
    ]);
    saving.mockRestore();
  });

  it('restores what was typed after the screen was closed', async () => {
    const view = show('#/anruf');
    fireEvent.input(await screen.findByLabelText(/Mit wem haben Sie telefoniert/), {
      target: { value: 'Herr B.' },
    });
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    view.unmount();
    show('#/anruf');
    expect(await screen.findByText('Ihre letzten Eingaben wurden wiederhergestellt.')).toBeTruthy();
    expect((screen.getByLabelText(/Mit wem haben Sie telefoniert/) as HTMLInputElement).value).toBe(
      'Herr B.',
    );
  });

  it('an edit sends only the changed field', async () => {
    const saved = await saveCall(call('Frau K.'), { author: ERIKA.userId, now: 0 });
    show(`#/anrufe/${saved.id}`);
    fireEvent.input(await screen.findByLabelText('Notiz (freiwillig)'), {
      target: { value: 'Rückruf Freitag' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Änderung speichern' }));
    await screen.findByText(/^Auf diesem Gerät gespeichert\./);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((row) => row.name)).toEqual(['call.create', 'call.update']);
    expect(rows[1]?.args).toEqual({
      id: saved.id,
      baseVersion: null,
      fields: { note: 'Rückruf Freitag' },
    });
  });
});

describe('my entries and the sync state', () => {
  beforeEach(() => enrolled());

  it('shows each call as saved on the device, then as sent', async () => {
    await saveCall(call('Frau K.'), { author: ERIKA.userId, now: 0 });
    show('#/anrufe');
    expect(await screen.findByText('Auf diesem Gerät gespeichert')).toBeTruthy();
    await acknowledge(db, 1, []);
    expect(await screen.findByText('Übertragen')).toBeTruthy();
  });

  it('lists what waits, since when, and what needs attention, in plain words', async () => {
    const created = Date.UTC(2026, 10, 20, 9, 0);
    await saveCall(call('Frau K.'), { author: ERIKA.userId, now: created });
    await saveCall(call('Herr B.'), { author: ERIKA.userId, now: created + 60_000 });
    await saveCall(call(''.padEnd(3, 'x')), { author: ERIKA.userId, now: created + 120_000 });
    await acknowledge(db, 1, [
      { seq: 1, code: 'unknown_author', message: 'Die Person ist nicht freigeschaltet.' },
    ]);
    show('#/uebertragung');
    expect(
      await screen.findByText(
        '2 Einträge warten auf Übertragung (ältester vom 20.11.2026, 10:01).',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Die Person ist nicht freigeschaltet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Gelesen – aus der Liste nehmen' }));
    expect(await screen.findByText('Nichts braucht Aufmerksamkeit.')).toBeTruthy();
  });

  it('says whose entries wait until that person signs in here again', async () => {
    await saveSession(
      db,
      { ...ERIKA, userId: 'u-hans', name: 'Hans', session: 's-hans.abcdefghijklmnopq' },
      0,
    );
    await db.people.update('u-hans', { session: null }); // the server revoked his session
    await saveCall(call('Herr B.'), { author: 'u-hans', now: 0 });
    show('#/uebertragung');
    expect(
      await screen.findByText(
        /Einträge von Hans warten, bis sich Hans auf diesem Gerät wieder anmeldet/,
      ),
    ).toBeTruthy();
  });

  it('warns about a clock far off and an entry waiting over a day while online', async () => {
    await saveCall(call('Frau K.'), { author: ERIKA.userId, now: Date.UTC(2026, 10, 1) });
    // The device reached the server two days later, its clock three hours behind the server's.
    const pulledAt = Date.UTC(2026, 10, 3, 9);
    await applyPull(
      db,
      {
        ...pullResponse(1, { reset: true }),
        serverTime: new Date(pulledAt + 3 * 3_600_000).toISOString(),
      },
      pulledAt,
    );
    show('#/uebertragung');
    expect(await screen.findByText(/Ein Eintrag wartet schon über einen Tag/)).toBeTruthy();
    expect(screen.getByText(/geht um etwa 3 Stunden falsch/)).toBeTruthy();
  });

  it('downloads the unsent entries as a JSON file', async () => {
    await saveCall(call('Frau K.'), { author: ERIKA.userId, now: 0 });
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:unsent';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    show('#/uebertragung');
    fireEvent.click(
      await screen.findByRole('button', { name: 'Nicht übertragene Einträge herunterladen' }),
    );
    await waitFor(() => expect(click).toHaveBeenCalled());
    const data = JSON.parse(await blobs[0]!.text()) as { changes: { args: { partner: string } }[] };
    expect(data.changes.map((change) => change.args.partner)).toEqual(['Frau K.']);
  });
});
