// "Angebote & Ampel" and "Öffnungszeiten" against the real server in-process (SQLite): an
// Ampel changed with its condition and "Stand" is stored and reaches a tablet's next pull; the
// weekly hours and a special day are stored; hours that close before they open or overlap are
// refused at the field and never sent; an edit that meets someone else's change shows both
// side by side and changes nothing until "Meine übernehmen" (which wins) or "Verwerfen" (which
// keeps theirs); a deletion of a special day someone changed meanwhile deletes nothing.
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import { pullAs } from '../server/support/pull-fixtures';
import { signInStaff } from '../server/support/staff-fixtures';
import { QUARTER } from '../server/support/fixtures';
import { BERND, press, type, useStaffViewWorld } from './staff-view-world';

const world = useStaffViewWorld();
// Signing in checks an argon2 hash: with other test files running beside this one it can take
// longer than testing-library's default second, so waits may last up to five (a ceiling, not a
// sleep: each wait ends as soon as its condition holds).
configure({ asyncUtilTimeout: 5000 });

/** The texts a field that is marked invalid points to (its error first). */
function errorOf(input: HTMLElement): string {
  expect(input.getAttribute('aria-invalid')).toBe('true');
  const ids = input.getAttribute('aria-describedby')!.split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}
const valueOf = (label: string | RegExp, inside: HTMLElement = document.body) =>
  (within(inside).getByLabelText(label) as HTMLInputElement).value;

async function open(hash: string, title: string) {
  world().show(hash);
  await world().signIn();
  const heading = await screen.findByRole('heading', { level: 1, name: title });
  await waitFor(() => expect(screen.queryByText('Wird geladen …')).toBeNull());
  return heading;
}

const activityRow = () =>
  world()
    .server.selectFrom('activities')
    .selectAll()
    .where('id', '=', 'a1')
    .executeTakeFirstOrThrow();
const storefrontRow = () =>
  world()
    .server.selectFrom('storefronts')
    .selectAll()
    .where('id', '=', 's1')
    .executeTakeFirstOrThrow();

