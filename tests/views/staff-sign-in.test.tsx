// The staff sign-in and shell against the real server in-process: wrong password then the right
// one (the error beside the field, the focus on it), empty fields refused before asking, the
// password shown on request, too many wrong tries (429) said with the wait, the quarter from
// the device's pull state (else the server's default), the menu with every staff screen and
// who is signed in, and signing out (cookie and kept week gone).
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { readCachedStaffWeek } from '../../src/db/staff-week-cache';
import { db as appDb } from '../../src/db/instance';
import { applyPull } from '../../src/db/pull';
import { pullResponse } from '../support/fixtures';
import { ANNA, useStaffViewWorld } from './staff-view-world';

const world = useStaffViewWorld();

const typeIn = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));

async function signInForm() {
  const heading = await screen.findByRole('heading', { level: 1, name: 'Anmelden für das Team' });
  await screen.findByText('Quartier: Testquartier');
  return heading;
}

describe('staff sign-in', () => {
  it('says a wrong password beside the field, then signs in with the right one and shows the week', async () => {
    const { browser } = world();
    world().show('#/team');
    const heading = await signInForm();
    await waitFor(() => expect(document.activeElement).toBe(heading));

    typeIn('Name', ANNA.name);
    typeIn('Passwort', 'Falsches-Passwort-1');
    submit();
    const error = await screen.findByText('Name oder Passwort stimmt nicht.');
    const password = screen.getByLabelText('Passwort') as HTMLInputElement;
    expect(password.getAttribute('aria-describedby')).toContain(error.closest('p')!.id);
    expect(password.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(password));
    expect(browser.cookie()).toBe('');

    typeIn('Passwort', ANNA.password);
    submit();
    const week = await screen.findByRole('heading', { level: 1, name: /^Woche \d+: / });
    await waitFor(() => expect(document.activeElement).toBe(week));
    expect(browser.cookie()).toMatch(/^qb_staff=/);
    expect(screen.getByText('Angemeldet: Anna Team (Testquartier)')).toBeTruthy();
    // The menu reaches every staff screen; the week is marked as the current one.
    const menu = screen.getByRole('navigation', { name: 'Teambereich' });
    const links = within(menu).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Woche', '#/team/woche'],
      ['Berichte', '#/team/berichte'],
      ['Angebote & Ampel', '#/team/angebote'],
      ['Öffnungszeiten', '#/team/oeffnungszeiten'],
      ['Gesprächspartner', '#/team/partner'],
      ['Personen', '#/team/personen'],
      ['Geräte', '#/team/geraete'],
      ['Protokoll', '#/team/protokoll'],
    ]);
    expect(links[0]!.getAttribute('aria-current')).toBe('page');
    expect(links.filter((link) => link.hasAttribute('aria-current'))).toHaveLength(1);
  });

  it('refuses a volunteer with their PIN as for a wrong password', async () => {
    const { browser } = world();
    world().show('#/team');
    await signInForm();
    typeIn('Name', 'Erika M.');
    typeIn('Passwort', '4711');
    submit();
    expect(await screen.findByText('Name oder Passwort stimmt nicht.')).toBeTruthy();
    expect(browser.cookie()).toBe('');
    expect(screen.queryByRole('navigation', { name: 'Teambereich' })).toBeNull();
  });

  it('refuses empty fields without asking the server', async () => {
    const { browser } = world();
    world().show('#/team');
    await signInForm();
    const before = browser.requests.length;
    submit();
    const nameError = await screen.findByText('Bitte geben Sie Ihren Namen ein.');
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-describedby')).toBe(nameError.closest('p')!.id);
    await waitFor(() => expect(document.activeElement).toBe(name));
    typeIn('Name', ANNA.name);
    submit();
    expect(await screen.findByText('Bitte geben Sie Ihr Passwort ein.')).toBeTruthy();
    expect(screen.queryByText('Bitte geben Sie Ihren Namen ein.')).toBeNull();
    expect(browser.requests.slice(before)).toEqual([]);
  });

  it('shows the password on request and hides it again', async () => {
    world().show('#/team');
    await signInForm();
    const password = screen.getByLabelText('Passwort') as HTMLInputElement;
    const toggle = screen.getByRole('button', { name: 'Passwort zeigen' });
    expect(password.type).toBe('password');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(password.type).toBe('text');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(password.type).toBe('password');
  });

  it('says how long to wait after too many wrong passwords (429)', async () => {
    world().show('#/team');
    await signInForm();
    typeIn('Name', ANNA.name);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      typeIn('Passwort', `Falsch-${attempt}-abcdefg`);
      submit();
      await screen.findByText('Name oder Passwort stimmt nicht.');
      // The next attempt starts from a cleared message (the button is enabled again).
      await waitFor(() =>
        expect(screen.getByRole('button', { name: 'Anmelden' }).hasAttribute('disabled')).toBe(
          false,
        ),
      );
    }
    typeIn('Passwort', ANNA.password);
    submit();
    expect(
      await screen.findByText(
        /^Zu viele falsche Versuche\. Bitte warten Sie (eine Minute|\d+ Minuten)/,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Teambereich' })).toBeNull();
  });

  it("signs in to the quarter of the device's last pull, without asking for the default", async () => {
    const { browser } = world();
    await applyPull(
      appDb,
      { ...pullResponse(1, { reset: true }), quarter: { id: 'q-test', name: 'Testquartier' } },
      0,
    );
    world().show('#/team');
    await signInForm();
    expect(browser.requests).not.toContain('GET /api/v1/pull');
    await world().signIn();
    expect(await screen.findByRole('heading', { level: 1, name: /^Woche / })).toBeTruthy();
  });

  it('asks the server for its default quarter when the device has pulled nothing', async () => {
    const { browser } = world();
    world().show('#/team');
    await signInForm();
    expect(browser.requests).toContain('GET /api/v1/pull');
  });

  it('signs out: the session cookie and the kept week are gone, the sign-in is back', async () => {
    const { browser } = world();
    world().show('#/team');
    await world().signIn();
    await screen.findByRole('heading', { level: 1, name: /^Woche / });
    await waitFor(async () => expect(await readCachedStaffWeek()).toBeDefined());

    fireEvent.click(screen.getByRole('button', { name: 'Abmelden' }));
    expect(await screen.findByText('Sie sind abgemeldet.')).toBeTruthy();
    await signInForm();
    expect(browser.cookie()).toBe('');
    expect(browser.requests).toContain('POST /api/v1/staff/sign-out');
    expect(await readCachedStaffWeek()).toBeUndefined();
    expect(screen.queryByText(/Bitte neu anmelden/)).toBeNull();
  });
});
