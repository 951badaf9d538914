// The Wochenübersicht and an entry's history against the real server in-process (SQLite):
// figures of entries a tablet pushed, each beside last week's with the change in words;
// previous and next week; per theme and per activity with the Ampel; the week's walk as a
// route with its numbered observation; a concern assigned and closed ("erledigt" refused
// without a note); the week kept on the device and shown offline with its time; a session
// that ends mid-use brings the sign-in back on the same route; a conflict shown side by side
// in the entry's history and resolved there (and a 409 when the entry changed meanwhile).
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { readCachedStaffWeek } from '../../src/db/staff-week-cache';
import type { Mutation } from '../../src/shared/push-protocol';
import { callValues, WHEN } from '../support/entry-builders';
import {
  adviceArgs,
  entryCreate,
  entryUpdate,
  observationArgs,
  trackPoints,
  walkArgs,
  walkTrack,
} from '../server/support/entry-mutations';
import { pullAs } from '../server/support/pull-fixtures';
import { storedEntry } from '../server/support/stored-entries';
import { useStaffViewWorld } from './staff-view-world';

const world = useStaffViewWorld();
const A1 = { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' };

/** Week 48 of 2026 (23–29 November) with every kind, and one call in week 47. */
async function pushTwoWeeks() {
  const { push, erika } = world();
  await push((seq): Mutation[] => [
    entryCreate('call', seq, erika, {
      id: 'c-reached',
      ...callValues('Herr B.', { durationMinutes: 30, activity: A1 }),
    }),
    entryCreate('call', seq + 1, erika, {
      id: 'c-concern',
      ...callValues('Frau K.', { concern: true, note: 'Braucht Hilfe beim Einkaufen.' }),
    }),
    entryCreate('call', seq + 2, erika, {
      id: 'c-missed',
      ...callValues('Herr M.', { reached: false }),
    }),
    entryCreate('advice', seq + 3, erika, adviceArgs('ad1', { occurredAt: WHEN })),
    entryCreate('walk', seq + 4, erika, walkArgs('w1', { activity: A1 })),
    entryCreate('observation', seq + 5, erika, observationArgs('o1', 'w1')),
    walkTrack(seq + 6, erika, 'w1', 0, trackPoints(6)),
    entryCreate('call', seq + 7, erika, {
      id: 'c-last-week',
      ...callValues('Herr B.', {
        occurredAt: '2026-11-18T10:00:00.000Z',
        durationMinutes: 30,
        activity: A1,
      }),
    }),
  ]);
}

const heading = (name: string | RegExp) => screen.findByRole('heading', { level: 1, name });
const W48 = 'Woche 48: 23.–29. November 2026';
const W47 = 'Woche 47: 16.–22. November 2026';

/** The cells of the row headed `label` in the table with this caption. */
function row(caption: string, label: string): string[] {
  const table = screen.getByRole('table', { name: caption });
  const header = within(table).getByRole('rowheader', { name: new RegExp(`^${label}`) });
  const cells = within(header.closest('tr')!).getAllByRole('cell');
  return cells.map((cell) => cell.textContent ?? '');
}
const KINDS = 'Einträge nach Art, diese Woche und Vorwoche';
const MORE = 'Menschen, Zeit und Wege, diese Woche und Vorwoche';

async function openWeek48() {
  world().show('#/team/woche/2026-W48');
  await world().signIn();
  return heading(W48);
}

/** An attention item's follow-up as shown: term → description. */
const followUpOf = (card: HTMLElement) =>
  Object.fromEntries(
    [...card.querySelectorAll('dl > div')].map((pair) => [
      pair.querySelector('dt')!.textContent,
      pair.querySelector('dd')!.textContent,
    ]),
  );

const attentionCard = async (title: string | RegExp) =>
  (await screen.findByRole('heading', { level: 3, name: title })).closest('li') as HTMLElement;

describe('the week', () => {
  it('shows the pushed figures beside last week’s, with the change in symbols and words', async () => {
    await pushTwoWeeks();
    const title = await openWeek48();
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect(row(KINDS, 'Anrufe, erreicht')).toEqual(['2', '1▲ 1 mehr']);
    expect(row(KINDS, 'Anrufe, nicht erreicht')).toEqual(['1', '0▲ 1 mehr']);
    expect(row(KINDS, 'Spaziergänge')).toEqual(['1', '0▲ 1 mehr']);
    expect(row(KINDS, 'Beratungen')).toEqual(['1', '0▲ 1 mehr']);
    expect(row(MORE, 'Teilnehmende')).toEqual(['8', '0▲ 8 mehr']);
    // 30 + 15 + 15 minutes of calls, 30 of advice, 60 of the walk; last week 30.
    expect(row(MORE, 'Stunden Ehrenamt')).toEqual(['2,5', '0,5▲ 2,0 mehr']);
    expect(row(MORE, 'Kilometer gegangen')).toEqual(['1,2', '0,0▲ 1,2 mehr']);
    // The chart is a picture only; its numbers are in the table.
    const chart = document.querySelector('.staff-chart-drawing')!;
    expect(chart.getAttribute('aria-hidden')).toBe('true');
    expect(chart.querySelectorAll('svg').length).toBe(4);

    expect(row('Einträge je Themenfeld, diese Woche und Vorwoche', '1. Fit fürs Alter')).toEqual([
      '2',
      '1▲ 1 mehr',
    ]);
    const activities = 'Einträge je Angebot mit seiner Ampel, diese Woche und Vorwoche';
    const activity = within(screen.getByRole('table', { name: activities })).getByRole(
      'rowheader',
      { name: /^Bewegungstreff/ },
    );
    expect(activity.textContent).toContain('Grün: wird fortgeführt');
    expect(row(activities, 'Bewegungstreff')).toEqual(['2', '1▲ 1 mehr']);
    expect(row(activities, 'Ohne Angebot')).toEqual(['3', '0▲ 3 mehr']);

    // The walk as a route with its observation numbered as in the list below it.
    const route = screen.getByRole('img', { name: 'Route: Rund um den Marktplatz' });
    expect(route.querySelectorAll('path').length).toBeGreaterThan(0);
    expect(route.querySelector('text')?.textContent).toBe('1');
    const walk = route.closest('article')!;
    expect(within(walk).getByRole('listitem').textContent).toContain('Sitzbank');

    // What needs a person: the concern.
    const concern = await attentionCard('Sorge aus einem Anruf mit Frau K.');
    expect(concern.textContent).toContain('Braucht Hilfe beim Einkaufen.');
    expect(concern.textContent).toContain('Eingetragen von Erika M.');
    expect(followUpOf(concern)).toEqual({
      Zuständig: 'Noch niemand',
      'Zu erledigen bis': 'kein Datum',
      Stand: 'Offen',
    });
  });

  it('steps to the week before and back', async () => {
    await pushTwoWeeks();
    await openWeek48();
    fireEvent.click(screen.getByRole('link', { name: /Vorige Woche/ }));
    const title = await heading(W47);
    expect(location.hash).toBe('#/team/woche/2026-W47');
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect(row(KINDS, 'Anrufe, erreicht')).toEqual(['1', '0▲ 1 mehr']);
    expect(screen.getByText('Diese Woche gab es keine Spaziergänge.')).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: /Nächste Woche/ }));
    await heading(W48);
    expect(row(KINDS, 'Anrufe, erreicht')).toEqual(['2', '1▲ 1 mehr']);
  });
});