/** Bernd, signed in in another browser, saves the activity first (as the staff screens do). */
async function berndSavesActivity(fields: Record<string, unknown>) {
  const { app } = world();
  const cookie = await signInStaff(app, { quarterId: QUARTER.id, ...BERND });
  const current = await activityRow();
  const response = await app.inject({
    method: 'PUT',
    url: `${STAFF_PREFIX}/activities/a1`,
    headers: { cookie },
    payload: {
      expectedVersion: current.version,
      themeId: 't1',
      name: 'Bewegungstreff',
      description: 'Gymnastik im Park',
      actorIds: ['i1'],
      schedule: 'donnerstags 10 Uhr',
      place: 'Park',
      contact: 'Anlaufstelle',
      ampel: 'green',
      ampelCondition: 'läuft weiter',
      ampelAsOf: null,
      ...fields,
    },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function openActivity() {
  await open('#/team/angebote', 'Angebote & Ampel');
  press('„Bewegungstreff“ bearbeiten');
  return screen.findByRole('form', { name: '„Bewegungstreff“ bearbeiten' });
}

describe('Angebote & Ampel', () => {
  it('changes an Ampel with its condition; "Stand" becomes today; a tablet pulls it', async () => {
    const form = await openActivity();
    // The colours as the volunteers see them: shape and word, not colour alone.
    const yellow = within(form).getByRole('radio', { name: 'Gelb: Fortführung unter Bedingungen' });
    expect(yellow.closest('label')?.textContent).toContain('▲');
    expect(valueOf('Stand der Ampel', form)).toBe('2026-11-27'); // not said yet: today
    fireEvent.click(yellow);
    type('Bedingung für die Fortführung', 'Raum bis März zugesagt', form);
    press('Speichern', form);
    await screen.findByText(/„Bewegungstreff“ ist gespeichert/);

    const row = await activityRow();
    expect(row).toMatchObject({
      ampel: 'yellow',
      ampel_condition: 'Raum bis März zugesagt',
      ampel_as_of: '2026-11-27',
    });
    const item = screen
      .getByText('Bewegungstreff', { selector: '.upkeep-item-title' })
      .closest('li')!;
    expect(within(item).getByText('Gelb: Fortführung unter Bedingungen')).toBeTruthy();
    expect(within(item).getByText('Stand: 27.11.2026')).toBeTruthy();
    const pulled = await pullAs(world().app, world().tablet.authorization);
    expect(pulled.changes.activities?.find((a) => a.id === 'a1')).toMatchObject({
      ampel: 'yellow',
      ampelCondition: 'Raum bis März zugesagt',
      ampelAsOf: '2026-11-27',
    });
    const audit = await world().server.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((line) => line.action)).toContain('activity.update');
  });

  it('refuses an activity without a name at the field and sends nothing', async () => {
    const form = await openActivity();
    const before = world().browser.requests.length;
    type('Name des Angebots', '   ', form);
    press('Speichern', form);
    const name = within(form).getByLabelText('Name des Angebots');
    await waitFor(() => expect(errorOf(name)).toContain('Bitte einen Namen für das Angebot'));
    expect(world().browser.requests.slice(before)).toEqual([]);
    expect((await activityRow()).name).toBe('Bewegungstreff');
  });

  it('adds an activity and renames a theme and an institution', async () => {
    await open('#/team/angebote', 'Angebote & Ampel');
    press('Neues Angebot');
    const form = await screen.findByRole('form', { name: 'Neues Angebot' });
    type('Name des Angebots', 'Erzählcafé', form);
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Seniorenbeirat Stadt Krefeld' }));
    fireEvent.click(within(form).getByRole('radio', { name: 'Rot: Fortführung offen' }));
    press('Speichern', form);
    await screen.findByText(/„Erzählcafé“ ist gespeichert/);
    const added = await world()
      .server.selectFrom('activities')
      .selectAll()
      .where('name', '=', 'Erzählcafé')
      .executeTakeFirstOrThrow();
    expect(added).toMatchObject({ theme_id: 't1', ampel: 'red', actor_ids: '["i1"]' });

    press('„Fit fürs Alter“ umbenennen');
    type('Name des Themenfelds', 'Fit und aktiv');
    press('Speichern');
    await screen.findByText(/„Fit und aktiv“ ist gespeichert/);
    press('„Seniorenbeirat Stadt Krefeld“ umbenennen');
    type('Name der Einrichtung', 'Seniorenbeirat Krefeld');
    press('Speichern');
    await screen.findByText(/„Seniorenbeirat Krefeld“ ist gespeichert/);
    const theme = await world().server.selectFrom('themes').selectAll().executeTakeFirstOrThrow();
    const institution = await world()
      .server.selectFrom('institutions')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect([theme.name, institution.name]).toEqual(['Fit und aktiv', 'Seniorenbeirat Krefeld']);
  });

  it('refuses a theme number another theme has at the field, and sends nothing', async () => {
    await open('#/team/angebote', 'Angebote & Ampel');
    press('Neues Themenfeld');
    const form = await screen.findByRole('form', { name: 'Neues Themenfeld' });
    // Offered: the next free number.
    expect(valueOf('Nummer', form)).toBe('2');
    type('Nummer', '1', form);
    type('Name des Themenfelds', 'Doppelt', form);
    const before = world().browser.requests.length;
    press('Speichern', form);
    const number = within(form).getByLabelText('Nummer');
    await waitFor(() =>
      expect(errorOf(number)).toContain(
        'Die Nummer 1 hat schon das Themenfeld „Fit fürs Alter“. Bitte eine andere Nummer wählen.',
      ),
    );
    expect(document.activeElement).toBe(number);
    expect(world().browser.requests.slice(before)).toEqual([]);
    type('Nummer', '2', form);
    press('Speichern', form);
    await screen.findByText(/„Doppelt“ ist gespeichert/);
  });
});

describe('an edit that meets someone else’s', () => {
  it('shows both values side by side and overwrites nothing until "Meine übernehmen"', async () => {
    const form = await openActivity();
    await berndSavesActivity({ ampel: 'red', ampelCondition: 'Raum fehlt' });
    fireEvent.click(
      within(form).getByRole('radio', { name: 'Gelb: Fortführung unter Bedingungen' }),
    );
    type('Bedingung für die Fortführung', 'Raum bis März zugesagt', form);
    press('Speichern', form);

    const conflict = (
      await within(form).findByRole('heading', {
        name: /Jemand hat das inzwischen geändert/,
      })
    ).closest('section')!;
    // Bernd's save stands: nothing of Anna's was written.
    expect(await activityRow()).toMatchObject({ ampel: 'red', ampel_condition: 'Raum fehlt' });
    const field = (label: string) =>
      within(conflict).getByRole('heading', { level: 4, name: label }).parentElement!;
    const ampel = field('Ampel');
    expect(within(ampel).getByText('Ihre Änderung')).toBeTruthy();
    expect(within(ampel).getByText('Inzwischen gespeichert')).toBeTruthy();
    expect(ampel.querySelector('.conflict-mine')?.textContent).toContain('Gelb');
    expect(ampel.querySelector('.conflict-theirs')?.textContent).toContain('Rot');
    const condition = field('Bedingung für die Fortführung');
    expect(condition.querySelector('.conflict-mine .conflict-value')?.textContent).toBe(
      'Raum bis März zugesagt',
    );
    expect(condition.querySelector('.conflict-theirs .conflict-value')?.textContent).toBe(
      'Raum fehlt',
    );
    // Fields nobody changed are not listed.
    expect(within(conflict).queryByRole('heading', { level: 4, name: 'Wo' })).toBeNull();

    press('Meine übernehmen', conflict);
    await screen.findByText(/„Bewegungstreff“ ist gespeichert/);
    expect(await activityRow()).toMatchObject({
      ampel: 'yellow',
      ampel_condition: 'Raum bis März zugesagt',
    });
  });

  it('"Verwerfen" keeps what was saved meanwhile and shows it in the form', async () => {
    const form = await openActivity();
    await berndSavesActivity({ ampel: 'red', ampelCondition: 'Raum fehlt' });
    fireEvent.click(
      within(form).getByRole('radio', { name: 'Gelb: Fortführung unter Bedingungen' }),
    );
    press('Speichern', form);
    const conflict = (
      await within(form).findByRole('heading', {
        name: /Jemand hat das inzwischen geändert/,
      })
    ).closest('section')!;
    press('Verwerfen', conflict);
    await waitFor(() => expect(within(form).queryByText('Ihre Änderung')).toBeNull());
    expect(
      (within(form).getByRole('radio', { name: 'Rot: Fortführung offen' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect(valueOf('Bedingung für die Fortführung', form)).toBe('Raum fehlt');
    expect(await activityRow()).toMatchObject({ ampel: 'red', ampel_condition: 'Raum fehlt' });
  });
});

describe('Öffnungszeiten', () => {
  const weekForm = () => screen.getByRole('form', { name: 'Jede Woche' });
  const day = (name: string) => within(weekForm()).getByRole('group', { name });

  it('stores a second time on Monday, hours on Tuesday and "an Feiertagen geschlossen"', async () => {
    await open('#/team/oeffnungszeiten', 'Öffnungszeiten');
    const monday = day('Montag');
    expect(valueOf('Öffnet um', monday)).toBe('10:00');
    press('Zeit am Montag hinzufügen', monday);
    const [, opens] = within(monday).getAllByLabelText('Öffnet um');
    const [, closes] = within(monday).getAllByLabelText('Schließt um');
    fireEvent.input(opens!, { target: { value: '17' } });
    fireEvent.blur(opens!);
    fireEvent.input(closes!, { target: { value: '19.30' } });
    fireEvent.blur(closes!);
    expect([(opens as HTMLInputElement).value, (closes as HTMLInputElement).value]).toEqual([
      '17:00',
      '19:30',
    ]);
    const tuesday = day('Dienstag');
    press('Zeit am Dienstag hinzufügen', tuesday);
    type('Öffnet um', '09:00', tuesday);
    type('Schließt um', '24:00', tuesday);
    fireEvent.click(
      within(weekForm()).getByRole('checkbox', { name: 'An Feiertagen geschlossen' }),
    );
    press('Öffnungszeiten speichern');
    await screen.findByText(/Die Öffnungszeiten sind gespeichert/);

    const row = await storefrontRow();
    expect(JSON.parse(row.weekly)).toEqual([
      { weekday: 1, opens: '10:00', closes: '16:00' },
      { weekday: 1, opens: '17:00', closes: '19:30' },
      { weekday: 2, opens: '09:00', closes: '24:00' },
    ]);
    expect(row.holidays_closed).toBeFalsy();
    const pulled = await pullAs(world().app, world().tablet.authorization);
    expect(pulled.changes.storefronts?.[0]?.weekly).toHaveLength(3);
  });

  it('refuses hours that close before they open, or overlap, at the field, and sends nothing', async () => {
    await open('#/team/oeffnungszeiten', 'Öffnungszeiten');
    const monday = day('Montag');
    type('Schließt um', '09:00', monday);
    press('Zeit am Montag hinzufügen', monday);
    fireEvent.input(within(monday).getAllByLabelText('Öffnet um')[1]!, {
      target: { value: '12:00' },
    });
    fireEvent.input(within(monday).getAllByLabelText('Schließt um')[1]!, {
      target: { value: '13:00' },
    });
    const wednesday = day('Mittwoch');
    press('Zeit am Mittwoch hinzufügen', wednesday);
    type('Öffnet um', '10:00', wednesday);
    type('Schließt um', '14:00', wednesday);
    press('Zeit am Mittwoch hinzufügen', wednesday);
    fireEvent.input(within(wednesday).getAllByLabelText('Öffnet um')[1]!, {
      target: { value: '13:00' },
    });
    fireEvent.input(within(wednesday).getAllByLabelText('Schließt um')[1]!, {
      target: { value: '15:00' },
    });
    const sent = world().browser.requests.length;
    press('Öffnungszeiten speichern');

    const closesMonday = within(monday).getAllByLabelText('Schließt um')[0]!;
    await waitFor(() => expect(closesMonday.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(closesMonday)).toContain('Schließt vor dem Öffnen');
    expect(document.activeElement).toBe(closesMonday);
    // Monday's second interval is fine on its own: 10:00–09:00 is no interval to overlap.
    expect(within(monday).getAllByLabelText('Öffnet um')[1]!.getAttribute('aria-invalid')).toBe(
      'false',
    );
    expect(errorOf(within(wednesday).getAllByLabelText('Öffnet um')[1]!)).toContain(
      'Überschneidet sich mit 10:00–14:00 Uhr.',
    );
    expect(world().browser.requests.slice(sent)).toEqual([]);
    expect(JSON.parse((await storefrontRow()).weekly)).toEqual([
      { weekday: 1, opens: '10:00', closes: '16:00' },
    ]);

    // Fixed, it goes.
    fireEvent.input(closesMonday, { target: { value: '12:00' } });
    fireEvent.input(within(wednesday).getAllByLabelText('Öffnet um')[1]!, {
      target: { value: '14:00' },
    });
    press('Öffnungszeiten speichern');
    await screen.findByText(/Die Öffnungszeiten sind gespeichert/);
    expect(JSON.parse((await storefrontRow()).weekly)).toHaveLength(4);
  });

  it('shows a weekly change someone saved meanwhile beside mine, per weekday', async () => {
    await open('#/team/oeffnungszeiten', 'Öffnungszeiten');
    const { app } = world();
    const cookie = await signInStaff(app, { quarterId: QUARTER.id, ...BERND });
    const response = await app.inject({
      method: 'PUT',
      url: `${STAFF_PREFIX}/storefront`,
      headers: { cookie },
      payload: {
        expectedVersion: (await storefrontRow()).version,
        name: 'Anlaufstelle',
        address: 'Hansa Centrum, Krefeld',
        holidaysClosed: true,
        weekly: [{ weekday: 1, opens: '09:00', closes: '12:00' }],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    type('Öffnet um', '11:00', day('Montag'));
    press('Öffnungszeiten speichern');
    const conflict = (
      await screen.findByRole('heading', {
        name: /Jemand hat das inzwischen geändert/,
      })
    ).closest('section')!;
    const monday = within(conflict).getByRole('heading', {
      level: 4,
      name: 'Montag',
    }).parentElement!;
    expect(monday.querySelector('.conflict-mine .conflict-value')?.textContent).toBe(
      '11:00–16:00 Uhr',
    );
    expect(monday.querySelector('.conflict-theirs .conflict-value')?.textContent).toBe(
      '09:00–12:00 Uhr',
    );
    expect(within(conflict).queryByRole('heading', { level: 4, name: 'Dienstag' })).toBeNull();
    expect(JSON.parse((await storefrontRow()).weekly)).toEqual([
      { weekday: 1, opens: '09:00', closes: '12:00' },
    ]);
    press('Meine übernehmen', conflict);
    await screen.findByText(/Die Öffnungszeiten sind gespeichert/);
    expect(JSON.parse((await storefrontRow()).weekly)).toEqual([
      { weekday: 1, opens: '11:00', closes: '16:00' },
    ]);
  });

  it('adds, edits and deletes (after "Ja") a special day', async () => {
    await open('#/team/oeffnungszeiten', 'Öffnungszeiten');
    press('Besonderen Tag hinzufügen');
    const form = await screen.findByRole('form', { name: 'Neuer besonderer Tag' });
    type('Datum', '2030-12-24', form);
    press('Speichern', form);
    // One special day per date: 24.12.2030 has one already.
    expect(
      await within(form).findByText('Für diesen Tag gibt es schon einen besonderen Tag.'),
    ).toBeTruthy();
    type('Datum', '2026-12-31', form);
    fireEvent.click(within(form).getByRole('radio', { name: 'Andere Öffnungszeiten' }));
    type('Öffnet um', '10:00', form);
    type('Schließt um', '08:00', form);
    type('Hinweis', 'Silvester', form);
    press('Speichern', form);
    expect(await within(form).findByText(/Schließt vor dem Öffnen/)).toBeTruthy();
    type('Schließt um', '13:00', form);
    press('Speichern', form);
    await screen.findByText('Donnerstag, 31. Dezember 2026 ist gespeichert.');
    const added = await world()
      .server.selectFrom('opening_exceptions')
      .selectAll()
      .where('date', '=', '2026-12-31')
      .executeTakeFirstOrThrow();
    expect(added).toMatchObject({
      intervals: '[{"opens":"10:00","closes":"13:00"}]',
      note: 'Silvester',
    });
    expect(added.closed).toBeFalsy();

    press('„Donnerstag, 31. Dezember 2026“ bearbeiten');
    const edit = await screen.findByRole('form', {
      name: 'Donnerstag, 31. Dezember 2026 bearbeiten',
    });
    fireEvent.click(within(edit).getByRole('radio', { name: 'Geschlossen' }));
    press('Speichern', edit);
    await screen.findByText('Donnerstag, 31. Dezember 2026 ist gespeichert.');
    expect(
      (
        await world()
          .server.selectFrom('opening_exceptions')
          .selectAll()
          .where('id', '=', added.id)
          .executeTakeFirstOrThrow()
      ).closed,
    ).toBeTruthy();

    press('Donnerstag, 31. Dezember 2026 löschen');
    press('Nein');
    expect(
      await world()
        .server.selectFrom('opening_exceptions')
        .selectAll()
        .where('id', '=', added.id)
        .executeTakeFirst(),
    ).toMatchObject({ deleted: 0 });
    press('Donnerstag, 31. Dezember 2026 löschen');
    press('Ja, löschen');
    await screen.findByText('Donnerstag, 31. Dezember 2026 ist gelöscht.');
    const pulled = await pullAs(world().app, world().tablet.authorization);
    expect(pulled.changes.openingExceptions?.map((e) => e.date)).toEqual(['2030-12-24']);
  });

  it('does not delete a special day someone changed meanwhile', async () => {
    await open('#/team/oeffnungszeiten', 'Öffnungszeiten');
    const { app } = world();
    const cookie = await signInStaff(app, { quarterId: QUARTER.id, ...BERND });
    const response = await app.inject({
      method: 'PUT',
      url: `${STAFF_PREFIX}/opening-exceptions/e1`,
      headers: { cookie },
      payload: {
        expectedVersion: 1,
        date: '2030-12-24',
        closed: true,
        intervals: [],
        note: 'Heiligabend, ganz zu',
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    press('Dienstag, 24. Dezember 2030 löschen');
    press('Ja, löschen');
    await screen.findByText(/wurde inzwischen von jemand anderem geändert und ist nicht gelöscht/);
    expect(await screen.findByText(/Heiligabend, ganz zu/)).toBeTruthy();
    const row = await world()
      .server.selectFrom('opening_exceptions')
      .selectAll()
      .where('id', '=', 'e1')
      .executeTakeFirstOrThrow();
    expect(row.deleted).toBeFalsy();
  });
});
