// The readable, printable Auskunft (issue 11, Art. 15 DSGVO; `#/team/auskunft/…`) against the
// real server in-process (SQLite): a partner's details and calls, a changed call's earlier
// value and the staff lines about them, in German; a person's access, entries and sign-ins on
// tablets, with the PIN said to exist and no hash or credential anywhere on the page; every
// table of the export listed, the empty ones saying "Nichts gespeichert."; one request and one
// audit line per opening; "Drucken" opens the print dialog; "JSON herunterladen" saves the data
// already loaded without asking again. Refused: an unknown id, another quarter's partner (no
// audit line), no connection; a session that ended brings the sign-in back first. The cards of
// "Gesprächspartner" and "Personen" link to the page.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { Mutation } from '../../src/shared/push-protocol';
import { READ_ACTIONS } from '../../src/shared/staff/audit-actions';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import { QUARTER } from '../server/support/fixtures';
import { OTHER_QUARTER } from '../server/support/identity-fixtures';
import { callUpdate, entryCreate, partnerCallArgs } from '../server/support/entry-mutations';
import { createStaffUser, signInStaff } from '../server/support/staff-fixtures';
import { BERND, catchDownloads, press, useStaffViewWorld } from './staff-view-world';

const world = useStaffViewWorld();
const TITLE = 'Auskunft über die gespeicherten Daten';
/** Staff of another quarter. */
const OTTO = { name: 'Otto Team', password: 'Anderes-Passwort-3' };

/** The section under the level-2 heading `name`. */
const section = (name: string) =>
  screen.getByRole('heading', { level: 2, name }).closest('section')!;

const exportLines = () =>
  world()
    .server.selectFrom('audit_log')
    .select(['action', 'subject_id'])
    .where('action', 'in', [READ_ACTIONS.exportPartner, READ_ACTIONS.exportPerson])
    .execute();

/** A partner created by staff through the real endpoint (another quarter's staff for `quarter`). */
async function createPartner(id: string, name: string, callers: string[], quarter = QUARTER) {
  const { app, server } = world();
  const staff = quarter === QUARTER ? BERND : OTTO;
  if (quarter !== QUARTER) await createStaffUser(server, { quarterId: quarter.id, ...staff });
  const cookie = await signInStaff(app, { quarterId: quarter.id, ...staff });
  const response = await app.inject({
    method: 'POST',
    url: `${STAFF_PREFIX}/partners`,
    headers: { cookie },
    payload: {
      id,
      expectedVersion: 0,
      name,
      phone: '02151 / 12 34-56',
      preferredTimes: 'vormittags',
      note: 'Hört schlecht auf dem linken Ohr',
      usualMinutes: 25,
      callEveryDays: 7,
      callers,
      status: 'active',
    },
  });
  expect(response.statusCode, response.body).toBe(201);
}

/** Ilse with two calls of Erika's, the first one's note changed afterwards. */
async function ilseWithCalls() {
  const { push, erika } = world();
  await createPartner('p-ilse', 'Ilse', [erika]);
  await push((seq): Mutation[] => [
    entryCreate('call', seq, erika, partnerCallArgs('c1', 'p-ilse', { note: 'Gut drauf' })),
    entryCreate('call', seq + 1, erika, partnerCallArgs('c2', 'p-ilse', { concern: true })),
  ]);
  await push((seq) => [callUpdate(seq, erika, 'c1', 1, { note: 'Braucht Einkaufshilfe' })]);
}

async function openAuskunft(hash: string) {
  world().show(hash);
  await world().signIn();
  await screen.findByRole('heading', { level: 1, name: TITLE });
  await waitFor(() => expect(screen.queryByText('Die Auskunft wird geladen …')).toBeNull());
}

const erikaId = async () =>
  (
    await world()
      .server.selectFrom('users')
      .select('id')
      .where('name', '=', 'Erika M.')
      .executeTakeFirstOrThrow()
  ).id;

