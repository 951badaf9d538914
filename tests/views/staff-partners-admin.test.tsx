// "Gesprächspartner" for staff against the real server in-process (SQLite): register a partner
// with a caller (the caller's tablet pulls them), bad numbers refused at the field and never
// sent, assign another caller and unassign the first, pause and resume, end after "Ja"; the
// partner's consent recorded in its fieldset (a day needs a form, no day to come) and shown on
// the card in one line, or "noch nicht erfasst"; a
// status change that meets someone else's edit changes nothing and shows the partner as saved.
// "Auskunft" downloads the partner's data under the server's file name and leaves an audit
// line; without a connection it says so beside the button and saves no file.
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import { QUARTER } from '../server/support/fixtures';
import { pullAs } from '../server/support/pull-fixtures';
import { signInStaff } from '../server/support/staff-fixtures';
import { BERND, catchDownloads, press, type, useStaffViewWorld } from './staff-view-world';

const world = useStaffViewWorld();
// Signing in checks an argon2 hash: with other test files running beside this one it can take
// longer than testing-library's default second, so waits may last up to five (a ceiling, not a
// sleep: each wait ends as soon as its condition holds).
configure({ asyncUtilTimeout: 5000 });

async function open() {
  world().show('#/team/partner');
  await world().signIn();
  await screen.findByRole('heading', { level: 1, name: 'Gesprächspartner' });
  await waitFor(() => expect(screen.queryByText('Wird geladen …')).toBeNull());
}

async function partnerFields(): Promise<Record<string, unknown>> {
  const row = await world()
    .server.selectFrom('entries')
    .selectAll()
    .where('kind', '=', 'partner')
    .executeTakeFirstOrThrow();
  return JSON.parse(row.fields) as Record<string, unknown>;
}

const card = (name: string) =>
  screen.getByText(name, { selector: '.upkeep-item-title' }).closest('li')!;

async function registerIlse() {
  await open();
  press('Neue Gesprächsperson');
  const form = await screen.findByRole('form', { name: 'Neue Gesprächsperson' });
  type('Vorname oder Spitzname', 'Ilse', form);
  type('Telefonnummer', '02151 / 12 34-56', form);
  type('Gute Zeiten', 'vormittags', form);
  type('Übliche Dauer in Minuten', '25', form);
  fireEvent.click(within(form).getByRole('checkbox', { name: 'Erika M.' }));
  press('Speichern', form);
  await screen.findByText(/„Ilse“ ist gespeichert/);
}

