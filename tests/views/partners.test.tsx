// "Meine Gesprächspartner" and calls with a registered partner, against real Dexie
// (fake-indexeddb) with partners pulled as the server sends them: one card per partner with
// the last and the next call; "Alles gut" logs exactly one reached call of the usual length
// after a short hold, "Rückgängig" logs none, "Nicht erreicht" logs an unreached one, three
// unanswered in a row flag the partner; "Anders …" and the call form choose the partner; the
// start screen shows the button to callers only; a card says in one quiet line what the partner
// agreed to (their consent, recorded by staff).
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/instance';
import { logPartnerCall } from '../../src/db/partner-call-log';
import { applyPull } from '../../src/db/pull';
import { CALL_HOLD_MS } from '../../src/views/entries/partners/held-calls';
import { partnerRecord } from '../support/entry-builders';
import { pullResponse } from '../support/fixtures';
import {
  ERIKA,
  mine,
  outboxNames,
  press,
  show,
  tick,
  type,
  useEntryWorld,
  valueOf,
} from './entry-world';
import { setVisibility } from './walk-world';

useEntryWorld();

async function pullPartners(callers = [ERIKA.userId]) {
  await applyPull(
    db,
    pullResponse(2, {
      changes: {
        partners: [
          partnerRecord('p-ilse', {
            name: 'Ilse',
            callers,
            usualMinutes: 25,
            preferredTimes: 'vormittags, nicht mittwochs',
            phone: '02151 / 12 34-56',
            consentOn: '2026-03-03',
            consentForm: 'oral',
            consentScope: 'wöchentliche Anrufe',
          }),
          partnerRecord('p-otto', { name: 'Otto', callers, usualMinutes: 20, phone: '' }),
          partnerRecord('p-else', { name: 'Else', callers: ['u-someone-else'] }),
        ],
      },
    }),
    0,
  );
}

const cardOf = async (name: string) =>
  (await screen.findByRole('heading', { level: 2, name: new RegExp(`^${name}`) })).closest(
    'li',
  ) as HTMLElement;
/** The cards, once the page has focused its heading (an effect, run after paint): a test that
 * fakes the timers must not hold that effect back to steal the focus later. */
const shownCardOf = async (name: string) => {
  const heading = await screen.findByRole('heading', { level: 1, name: 'Meine Gesprächspartner' });
  await waitFor(() => expect(document.activeElement).toBe(heading));
  return cardOf(name);
};
const callRows = async () =>
  (await db.outbox.toArray()).filter((row) => row.name === 'call.create');