describe('Auskunft', () => {
  it('shows a partner’s details, calls, earlier versions and staff lines in German, once audited', async () => {
    await ilseWithCalls();
    const sent = world().browser.requests.length;
    await openAuskunft('#/team/auskunft/partner/p-ilse');
    expect(await screen.findByText(/^Betrifft: Ilse/)).toBeTruthy();
    expect(screen.getByText(/^Stand der Auskunft: \d\d\.\d\d\.\d{4}, \d\d:\d\d$/)).toBeTruthy();
    expect(screen.getByText('Erstellt von: Anna Team, Testquartier')).toBeTruthy();

    const entries = section('Ihre Angaben und Ihre Anrufe');
    expect(within(entries).getByText('3 Einträge')).toBeTruthy();
    // The partner's own fields by their labels, the calls by kind and Berlin time.
    expect(within(entries).getByText('Telefonnummer')).toBeTruthy();
    expect(within(entries).getByText('02151 / 12 34-56')).toBeTruthy();
    expect(within(entries).getByText('Hört schlecht auf dem linken Ohr')).toBeTruthy();
    expect(within(entries).getAllByText('Anruf – 25.11.2026, 11:00')).toHaveLength(2);
    expect(within(entries).getByText('Braucht Einkaufshilfe')).toBeTruthy();
    const worried = within(entries).getAllByText('Sorge / Hilfebedarf', { selector: 'dt' });
    expect(worried.map((dt) => dt.nextElementSibling?.textContent)).toContain('Ja');
    expect(within(entries).getByText(/Kennung p-ilse/)).toBeTruthy();

    const history = section('Frühere Fassungen von Einträgen');
    expect(within(history).getByText('Gut drauf')).toBeTruthy();
    expect(within(history).getAllByText('Notiz').length).toBeGreaterThan(0);

    const log = section('Protokoll: wer was gelesen oder geändert hat');
    expect(within(log).getByText('Bernd Team')).toBeTruthy();
    expect(within(log).getByText('hat eine Gesprächsperson eingetragen')).toBeTruthy();
    expect(within(log).queryByText(/"fields"|\{/)).toBeNull();

    // Tables that cannot hold anything about a partner are listed, and say so.
    for (const empty of [
      'Ihr Zugang zur App',
      'Anmeldungen an Tablets',
      'Wege von Spaziergängen',
    ]) {
      expect(within(section(empty)).getByText('Nichts gespeichert.')).toBeTruthy();
    }
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings.indexOf('Ihr Zugang zur App')).toBeLessThan(
      headings.indexOf('Ihre Angaben und Ihre Anrufe'),
    );
    expect(headings.at(-1)).toBe('Ihre Rechte');
    expect(screen.getByText(/Wir berichtigen es/)).toBeTruthy();

    expect(
      world()
        .browser.requests.slice(sent)
        .filter((r) => r.includes('/export')),
    ).toEqual([`GET ${STAFF_PREFIX}/partners/p-ilse/export`]);
    expect(await exportLines()).toEqual([
      { action: READ_ACTIONS.exportPartner, subject_id: 'p-ilse' },
    ]);
  });

  it('shows a person’s access, entries and tablet sign-ins; the PIN said to exist, no hash shown', async () => {
    const { push, erika, server } = world();
    await push((seq): Mutation[] => [
      entryCreate('call', seq, erika, partnerCallArgs('c9', null, { note: 'Kurz gesprochen' })),
    ]);
    const id = await erikaId();
    await openAuskunft(`#/team/auskunft/person/${id}`);
    expect(await screen.findByText('Betrifft: Erika M.')).toBeTruthy();

    const access = section('Ihr Zugang zur App');
    expect(within(access).getByText('Ehrenamtlich')).toBeTruthy();
    expect(
      within(access).getByText('PIN vorhanden', { selector: 'dt' }).nextElementSibling?.textContent,
    ).toMatch(/^Ja\. Sie ist nur so gespeichert/);
    expect(
      within(access).getByText('Passwort vorhanden', { selector: 'dt' }).nextElementSibling
        ?.textContent,
    ).toBe('Nein');

    const entries = section('Ihre Einträge');
    expect(within(entries).getByText('Kurz gesprochen')).toBeTruthy();
    expect(within(section('Anmeldungen an Tablets')).getByText('2 Einträge')).toBeTruthy();
    expect(
      within(section('Tablets, an denen Sie angemeldet waren')).getByText('2 Einträge'),
    ).toBeTruthy();
    expect(
      within(section('Codes zum Einrichten von Tablets')).getByText('Nichts gespeichert.'),
    ).toBeTruthy();

    const page = document.body.textContent ?? '';
    const user = await server
      .selectFrom('users')
      .select('pin_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const sessions = await server.selectFrom('person_sessions').select('credential_hash').execute();
    const secrets = [user.pin_hash, ...sessions.map((s) => s.credential_hash)];
    expect(secrets.length).toBe(3);
    for (const secret of secrets) expect(page).not.toContain(secret!);
    expect(page).not.toMatch(/scrypt\$|pin_hash|credential_hash/);
    expect(await exportLines()).toEqual([{ action: READ_ACTIONS.exportPerson, subject_id: id }]);
  });

  it('prints, and saves the JSON already loaded without asking the server again', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const files = catchDownloads();
    const id = await erikaId();
    await openAuskunft(`#/team/auskunft/person/${id}`);
    await screen.findByText('Betrifft: Erika M.');
    const sent = world().browser.requests.length;
    press('Drucken');
    expect(print).toHaveBeenCalledTimes(1);
    press('JSON herunterladen');
    expect(files).toHaveLength(1);
    expect(files[0]!.name).toMatch(new RegExp(`^auskunft-person-${id}-[\\d-]{10}\\.json$`));
    const data = JSON.parse(await files[0]!.blob.text()) as {
      subject: { id: string };
      tables: Record<string, unknown[]>;
    };
    expect(data.subject).toMatchObject({ id, name: 'Erika M.' });
    expect(data.tables.person_sessions).toHaveLength(2);
    expect(world().browser.requests.slice(sent)).toEqual([]);
    expect(await exportLines()).toHaveLength(1);
  });

  it('says so for an unknown id and for another quarter’s partner, and writes no line', async () => {
    await createPartner('p-fremd', 'Fremd', [], OTHER_QUARTER);
    await openAuskunft('#/team/auskunft/partner/p-fremd');
    expect(await screen.findByText('Diesen Gesprächspartner gibt es hier nicht.')).toBeTruthy();
    expect(screen.queryByText(/Fremd/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Drucken' })).toBeNull();

    location.hash = '#/team/auskunft/person/niemand';
    expect(await screen.findByText('Diese Person gibt es hier nicht.')).toBeTruthy();
    expect(await exportLines()).toEqual([]);
  });

  it('says when there is no connection; an ended session brings the sign-in back first', async () => {
    await ilseWithCalls();
    await openAuskunft('#/team/auskunft/partner/p-ilse');
    await screen.findByText(/^Betrifft: Ilse/);
    location.hash = '#/team/partner';
    await screen.findByRole('heading', { level: 1, name: 'Gesprächspartner' });

    world().browser.offline = true;
    location.hash = '#/team/auskunft/person/x';
    expect(await screen.findByText(/Keine Verbindung zum Server/)).toBeTruthy();
    world().browser.offline = false;

    world().browser.clearCookies();
    location.hash = '#/team/auskunft/partner/p-ilse';
    await world().signIn();
    expect(await screen.findByText(/^Betrifft: Ilse/)).toBeTruthy();
    expect(await exportLines()).toEqual([
      { action: READ_ACTIONS.exportPartner, subject_id: 'p-ilse' },
      { action: READ_ACTIONS.exportPartner, subject_id: 'p-ilse' },
    ]);
  });

  it('is linked from the cards of partners and people', async () => {
    await createPartner('p-ilse', 'Ilse', [world().erika]);
    world().show('#/team/partner');
    await world().signIn();
    const link = await screen.findByRole('link', {
      name: 'Auskunft über „Ilse“ ansehen und drucken',
    });
    expect(link.getAttribute('href')).toBe('#/team/auskunft/partner/p-ilse');
    location.hash = '#/team/personen';
    const person = await screen.findByRole('link', {
      name: 'Auskunft über „Erika M.“ ansehen und drucken',
    });
    expect(person.getAttribute('href')).toBe(`#/team/auskunft/person/${await erikaId()}`);
    fireEvent.click(person);
    location.hash = person.getAttribute('href')!;
    expect(await screen.findByText('Betrifft: Erika M.')).toBeTruthy();
  });
});
