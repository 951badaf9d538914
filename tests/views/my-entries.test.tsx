// "Meine Einträge" and what can be done to an entry, against real Dexie (fake-indexeddb):
// changing it (only the changed fields travel), deleting it with a short undo (nothing in the
// outbox until the hold is over, written at once when the page goes away), every kind by week
// with a filter by kind, and refusals of the server shown and dismissed.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { saveEntry } from '../../src/db/entries';
import { db } from '../../src/db/instance';
import { acknowledge } from '../../src/db/outbox-settle';
import { saveTrackChunks } from '../../src/db/tracks';
import { DELETE_HOLD_MS } from '../../src/views/entries/pending-deletes';
import { adviceValues, callValues } from '../support/entry-builders';
import { mine, outboxNames, press, show, tickBox, type, useEntryWorld } from './entry-world';

useEntryWorld();

describe('changing an entry', () => {
  it('opens the form of its kind and sends only the changed fields', async () => {
    const saved = await saveEntry(db, 'advice', adviceValues(), mine);
    show(`#/eintrag/${saved.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Beratung ändern' })).toBeTruthy();
    await screen.findByRole('checkbox', { name: 'Pflege' });
    // The session's topic "Wohnen" (topic-1) is ticked, as it was saved.
    expect((screen.getByRole('checkbox', { name: 'Wohnen' }) as HTMLInputElement).checked).toBe(
      true,
    );
    type('Wie lange? (Minuten)', '50');
    tickBox('Pflege');
    press('Änderung speichern');
    await screen.findByText(/^Auf diesem Gerät gespeichert\./);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((row) => row.name)).toEqual(['advice.create', 'advice.update']);
    expect(rows[1]?.args).toEqual({
      id: saved.id,
      baseVersion: null,
      fields: {
        durationMinutes: 50,
        topics: [
          { id: 'topic-1', name: 'Wohnen' },
          { id: 'topic-2', name: 'Pflege' },
        ],
      },
    });
  });

  it('says so when the entry is not on this device', async () => {
    show('#/eintrag/gibt-es-nicht');
    expect(
      await screen.findByText('Diesen Eintrag gibt es auf diesem Gerät nicht (mehr).'),
    ).toBeTruthy();
  });
});

describe('deleting with a short undo', () => {
  async function deleteFromItsForm(id: string) {
    show(`#/eintrag/${id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Eintrag löschen' }));
    expect(screen.getByRole('alert').textContent).toBe('Diesen Eintrag wirklich löschen?');
    expect(await db.entries.get(id)).toBeTruthy();
  }

  it('undo brings it back: the entry stays, and no deletion waits in the outbox', async () => {
    const saved = await saveEntry(db, 'call', callValues('Frau K.'), mine);
    await deleteFromItsForm(saved.id);
    press('Ja, löschen');
    expect(await screen.findByText('Eintrag gelöscht.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rückgängig' }));
    press('Rückgängig');
    expect(await screen.findByLabelText(/Mit wem haben Sie telefoniert/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    expect(await db.entries.get(saved.id)).toBeTruthy();
    expect(await outboxNames()).toEqual(['call.create']);
  });

  it('without undo, writes the deletion once the hold is over', async () => {
    const saved = await saveEntry(db, 'call', callValues('Frau K.'), mine);
    await deleteFromItsForm(saved.id);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    press('Ja, löschen');
    expect(screen.getByText('Eintrag gelöscht.')).toBeTruthy();
    vi.advanceTimersByTime(DELETE_HOLD_MS - 1);
    expect(screen.getByRole('button', { name: 'Rückgängig' })).toBeTruthy();
    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    expect(await screen.findByText('Der Eintrag wurde gelöscht.')).toBeTruthy();
    await waitFor(async () => expect(await db.entries.count()).toBe(0));
    expect(await outboxNames()).toEqual(['call.create', 'call.delete']);
    expect(screen.queryByRole('button', { name: 'Rückgängig' })).toBeNull();
  });

  it('the list hides a held entry and offers undo; leaving the page writes the deletion', async () => {
    const kept = await saveEntry(db, 'call', callValues('Herr B.'), mine);
    const gone = await saveEntry(db, 'call', callValues('Frau K.'), mine);
    await deleteFromItsForm(gone.id);
    press('Ja, löschen');
    await screen.findByText('Eintrag gelöscht.');
    act(() => void (location.hash = '#/eintraege'));
    await screen.findByRole('heading', { level: 1, name: 'Meine Einträge' });
    await screen.findByText(/Herr B\./);
    expect(screen.queryByText(/Frau K\./)).toBeNull();
    press('Rückgängig');
    expect(await screen.findByText(/Frau K\./)).toBeTruthy();
    expect(await outboxNames()).toEqual(['call.create', 'call.create']);

    act(() => void (location.hash = `#/eintrag/${gone.id}`));
    fireEvent.click(await screen.findByRole('button', { name: 'Eintrag löschen' }));
    press('Ja, löschen');
    await screen.findByText('Eintrag gelöscht.');
    act(() => void dispatchEvent(new Event('pagehide')));
    await waitFor(async () => expect(await db.entries.get(gone.id)).toBeUndefined());
    expect(await db.entries.get(kept.id)).toBeTruthy();
    expect(await outboxNames()).toEqual(['call.create', 'call.create', 'call.delete']);
  });
});

describe('my entries', () => {
  async function logSome() {
    const older = await saveEntry(
      db,
      'call',
      callValues('Herr B.', { occurredAt: '2026-11-16T09:00:00.000Z' }),
      mine,
    );
    const call = await saveEntry(
      db,
      'call',
      callValues('Frau K.', { occurredAt: '2026-11-25T10:00:00.000Z', concern: true }),
      mine,
    );
    // Monday 30 November, 00:30 in Berlin: already the next week, though Sunday in UTC.
    const advice = await saveEntry(
      db,
      'advice',
      adviceValues({ occurredAt: '2026-11-29T23:30:00.000Z', durationMinutes: 40 }),
      mine,
    );
    await saveEntry(db, 'call', callValues('Jemand anderes'), { ...mine, author: 'u-hans' });
    return { older, call, advice };
  }

  const weekHeadings = () =>
    screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);

  it('shows every kind of the signed-in person by week, newest first', async () => {
    const { advice } = await logSome();
    show('#/eintraege');
    await screen.findByText(/Frau K\./);
    expect(weekHeadings()).toEqual([
      'Woche 49 · 30. November – 6. Dezember 2026',
      'Woche 48 · 23.–29. November 2026',
      'Woche 47 · 16.–22. November 2026',
    ]);
    const link = screen.getByRole('link', { name: /^Beratung · 30\.11\.2026, 00:30/ });
    expect(link.getAttribute('href')).toBe(`#/eintrag/${advice.id}`);
    const card = link.closest('li') as HTMLElement;
    expect(within(card).getByText('Wohnen · 40 Minuten · Im Laden')).toBeTruthy();
    expect(within(card).getByText('Auf diesem Gerät gespeichert')).toBeTruthy();
    expect(screen.getByText('Frau K. · 15 Minuten · Sorge gemeldet')).toBeTruthy();
    expect(screen.queryByText(/Jemand anderes/)).toBeNull();
  });

  it('filters by kind with buttons that say which is on', async () => {
    await logSome();
    show('#/eintraege');
    await screen.findByText(/Frau K\./);
    const filter = screen.getByRole('group', { name: 'Was soll angezeigt werden?' });
    const button = (name: string) => within(filter).getByRole('button', { name });
    expect(button('Alle').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(button('Anrufe'));
    expect(button('Anrufe').getAttribute('aria-pressed')).toBe('true');
    expect(button('Alle').getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByRole('link', { name: /^Beratung/ })).toBeNull();
    expect(weekHeadings()).toHaveLength(2);
    fireEvent.click(button('Beratungen'));
    expect(screen.getAllByRole('link', { name: /^(Anruf|Beratung) ·/ })).toHaveLength(1);
    expect(screen.queryByText(/Frau K\./)).toBeNull();
  });

  it('opens from the old "Meine Anrufe" link with calls chosen', async () => {
    await logSome();
    show('#/anrufe');
    await screen.findByText(/Frau K\./);
    expect(screen.getByRole('button', { name: 'Anrufe' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.queryByRole('link', { name: /^Beratung/ })).toBeNull();
  });

  it('says plainly when there is nothing yet', async () => {
    show('#/eintraege');
    expect(await screen.findByText('Sie haben noch nichts eingetragen.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Neue Beratung eintragen' }).getAttribute('href')).toBe(
      '#/beratung',
    );
  });
});

describe('what the server refused', () => {
  it('lists a refused entry and a refused route chunk, each dismissable', async () => {
    const advice = await saveEntry(db, 'advice', adviceValues(), mine);
    const [chunk] = await saveTrackChunks(
      db,
      'walk-1',
      [{ t: '2026-11-25T10:00:00.000Z', lat: 51.33, lon: 6.56, accuracy: 12 }],
      mine,
    );
    await acknowledge(db, 2, [
      { seq: 1, code: 'invalid_args', message: 'Die Beratung wurde nicht übernommen: Themen.' },
      { seq: chunk as number, code: 'invalid_args', message: 'Ein Punkt liegt außerhalb.' },
    ]);
    show('#/uebertragung');
    expect(
      await screen.findByText(
        'Ein Abschnitt einer Route wurde nicht übernommen: Ein Punkt liegt außerhalb.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Die Beratung wurde nicht übernommen: Themen.')).toBeTruthy();
    expect(screen.getByText(/Braucht Aufmerksamkeit \(2\)/)).toBeTruthy();
    const dismiss = screen.getAllByRole('button', { name: 'Gelesen – aus der Liste nehmen' });
    expect(dismiss).toHaveLength(2);
    fireEvent.click(dismiss[1] as HTMLElement);
    await waitFor(() => expect(screen.queryByText(/Ein Abschnitt einer Route/)).toBeNull());
    expect(await db.rejectedChanges.count()).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Gelesen – aus der Liste nehmen' }));
    expect(await screen.findByText('Nichts braucht Aufmerksamkeit.')).toBeTruthy();
    expect(await db.entries.get(advice.id)).toBeUndefined();
  });
});