describe('the cards', () => {
  beforeEach(() => pullPartners());

  it('show the caller’s partners only, with good times, last and next call and a phone link', async () => {
    show('#/gespraeche');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Meine Gesprächspartner' }),
    ).toBeTruthy();
    const ilse = await cardOf('Ilse');
    expect(screen.queryByRole('heading', { name: 'Else' })).toBeNull();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Ilse',
      'Otto',
    ]);
    expect(within(ilse).getByText('Gute Zeiten: vormittags, nicht mittwochs')).toBeTruthy();
    // What Ilse agreed to, as staff recorded it; Otto's consent is not recorded: no line.
    expect(within(ilse).getByText('Einverstanden mit: wöchentliche Anrufe')).toBeTruthy();
    expect(within(await cardOf('Otto')).queryByText(/Einverstanden/)).toBeNull();
    expect(within(ilse).getByText('Letzter Anruf: noch keiner eingetragen')).toBeTruthy();
    expect(within(ilse).getByText('Nächster Anruf: heute')).toBeTruthy();
    const phone = within(ilse).getByRole('link', { name: /Anrufen/ });
    expect(phone.getAttribute('href')).toBe('tel:02151123456');
    expect(within(await cardOf('Otto')).queryByRole('link', { name: /Anrufen/ })).toBeNull();
    // Native buttons and links only: the keyboard reaches and works each.
    expect(ilse.querySelectorAll('[tabindex]')).toHaveLength(0);
  });

  it('"Alles gut" logs exactly one reached call of the usual length, after the hold', async () => {
    show('#/gespraeche');
    const ilse = await shownCardOf('Ilse');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.click(within(ilse).getByRole('button', { name: 'Alles gut' }));
    expect(within(ilse).getByText('Anruf mit Ilse eingetragen (25 Minuten).')).toBeTruthy();
    const undo = within(ilse).getByRole('button', { name: 'Rückgängig' });
    expect(document.activeElement).toBe(undo);
    // The tapped buttons give way while held: a second tap cannot log a second call.
    expect(within(ilse).queryByRole('button', { name: 'Alles gut' })).toBeNull();
    expect(await callRows()).toHaveLength(0);
    act(() => void vi.advanceTimersByTime(CALL_HOLD_MS));
    vi.useRealTimers();
    await waitFor(async () => expect(await callRows()).toHaveLength(1));
    const [row] = await callRows();
    expect(row?.args).toMatchObject({
      partner: 'Ilse',
      partnerId: 'p-ilse',
      reached: true,
      durationMinutes: 25,
    });
    expect(row?.author).toBe(ERIKA.userId);
    expect(await within(ilse).findByText(/^Letzter Anruf: .* · erreicht$/)).toBeTruthy();
    expect(within(ilse).getByRole('button', { name: 'Alles gut' })).toBeTruthy();
  });

  it('"Rückgängig" logs nothing at all, and the focus goes back to "Alles gut"', async () => {
    show('#/gespraeche');
    const ilse = await shownCardOf('Ilse');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.click(within(ilse).getByRole('button', { name: 'Alles gut' }));
    fireEvent.click(within(ilse).getByRole('button', { name: 'Rückgängig' }));
    const ok = within(ilse).getByRole('button', { name: 'Alles gut' });
    act(() => void vi.advanceTimersByTime(CALL_HOLD_MS * 2));
    vi.useRealTimers();
    expect(document.activeElement).toBe(ok);
    expect(await db.outbox.count()).toBe(0);
  });

  it('"Nicht erreicht" logs an unreached call; the page going away writes it at once', async () => {
    show('#/gespraeche');
    const otto = await cardOf('Otto');
    fireEvent.click(within(otto).getByRole('button', { name: 'Nicht erreicht' }));
    expect(within(otto).getByText('Eingetragen: Otto nicht erreicht.')).toBeTruthy();
    setVisibility('hidden');
    setVisibility('visible');
    await waitFor(async () => expect(await callRows()).toHaveLength(1));
    expect((await callRows())[0]?.args).toMatchObject({
      partnerId: 'p-otto',
      reached: false,
      durationMinutes: 0,
    });
  });

  it('flags a partner not reached three times in a row, for staff', async () => {
    const base = Date.UTC(2026, 10, 20, 9);
    const unreached = (days: number) =>
      logPartnerCall(db, {
        partnerId: 'p-ilse',
        reached: false,
        ...mine,
        now: base + days * 86_400_000,
      });
    await logPartnerCall(db, { partnerId: 'p-ilse', reached: true, ...mine, now: base });
    await unreached(1);
    await unreached(2);
    show('#/gespraeche');
    const ilse = await cardOf('Ilse');
    expect(within(ilse).queryByText(/3-mal nicht erreicht/)).toBeNull();
    await unreached(3);
    expect(
      await within(ilse).findByText('3-mal nicht erreicht – das Team im Laden weiß Bescheid'),
    ).toBeTruthy();
    expect(within(await cardOf('Otto')).queryByText(/3-mal nicht erreicht/)).toBeNull();
  });

  it('"Anders …" opens the call form with the partner and their usual length', async () => {
    show('#/gespraeche');
    const link = within(await cardOf('Ilse')).getByRole('link', { name: 'Anders …' });
    expect(link.getAttribute('href')).toBe('#/anruf/p-ilse');
    act(() => void (location.hash = '#/anruf/p-ilse'));
    await screen.findByRole('heading', { level: 1, name: 'Anruf eintragen' });
    const ilse = (await screen.findByRole('radio', { name: 'Ilse' })) as HTMLInputElement;
    expect(ilse.checked).toBe(true);
    expect(valueOf('Wie lange? (Minuten)')).toBe('25');
    // No name to type for a registered partner.
    expect(screen.queryByLabelText('Mit wem haben Sie telefoniert?')).toBeNull();
    type('Wie lange? (Minuten)', '45');
    fireEvent.click(screen.getByRole('checkbox', { name: /Ich mache mir Sorgen/ }));
    press('Speichern');
    await screen.findByText(/^Auf diesem Gerät gespeichert\. Der Anruf/);
    expect((await callRows())[0]?.args).toMatchObject({
      partner: 'Ilse',
      partnerId: 'p-ilse',
      durationMinutes: 45,
      concern: true,
    });
  });
});

describe('the call form with partners', () => {
  it('offers the partners and someone else; a typed name is a call without a partner', async () => {
    await pullPartners();
    show('#/anruf');
    const group = await screen.findByRole('group', { name: 'Wen haben Sie angerufen?' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((radio) => radio.parentElement?.textContent),
    ).toEqual(['Ilse', 'Otto', 'Jemand anderes (Namen eintippen)']);
    expect(
      (screen.getByRole('radio', { name: 'Jemand anderes (Namen eintippen)' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    type('Mit wem haben Sie telefoniert?', 'Frau K.');
    type('Wie lange? (Minuten)', '10');
    press('Speichern');
    await screen.findByText(/^Auf diesem Gerät gespeichert\./);
    expect((await callRows())[0]?.args).toMatchObject({ partner: 'Frau K.', partnerId: null });

    tick('Otto');
    expect(screen.queryByLabelText('Mit wem haben Sie telefoniert?')).toBeNull();
    expect(valueOf('Wie lange? (Minuten)')).toBe('20');
    press('Speichern');
    await waitFor(async () => expect(await callRows()).toHaveLength(2));
    expect((await callRows())[1]?.args).toMatchObject({ partner: 'Otto', partnerId: 'p-otto' });
    expect(await outboxNames()).toEqual(['call.create', 'call.create']);
  });

  it('without partners, stays the free-text form it was', async () => {
    show('#/anruf');
    await screen.findByLabelText('Mit wem haben Sie telefoniert?');
    expect(screen.queryByRole('group', { name: 'Wen haben Sie angerufen?' })).toBeNull();
  });
});

describe('the start screen', () => {
  it('shows "Meine Gesprächspartner" to callers only', async () => {
    show('#/');
    await screen.findByText(/Angemeldet: Erika Beispiel/);
    await screen.findByRole('link', { name: /Spaziergang aufzeichnen/ });
    expect(screen.queryByRole('link', { name: /Meine Gesprächspartner/ })).toBeNull();
    await pullPartners();
    const link = await screen.findByRole('link', { name: /Meine Gesprächspartner/ });
    expect(link.getAttribute('href')).toBe('#/gespraeche');
  });

  it('says so when no partner is assigned', async () => {
    await pullPartners(['u-someone-else']);
    show('#/gespraeche');
    expect(
      await screen.findByText(/Ihnen sind noch keine Gesprächspartner zugeordnet/),
    ).toBeTruthy();
  });
});
