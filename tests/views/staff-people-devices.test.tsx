// "Personen" and "Geräte" against the real server in-process (SQLite): a volunteer created with
// a PIN signs in on a tablet with it; an easy PIN and a short password are refused at the field
// and never sent; a new PIN works and the old one no longer does; a lock (after "Ja") ends the
// person's tablet session; staff who are not admins are offered neither the admin role nor
// someone else's password. A tablet revoked (after "Ja") is refused by the server; a tablet
// that stopped delivering stands out in words; "Neues Tablet einrichten" shows the code, a QR
// code as SVG, and the code enrols a tablet. "Auskunft" about a person downloads their data
// under the server's file name with an audit line; a session that ended brings the sign-in back.
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import qrcode from 'qrcode-generator';
import { describe, expect, it, vi } from 'vitest';
import { pullRaw } from '../server/support/pull-fixtures';
import { QUARTER } from '../server/support/fixtures';
import { ANNA, catchDownloads, press, type, useStaffViewWorld } from './staff-view-world';

const world = useStaffViewWorld();
// Signing in checks an argon2 hash: with other test files running beside this one it can take
// longer than testing-library's default second, so waits may last up to five (a ceiling, not a
// sleep: each wait ends as soon as its condition holds).
configure({ asyncUtilTimeout: 5000 });

async function open(hash: string, title: string) {
  world().show(hash);
  await world().signIn();
  const heading = await screen.findByRole('heading', { level: 1, name: title });
  await waitFor(() => expect(screen.queryByText('Wird geladen …')).toBeNull());
  return heading;
}

const deviceSignIn = (name: string, pin: string) =>
  world().app.inject({
    method: 'POST',
    url: '/api/v1/device/sign-in',
    headers: { authorization: world().tablet.authorization },
    payload: { name, pin },
  });

const personCard = (name: string) =>
  screen.getByText(name, { selector: '.upkeep-item-title', exact: false }).closest('li')!;

