// Logging an advice session (Beratung) against real Dexie (fake-indexeddb): every field into
// the outbox, errors next to their fields with nothing typed lost, and the draft — autosaved,
// restored after the screen closed, written when the page goes away, discarded only after
// asking.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/instance';
import {
  ERIKA,
  outboxNames,
  press,
  show,
  tick,
  tickBox,
  type,
  useEntryWorld,
  valueOf,
} from './entry-world';

useEntryWorld();

describe('logging an advice session', () => {
  it('saves every field, with native controls only (keyboard), and says where it is', async () => {
    show('#/beratung');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Beratung eintragen' }),
    ).toBeTruthy();
    await screen.findByRole('checkbox', { name: 'Pflege' });
    type('Datum', '2026-11-25');
    type('Uhrzeit', '10:15');
    type('Wie lange? (Minuten)', '45');
    tick('Zu Hause bei der Person');
    tickBox('Pflege');
    tickBox('Geld und Anträge');
    tick('80 bis 89');
    tick('Nein');
    fireEvent.change(screen.getByLabelText('Weitervermittelt an (freiwillig)'), {
      target: { value: 'i1' },
    });
    type('Wiedervorlage (freiwillig)', '2026-12-01');
    tickBox('Ich mache mir Sorgen / es braucht Hilfe');
    type('Notiz (freiwillig)', 'Antrag Pflegegrad besprochen');
    // Every control is a native one with its label, in the document's order, so the keyboard
    // reaches and works each (Tab, Space, arrow keys, Enter).
    const form = document.querySelector('form') as HTMLFormElement;
    expect(form.querySelectorAll('[tabindex]')).toHaveLength(0);
    for (const control of form.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
      expect(control.labels?.length).toBeGreaterThan(0);
    }
    fireEvent.submit(form); // Enter in any field
    await screen.findByText(/^Auf diesem Gerät gespeichert\. Die Beratung wird übertragen/);
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({ name: 'advice.create', author: ERIKA.userId });
    expect(row?.args).toMatchObject({
      occurredAt: '2026-11-25T09:15:00.000Z',
      durationMinutes: 45,
      place: 'home',
      topics: [
        { id: 'topic-2', name: 'Pflege' },
        { id: 'topic-3', name: 'Geld und Anträge' },
      ],
      ageBand: '80to89',
      firstContact: false,
      referral: { id: 'i1', name: 'Seniorenbeirat Stadt Krefeld' },
      followUp: '2026-12-01',
      concern: true,
      note: 'Antrag Pflegegrad besprochen',
    });
    expect(await db.drafts.count()).toBe(0);
    // The form starts again, empty, for the next session.
    expect(valueOf('Wie lange? (Minuten)')).toBe('');
  });

  it('asks for no name, and says not to write any in the note', async () => {
    show('#/beratung');
    await screen.findByLabelText('Notiz (freiwillig)');
    expect(screen.queryByLabelText(/name/i)).toBeNull();
    expect(screen.getByText('Bitte keine Namen oder Adressen eintragen.')).toBeTruthy();
  });

  it('names what is missing next to each field, focuses the first, and keeps what was typed', async () => {
    show('#/beratung');
    await screen.findByRole('checkbox', { name: 'Wohnen' });
    type('Wie lange? (Minuten)', '45');
    type('Notiz (freiwillig)', 'Erst einmal zugehört');
    press('Speichern');
    expect(await screen.findByText('Bitte wählen Sie, wo die Beratung war.')).toBeTruthy();
    expect(screen.getByText('Bitte wählen Sie mindestens ein Thema.')).toBeTruthy();
    expect(screen.getByText(/Bitte wählen Sie eine Altersgruppe/)).toBeTruthy();
    expect(screen.getByText(/Noch nicht gespeichert/)).toBeTruthy();
    // Each error belongs to its question, and the first wrong one has the focus.
    const place = screen.getByRole('group', { name: 'Wo war die Beratung?' });
    expect(place.getAttribute('aria-describedby')).toBe('advice-place-error');
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Im Laden' }));
    expect(valueOf('Wie lange? (Minuten)')).toBe('45');
    expect(valueOf('Notiz (freiwillig)')).toBe('Erst einmal zugehört');
    expect(await db.outbox.count()).toBe(0);

    tick('Im Laden');
    tickBox('Wohnen');
    // The age band's "Weiß nicht" (first contact has one too, and starts on it).
    fireEvent.click(
      within(screen.getByRole('group', { name: /Wie alt/ })).getByRole('radio', {
        name: 'Weiß nicht',
      }),
    );
    press('Speichern');
    await screen.findByText(/^Auf diesem Gerät gespeichert\./);
    expect(screen.queryByText('Bitte wählen Sie, wo die Beratung war.')).toBeNull();
    expect(await outboxNames()).toEqual(['advice.create']);
  });

  it('refuses a follow-up before the session, next to that field', async () => {
    show('#/beratung');
    await screen.findByRole('checkbox', { name: 'Wohnen' });
    type('Datum', '2026-11-25');
    type('Wiedervorlage (freiwillig)', '2026-11-24');
    press('Speichern');
    const error = await screen.findByText(/nicht vor dem Tag der Beratung/);
    expect(error.id).toBe('advice-follow-up-error');
    expect(valueOf('Wiedervorlage (freiwillig)')).toBe('2026-11-24');
  });

  it('restores the draft after the screen was closed (and survives a reload)', async () => {
    const view = show('#/beratung');
    await screen.findByRole('checkbox', { name: 'Pflege' });
    type('Wie lange? (Minuten)', '20');
    tickBox('Pflege');
    await waitFor(async () =>
      expect((await db.drafts.get(`advice-new@${ERIKA.userId}`))?.data).toMatchObject({
        duration: '20',
        topicIds: ['topic-2'],
      }),
    );
    view.unmount();
    show('#/beratung');
    expect(await screen.findByText('Ihre letzten Eingaben wurden wiederhergestellt.')).toBeTruthy();
    expect(valueOf('Wie lange? (Minuten)')).toBe('20');
    const pflege = (await screen.findByRole('checkbox', { name: 'Pflege' })) as HTMLInputElement;
    expect(pflege.checked).toBe(true);
  });

  it('writes the last keystrokes to the draft when the page goes away', async () => {
    show('#/beratung');
    await screen.findByLabelText('Wie lange? (Minuten)');
    type('Wie lange? (Minuten)', '35');
    act(() => void dispatchEvent(new Event('pagehide')));
    await waitFor(async () =>
      expect((await db.drafts.get(`advice-new@${ERIKA.userId}`))?.data).toMatchObject({
        duration: '35',
      }),
    );
  });

  it('discards the draft only after asking', async () => {
    show('#/beratung');
    await screen.findByLabelText('Notiz (freiwillig)');
    type('Notiz (freiwillig)', 'Noch nicht fertig');
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    press('Entwurf verwerfen');
    expect(screen.getByRole('alert').textContent).toBe(
      'Alles löschen, was Sie hier eingegeben haben, und neu anfangen?',
    );
    // The safe answer has the focus; "Nein" keeps everything.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Nein, behalten' }));
    press('Nein, behalten');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Entwurf verwerfen' }));
    expect(valueOf('Notiz (freiwillig)')).toBe('Noch nicht fertig');
    expect(await db.drafts.count()).toBe(1);

    press('Entwurf verwerfen');
    press('Ja, verwerfen');
    expect(await screen.findByText('Der Entwurf wurde verworfen.')).toBeTruthy();
    expect(valueOf('Notiz (freiwillig)')).toBe('');
    expect(await db.drafts.count()).toBe(0);
    expect(screen.queryByRole('button', { name: 'Entwurf verwerfen' })).toBeNull();
  });

  it('speaks English too', async () => {
    show('#/beratung', 'en');
    expect(await screen.findByRole('heading', { name: 'Log an advice session' })).toBeTruthy();
    expect(await screen.findByText('Please do not enter names or addresses.')).toBeTruthy();
  });
});