describe('follow-ups', () => {
  async function openConcernForm() {
    await pushTwoWeeks();
    await openWeek48();
    const card = await attentionCard('Sorge aus einem Anruf mit Frau K.');
    fireEvent.click(within(card).getByRole('button', { name: 'Zuständigkeit und Stand ändern' }));
    const owner = within(card).getByLabelText('Zuständig') as HTMLSelectElement;
    await waitFor(() => expect(document.activeElement).toBe(owner));
    const bernd = within(owner).getByRole('option', { name: 'Bernd Team' }) as HTMLOptionElement;
    fireEvent.change(owner, { target: { value: bernd.value } });
    return { card, berndId: bernd.value };
  }

  it('assigns an owner with a due date and a state', async () => {
    const { card } = await openConcernForm();
    fireEvent.input(within(card).getByLabelText('Zu erledigen bis'), {
      target: { value: '2026-12-01' },
    });
    fireEvent.click(within(card).getByRole('radio', { name: 'In Arbeit' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Speichern' }));
    expect(await screen.findByText('Gespeichert.')).toBeTruthy();
    await waitFor(() =>
      expect(followUpOf(card)).toEqual({
        Zuständig: 'Bernd Team',
        'Zu erledigen bis': '01.12.2026',
        Stand: 'In Arbeit',
      }),
    );
  });

  it('refuses "erledigt" without a note, then closes the concern with one', async () => {
    const { browser, server } = world();
    const { card, berndId } = await openConcernForm();
    fireEvent.click(within(card).getByRole('radio', { name: 'Erledigt' }));
    const sent = browser.requests.length;
    fireEvent.click(within(card).getByRole('button', { name: 'Speichern' }));
    const error = await within(card).findByText(
      'Für „Erledigt“ bitte kurz notieren, was getan wurde.',
    );
    const note = within(card).getByLabelText('Notiz');
    expect(note.getAttribute('aria-describedby')).toContain(error.closest('p')!.id);
    await waitFor(() => expect(document.activeElement).toBe(note));
    expect(browser.requests.slice(sent)).toEqual([]);
    expect(await server.selectFrom('follow_ups').selectAll().execute()).toEqual([]);

    fireEvent.input(note, { target: { value: 'Nachbarin hilft jetzt beim Einkaufen.' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Speichern' }));
    expect(await screen.findByText('Gespeichert.')).toBeTruthy();
    // Saved, then the week loaded again (the item may have moved).
    await waitFor(() =>
      expect(browser.requests.slice(sent)).toEqual([
        'PUT /api/v1/staff/follow-ups/concern/c-concern',
        'GET /api/v1/staff/week',
      ]),
    );
    expect(await server.selectFrom('follow_ups').selectAll().execute()).toEqual([
      expect.objectContaining({
        subject_type: 'concern',
        subject_id: 'c-concern',
        status: 'done',
        owner_user_id: berndId,
        note: 'Nachbarin hilft jetzt beim Einkaufen.',
      }),
    ]);
  });
});

describe('without a connection', () => {
  it('shows the week kept on the device with the time it was loaded', async () => {
    const { browser } = world();
    await pushTwoWeeks();
    await openWeek48();
    await waitFor(async () => expect((await readCachedStaffWeek())?.week.week.id).toBe('2026-W48'));
    cleanup();

    browser.offline = true;
    world().show('#/team/woche/2026-W48');
    await heading(W48);
    expect(screen.getByText('Stand: 27.11.2026, 14:05 (ohne Verbindung)')).toBeTruthy();
    expect(row(KINDS, 'Anrufe, erreicht')).toEqual(['2', '1▲ 1 mehr']);
    expect(screen.getByText('Angemeldet: Anna Team (Testquartier)')).toBeTruthy();
    // Nothing can be changed from the kept copy.
    expect(screen.queryByRole('button', { name: 'Zuständigkeit und Stand ändern' })).toBeNull();
    await attentionCard('Sorge aus einem Anruf mit Frau K.');
  });

  it('says so when no week is kept yet', async () => {
    world().browser.offline = true;
    world().show('#/team');
    expect(
      await screen.findByText(
        /^Keine Verbindung zum Server, und auf diesem Gerät ist noch keine Woche/,
      ),
    ).toBeTruthy();
  });
});

describe('a session that ends', () => {
  it('brings the sign-in back with "Bitte neu anmelden", on the same route', async () => {
    const { server } = world();
    await pushTwoWeeks();
    await openWeek48();
    // The session ends on the server (idle time over, or ended on another device).
    await server.deleteFrom('staff_sessions').execute();
    fireEvent.click(screen.getByRole('link', { name: /Vorige Woche/ }));
    expect(
      await screen.findByText('Bitte neu anmelden. Ihre Anmeldung ist abgelaufen.'),
    ).toBeTruthy();
    expect(location.hash).toBe('#/team/woche/2026-W47');
    await world().signIn();
    await heading(W47);
  });
});

describe("an entry's history", () => {
  /** Erika's call c1, then a note changed on the tablet and the phone from the same version. */
  async function conflict() {
    const { push, erika, app, tablet, phone } = world();
    await push((seq) => [
      entryCreate('call', seq, erika, { id: 'c1', ...callValues('Frau K.', { note: 'erste' }) }),
    ]);
    const base = (await pullAs(app, tablet.authorization)).changes.calls.find(
      (c) => c.id === 'c1',
    )!.version;
    await push((seq) => [entryUpdate('call', seq, erika, 'c1', base, { note: 'vom Tablet' })]);
    await push(
      (seq) => [entryUpdate('call', seq, erika, 'c1', base, { note: 'vom Handy' })],
      phone,
    );
    expect(await storedEntry(world().server, 'c1')).toMatchObject({ conflict: 1 });
  }

  async function openHistory() {
    await conflict();
    await openWeek48();
    const card = await attentionCard('Widersprüchliche Änderungen an einem Eintrag (Anruf)');
    const link = within(card).getByRole('link', { name: 'Verlauf ansehen und klären' });
    expect(link.getAttribute('href')).toBe('#/team/eintrag/c1');
    fireEvent.click(link);
    return heading('Verlauf: Anruf vom 25.11.2026, 11:00');
  }

  it('shows who changed what on which device, the lost value beside the current one, and resolves it', async () => {
    const { server } = world();
    const title = await openHistory();
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect(
      screen.getByText(/^Eingetragen am .* von Erika M\. auf dem Gerät „Tablet Laden“\.$/),
    ).toBeTruthy();
    const lost = (await screen.findByRole('heading', { level: 3, name: 'Notiz' })).closest(
      '.staff-lost',
    ) as HTMLElement;
    expect(within(lost).getByText('vom Tablet')).toBeTruthy();
    expect(within(lost).getByText('vom Handy')).toBeTruthy();
    expect(within(lost).getByText('Jetziger Wert')).toBeTruthy();
    const changes = screen.getByRole('heading', { level: 2, name: 'Alle Änderungen' })
      .parentElement as HTMLElement;
    expect(changes.textContent).toContain('Erika M. auf dem Gerät „Tablet Laden“');
    expect(changes.textContent).toContain('Erika M. auf dem Gerät „Handy Erika“');
    expect(changes.textContent).toContain('vorher: vom Tablet – nachher: vom Handy');
    expect(changes.textContent).toContain('(überschrieben)');

    fireEvent.click(within(lost).getByRole('checkbox', { name: 'Diesen Wert wiederherstellen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Konflikt als geklärt markieren' }));
    expect(await screen.findByText('Der Widerspruch ist geklärt.')).toBeTruthy();
    expect(await screen.findByText('Dieser Eintrag hat keinen Widerspruch.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Konflikt als geklärt markieren' })).toBeNull();
    expect(await storedEntry(server, 'c1')).toMatchObject({ note: 'vom Tablet', conflict: 0 });
  });

  it('says so for an entry that does not exist (or is another quarter’s)', async () => {
    world().show('#/team/eintrag/c-unknown');
    await world().signIn();
    await heading('Verlauf eines Eintrags');
    expect(screen.getByText('Diesen Eintrag gibt es nicht (mehr).')).toBeTruthy();
  });

  it('reloads and says so when the entry changed before the resolution arrived (409)', async () => {
    const { push, erika, app, tablet, server } = world();
    await openHistory();
    await screen.findByRole('heading', { level: 3, name: 'Notiz' });
    const now = (await pullAs(app, tablet.authorization)).changes.calls.find(
      (c) => c.id === 'c1',
    )!.version;
    await push((seq) => [entryUpdate('call', seq, erika, 'c1', now, { durationMinutes: 25 })]);

    fireEvent.click(screen.getByRole('button', { name: 'Konflikt als geklärt markieren' }));
    expect(
      await screen.findByText(
        'Der Eintrag wurde inzwischen geändert. Der neue Stand ist geladen – bitte noch einmal entscheiden.',
      ),
    ).toBeTruthy();
    await waitFor(() =>
      expect(
        screen.getByRole('heading', { level: 2, name: 'Alle Änderungen' }).parentElement!
          .textContent,
      ).toContain('vorher: 15 – nachher: 25'),
    );
    expect(await storedEntry(server, 'c1')).toMatchObject({ note: 'vom Handy', conflict: 1 });
  });
});