const factOf = (card: HTMLElement, label: string) =>
  within(card).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('Personen', () => {
  it('downloads the Auskunft about a person; an ended session brings the sign-in back first', async () => {
    await open('#/team/personen', 'Personen');
    const erika = await world()
      .server.selectFrom('users')
      .select('id')
      .where('name', '=', 'Erika M.')
      .executeTakeFirstOrThrow();
    const exportLines = () =>
      world()
        .server.selectFrom('audit_log')
        .select(['action', 'subject_id'])
        .where('action', '=', 'read.export_person')
        .execute();
    const files = catchDownloads();
    try {
      const button = 'Auskunft über „Erika M.“ herunterladen';
      world().browser.clearCookies();
      press(button, personCard('Erika M.'));
      await world().signIn();
      await screen.findByRole('heading', { level: 1, name: 'Personen' });
      await waitFor(() => expect(screen.queryByText('Wird geladen …')).toBeNull());
      expect(files).toEqual([]);
      expect(await exportLines()).toEqual([]);

      const sent = world().browser.requests.length;
      press(button, personCard('Erika M.'));
      await waitFor(() => expect(files).toHaveLength(1));
      expect(world().browser.requests.slice(sent)).toEqual([
        `GET /api/v1/staff/people/${erika.id}/export`,
      ]);
      expect(files[0]!.name).toMatch(new RegExp(`^auskunft-person-${erika.id}-[\\d-]{10}\\.json$`));
      const data = JSON.parse(await files[0]!.blob.text()) as { subject: { id: string } };
      expect(data.subject).toMatchObject({ id: erika.id, name: 'Erika M.' });
      expect(await exportLines()).toEqual([{ action: 'read.export_person', subject_id: erika.id }]);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('lists people with role, PIN and lock, and creates a volunteer who can sign in with the PIN', async () => {
    await open('#/team/personen', 'Personen');
    const erika = personCard('Erika M.');
    expect(factOf(erika, 'Rolle')).toBe('Ehrenamtlich');
    expect(factOf(erika, 'PIN gesetzt')).toBe('ja');
    expect(factOf(erika, 'Gesperrt')).toBe('nein');
    expect(factOf(personCard('Anna Team'), 'Rolle')).toBe('Mitarbeitende');

    press('Neue Person');
    const form = await screen.findByRole('form', { name: 'Neue Person' });
    // Staff who are not admins cannot make an admin.
    expect(within(form).queryByRole('radio', { name: 'Verwaltung' })).toBeNull();
    type('Name', 'Karl Neu', form);
    type('PIN (4 bis 6 Ziffern)', '1234', form);
    const sent = world().browser.requests.length;
    press('Person anlegen', form);
    const pin = within(form).getByLabelText('PIN (4 bis 6 Ziffern)');
    await waitFor(() => expect(pin.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText(/Ziffern der Reihe nach/)).toBeTruthy();
    expect(world().browser.requests.slice(sent)).toEqual([]);

    type('PIN (4 bis 6 Ziffern)', '4826', form);
    press('Person anlegen', form);
    await screen.findByText('„Karl Neu“ ist angelegt.');
    expect(factOf(personCard('Karl Neu'), 'PIN gesetzt')).toBe('ja');
    expect((await deviceSignIn('Karl Neu', '4826')).statusCode).toBe(200);
  });

  it('refuses a staff password of fewer than 10 characters at the field', async () => {
    await open('#/team/personen', 'Personen');
    press('Neue Person');
    const form = await screen.findByRole('form', { name: 'Neue Person' });
    type('Name', 'Clara Team', form);
    fireEvent.click(within(form).getByRole('radio', { name: 'Mitarbeitende' }));
    type('Passwort', 'kurz', form);
    const sent = world().browser.requests.length;
    press('Person anlegen', form);
    expect(
      await within(form).findByText('Das Passwort braucht mindestens 10 Zeichen.'),
    ).toBeTruthy();
    expect(world().browser.requests.slice(sent)).toEqual([]);
    type('Passwort', 'Ladenkasse-2026', form);
    press('Person anlegen', form);
    await screen.findByText('„Clara Team“ ist angelegt.');
    expect(factOf(personCard('Clara Team'), 'Passwort gesetzt')).toBe('ja');
  });

  it('resets a PIN: the new one signs in, the old one no longer', async () => {
    await open('#/team/personen', 'Personen');
    press('Neue PIN für „Erika M.“');
    type('Neue PIN für „Erika M.“', '5839');
    press('Speichern', personCard('Erika M.'));
    await screen.findByText('Die neue PIN für „Erika M.“ ist gespeichert.');
    expect((await deviceSignIn('Erika M.', '4711')).statusCode).toBe(401);
    expect((await deviceSignIn('Erika M.', '5839')).statusCode).toBe(200);
    const audit = await world().server.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((line) => line.action)).toContain('person.pin_reset');
  });

  it('locks a person after "Ja" (their tablet session ends) and offers no password of others', async () => {
    await open('#/team/personen', 'Personen');
    // Anna is staff, not admin: she sets her own password only, and cannot lock herself.
    const anna = personCard(ANNA.name);
    expect(
      within(anna).getByRole('button', { name: `Passwort für „${ANNA.name}“ setzen` }),
    ).toBeTruthy();
    expect(within(anna).queryByRole('button', { name: /sperren/ })).toBeNull();
    expect(within(personCard('Bernd Team')).queryByRole('button', { name: /Passwort/ })).toBeNull();

    press('„Erika M.“ sperren');
    press('Nein');
    expect(factOf(personCard('Erika M.'), 'Gesperrt')).toBe('nein');
    press('„Erika M.“ sperren');
    press('Ja, sperren');
    await screen.findByText('„Erika M.“ ist gesperrt.');
    expect(factOf(personCard('Erika M.'), 'Gesperrt')).toMatch(/ja, seit \d\d\.\d\d\.\d{4}/);
    expect((await deviceSignIn('Erika M.', '4711')).statusCode).not.toBe(200);

    press('„Erika M.“ entsperren');
    press('Ja, entsperren');
    await screen.findByText('„Erika M.“ ist entsperrt.');
    expect((await deviceSignIn('Erika M.', '4711')).statusCode).toBe(200);
  });
});

describe('Geräte', () => {
  const deviceCard = (label: string) =>
    screen.getByText(label, { selector: '.upkeep-item-title' }).closest('li')!;

  it('lists tablets with contact, version and waiting entries; one that stopped delivering stands out', async () => {
    const { server, tablet } = world();
    await server
      .updateTable('devices')
      .set({
        app_version: '0.9.0',
        waiting_count: 4,
        last_seen_at: new Date().toISOString(),
        last_delivered_at: '2026-01-02T10:00:00.000Z',
      })
      .where('id', '=', tablet.deviceId)
      .execute();
    await open('#/team/geraete', 'Geräte');
    const card = deviceCard('Tablet Laden');
    expect(factOf(card, 'App-Version')).toBe('0.9.0');
    expect(factOf(card, 'Einträge, die noch warten')).toBe('4');
    expect(factOf(card, 'Zuletzt Einträge übertragen')).toBe('02.01.2026, 11:00');
    const flag = card.querySelector('.upkeep-flag');
    expect(flag?.textContent).toMatch(
      /⚠ 4 Einträge warten, aber seit \d+ Tagen wurde nichts übertragen/,
    );
    expect(deviceCard('Handy Erika').querySelector('.upkeep-flag')).toBeNull();
  });

  it('a tablet enrolled without a name is named in its buttons too', async () => {
    const { server, tablet } = world();
    await server
      .updateTable('devices')
      .set({ label: '' })
      .where('id', '=', tablet.deviceId)
      .execute();
    await open('#/team/geraete', 'Geräte');
    expect(deviceCard('Tablet ohne Namen')).toBeTruthy();
    press('„Tablet ohne Namen“ sperren');
    press('Nein');
  });

  it('revokes a tablet after "Ja": the server refuses it from then on', async () => {
    await open('#/team/geraete', 'Geräte');
    const { app, tablet } = world();
    expect((await pullRaw(app, tablet.authorization)).statusCode).toBe(200);
    press('„Tablet Laden“ sperren');
    press('Nein');
    press('„Tablet Laden“ sperren');
    press('Ja, sperren');
    await screen.findByText('„Tablet Laden“ ist gesperrt.');
    expect((await pullRaw(app, tablet.authorization)).statusCode).toBe(401);
    expect((await pullRaw(app, world().phone.authorization)).statusCode).toBe(200);
    expect(screen.getByText('Gesperrte Tablets (1)')).toBeTruthy();
  });

  it('sets up a new tablet: a QR code as SVG, the code in large letters, and when it expires', async () => {
    await open('#/team/geraete', 'Geräte');
    press('Code für ein neues Tablet erstellen');
    const code = await waitFor(() => {
      const shown = document.querySelector('.enrol-code')?.textContent;
      if (!shown) throw new Error('no code yet');
      return shown;
    });
    const qr = screen.getByRole('img', { name: `QR-Code zum Einrichten mit dem Code ${code}` });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    // It encodes the enrol link `<origin>/#/geraet/<code>` (the same library, the same text).
    const expected = qrcode(0, 'M');
    expected.addData(`${location.origin}/#/geraet/${code}`);
    expected.make();
    const dark: string[] = [];
    const size = expected.getModuleCount();
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++)
        if (expected.isDark(row, col)) dark.push(`M${col} ${row}`);
    }
    expect(qr.querySelector('path')?.getAttribute('d')).toBe(
      dark.map((m) => `${m}h1v1h-1z`).join(''),
    );
    expect(screen.getByText(/^Gilt bis \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr/)).toBeTruthy();
    // The code is real: a tablet enrols with it, once.
    const enrol = await world().app.inject({
      method: 'POST',
      url: '/api/v1/enrol',
      payload: { code, label: 'Neues Tablet' },
    });
    expect(enrol.statusCode, enrol.body).toBe(201);
    expect(enrol.json()).toMatchObject({ quarter: { id: QUARTER.id } });
  });
});