describe('Gesprächspartner', () => {
  it('registers a partner with a caller, whose tablet then pulls them', async () => {
    await registerIlse();
    expect(await partnerFields()).toMatchObject({
      name: 'Ilse',
      phone: '02151 / 12 34-56',
      usualMinutes: 25,
      callEveryDays: 7,
      callers: [world().erika],
      status: 'active',
    });
    const ilse = card('Ilse');
    expect(within(ilse).getByText('Erika M.')).toBeTruthy();
    expect(within(ilse).getByText('wird angerufen')).toBeTruthy();
    expect(within(ilse).getByText('Einwilligung noch nicht erfasst')).toBeTruthy();
    const pulled = await pullAs(world().app, world().tablet.authorization);
    expect(pulled.changes.partners?.map((p) => p.name)).toEqual(['Ilse']);
  });

  it('refuses a bad phone number and a length of 0 minutes at the field, and sends nothing', async () => {
    await open();
    press('Neue Gesprächsperson');
    const form = await screen.findByRole('form', { name: 'Neue Gesprächsperson' });
    type('Vorname oder Spitzname', 'Ilse', form);
    type('Telefonnummer', '0800-ANRUF', form);
    type('Übliche Dauer in Minuten', '0', form);
    const sent = world().browser.requests.length;
    press('Speichern', form);
    const phone = within(form).getByLabelText('Telefonnummer');
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(phone);
    expect(
      within(form).getByText('Bitte nur Ziffern, Leerzeichen und + ( ) / - verwenden.'),
    ).toBeTruthy();
    expect(within(form).getByText('Bitte eine Zahl von 1 bis 240 eintragen.')).toBeTruthy();
    expect(world().browser.requests.slice(sent)).toEqual([]);
  });

  it('records the consent: day, form and scope; the card says it in one line', async () => {
    await registerIlse();
    press('„Ilse“ bearbeiten');
    const form = await screen.findByRole('form', { name: '„Ilse“ bearbeiten' });
    const consent = within(form).getByRole('group', { name: 'Einwilligung' });
    const forms = within(consent).getByRole('group', { name: 'Form der Einwilligung' });
    expect(
      (within(forms).getByRole('radio', { name: 'noch nicht erfasst' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    type('Einwilligung am', '2026-03-03', consent);
    fireEvent.click(within(forms).getByRole('radio', { name: 'schriftlich' }));
    type('Wozu hat die Person eingewilligt?', 'wöchentliche Anrufe', consent);
    press('Speichern', form);
    await screen.findByText(/„Ilse“ ist gespeichert/);
    expect(await partnerFields()).toMatchObject({
      consentOn: '2026-03-03',
      consentForm: 'written',
      consentScope: 'wöchentliche Anrufe',
    });
    const ilse = card('Ilse');
    expect(within(ilse).getByText('Einwilligung')).toBeTruthy();
    expect(
      within(ilse).getByText('schriftlich am 3. März 2026 – wöchentliche Anrufe'),
    ).toBeTruthy();
    expect(within(ilse).queryByText('Einwilligung noch nicht erfasst')).toBeNull();

    // Back to "noch nicht erfasst": day and form go together.
    press('„Ilse“ bearbeiten');
    const again = await screen.findByRole('form', { name: '„Ilse“ bearbeiten' });
    type('Einwilligung am', '', again);
    fireEvent.click(within(again).getByRole('radio', { name: 'noch nicht erfasst' }));
    press('Speichern', again);
    await screen.findByText(/„Ilse“ ist gespeichert/);
    expect(await partnerFields()).toMatchObject({ consentOn: '', consentForm: '' });
    expect(within(card('Ilse')).getByText('Einwilligung noch nicht erfasst')).toBeTruthy();
  });

  it('refuses a consent day without its form, a form without its day and a day to come', async () => {
    await open();
    press('Neue Gesprächsperson');
    const form = await screen.findByRole('form', { name: 'Neue Gesprächsperson' });
    type('Vorname oder Spitzname', 'Ilse', form);
    type('Telefonnummer', '02151 123456', form);
    type('Einwilligung am', '2026-03-03', form);
    const sent = world().browser.requests.length;
    press('Speichern', form);
    await within(form).findByText('Bitte auch wählen, wie die Person eingewilligt hat.');
    // The first radio button takes the focus, so the keyboard is where the problem is.
    expect(document.activeElement).toBe(
      within(form).getByRole('radio', { name: 'noch nicht erfasst' }),
    );

    type('Einwilligung am', '', form);
    fireEvent.click(within(form).getByRole('radio', { name: 'mündlich (am Telefon)' }));
    press('Speichern', form);
    const day = within(form).getByLabelText('Einwilligung am');
    await within(form).findByText('Bitte auch das Datum der Einwilligung eintragen.');
    expect(day.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(day);

    // The staff clock says 27 November 2026: the day after is still to come.
    type('Einwilligung am', '2026-11-28', form);
    press('Speichern', form);
    await within(form).findByText('Das Datum darf nicht in der Zukunft liegen.');
    expect(world().browser.requests.slice(sent)).toEqual([]);

    type('Einwilligung am', '2026-11-27', form);
    press('Speichern', form);
    await screen.findByText(/„Ilse“ ist gespeichert/);
    expect(await partnerFields()).toMatchObject({ consentOn: '2026-11-27', consentForm: 'oral' });
  });

  it('assigns another caller and unassigns the first, pauses, resumes and ends after "Ja"', async () => {
    await registerIlse();
    press('„Ilse“ bearbeiten');
    const form = await screen.findByRole('form', { name: '„Ilse“ bearbeiten' });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Erika M.' }));
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Bernd Team (Team)' }));
    press('Speichern', form);
    await screen.findByText(/„Ilse“ ist gespeichert/);
    const bernd = await world()
      .server.selectFrom('users')
      .select('id')
      .where('name', '=', BERND.name)
      .executeTakeFirstOrThrow();
    expect((await partnerFields()).callers).toEqual([bernd.id]);

    press('„Ilse“ pausieren');
    await screen.findByText('„Ilse“ ist pausiert.');
    expect((await partnerFields()).status).toBe('paused');
    press('„Ilse“ wieder anrufen');
    await screen.findByText('„Ilse“ wird wieder angerufen.');
    expect((await partnerFields()).status).toBe('active');

    press('„Ilse“ beenden');
    press('Nein');
    expect((await partnerFields()).status).toBe('active');
    press('„Ilse“ beenden');
    press('Ja, beenden');
    await screen.findByText('„Ilse“ ist beendet.');
    expect((await partnerFields()).status).toBe('ended');
    expect(screen.getByText('Beendete Gesprächspersonen (1)')).toBeTruthy();
  });

  it('changes no status when someone saved the partner meanwhile', async () => {
    await registerIlse();
    const { app } = world();
    const cookie = await signInStaff(app, { quarterId: QUARTER.id, ...BERND });
    const listed = await app.inject({
      method: 'GET',
      url: `${STAFF_PREFIX}/partners`,
      headers: { cookie },
    });
    const ilse = listed.json<{ partners: { id: string; version: number }[] }>().partners[0]!;
    const response = await app.inject({
      method: 'PUT',
      url: `${STAFF_PREFIX}/partners/${ilse.id}`,
      headers: { cookie },
      payload: { expectedVersion: ilse.version, preferredTimes: 'nachmittags' },
    });
    expect(response.statusCode, response.body).toBe(200);
    press('„Ilse“ pausieren');
    await screen.findByText(
      /wurde inzwischen von jemand anderem geändert. Es wurde nichts geändert/,
    );
    expect(await partnerFields()).toMatchObject({
      status: 'active',
      preferredTimes: 'nachmittags',
    });
  });

  it('downloads the Auskunft about a partner, and says beside the button when it cannot', async () => {
    await registerIlse();
    const row = await world()
      .server.selectFrom('entries')
      .select('id')
      .where('kind', '=', 'partner')
      .executeTakeFirstOrThrow();
    const files = catchDownloads();
    try {
      const button = `Auskunft über „Ilse“ herunterladen`;
      world().browser.offline = true;
      press(button, card('Ilse'));
      expect(await within(card('Ilse')).findByText(/Keine Verbindung zum Server/)).toBeTruthy();
      expect(files).toEqual([]);

      world().browser.offline = false;
      const sent = world().browser.requests.length;
      press(button, card('Ilse'));
      // The click renders at once; the answer comes only after this line (the server is async).
      const loading = within(card('Ilse')).getByRole('button', {
        name: 'Auskunft über „Ilse“ wird geladen …',
      });
      expect((loading as HTMLButtonElement).disabled).toBe(true);
      await waitFor(() => expect(files).toHaveLength(1));
      expect(within(card('Ilse')).getByRole('button', { name: button })).toBeTruthy();
      expect(world().browser.requests.slice(sent)).toEqual([
        `GET ${STAFF_PREFIX}/partners/${row.id}/export`,
      ]);
      expect(files[0]!.name).toMatch(
        new RegExp(`^auskunft-gespraechspartner-${row.id}-\\d{4}-\\d\\d-\\d\\d\\.json$`),
      );
      const data = JSON.parse(await files[0]!.blob.text()) as { subject: { id: string } };
      expect(data.subject).toMatchObject({ id: row.id, name: 'Ilse' });
      expect(within(card('Ilse')).queryByText(/Keine Verbindung/)).toBeNull();
      const audit = await world()
        .server.selectFrom('audit_log')
        .select(['action', 'subject_id'])
        .where('action', '=', 'read.export_partner')
        .execute();
      expect(audit).toEqual([{ action: 'read.export_partner', subject_id: row.id }]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
