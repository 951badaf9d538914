// "Endgültig löschen" on the staff screens (issue 11, Art. 17) against the real server
// in-process (SQLite): the group says what goes and asks for the name; one that does not match
// (any case is fine) is said at the field and nothing is sent; Escape and "Abbrechen" close it
// with nothing sent and focus back on the opener. Erasing a person or a partner drops the card, says so, and the server holds
// nothing of them any more; someone who was erased meanwhile is said so beside the button and
// nothing else changes. Nobody is offered to erase themselves.
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import { createPartner } from '../../src/sync/staff-upkeep-requests';
import { everyRow } from '../server/support/every-row';
import { ANNA, BERND, press, type, useStaffViewWorld } from './staff-view-world';
import { signInStaff } from '../server/support/staff-fixtures';
import { QUARTER } from '../server/support/fixtures';

const world = useStaffViewWorld();
configure({ asyncUtilTimeout: 5000 });

async function open(hash: string, title: string) {
  world().show(hash);
  await world().signIn();
  await screen.findByRole('heading', { level: 1, name: title });
  await waitFor(() => expect(screen.queryByText('Wird geladen …')).toBeNull());
  // The loaded screen's heading takes the focus once it is shown; the tests move it on.
  await waitFor(() =>
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: title })),
  );
}

const card = (name: string) =>
  screen.getByText(name, { selector: '.upkeep-item-title', exact: false }).closest('li')!;

describe('Endgültig löschen', () => {
  it('erases a person after the name is typed; Escape and Abbrechen send nothing', async () => {
    await open('#/team/personen', 'Personen');
    const erika = card('Erika M.');
    const opener = 'Erika M.“ endgültig löschen …';

    // Opened and closed again, twice: nothing is sent, focus comes back.
    const sent = world().browser.requests.length;
    press(new RegExp(opener), erika);
    const group = await within(erika).findByRole('form', { name: /Alles löschen/ });
    const field = within(group).getByLabelText(/Zur Bestätigung den Namen eintippen/);
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(group.textContent).toMatch(/nicht rückgängig/);
    fireEvent.keyDown(field, { key: 'Escape' });
    await waitFor(() => expect(within(erika).queryByRole('form')).toBeNull());
    expect(document.activeElement).toBe(
      within(erika).getByRole('button', { name: new RegExp(opener) }),
    );
    press(new RegExp(opener), erika);
    press('Abbrechen', await within(erika).findByRole('form'));
    await waitFor(() => expect(within(erika).queryByRole('form')).toBeNull());
    expect(world().browser.requests.slice(sent)).toEqual([]);

    // A near miss is said at the field and sends nothing; the name in another case goes.
    press(new RegExp(opener), erika);
    const form = await within(erika).findByRole('form');
    type(/Zur Bestätigung/, 'Erika', form);
    press('Endgültig löschen', form);
    const nameField = within(form).getByLabelText(/Zur Bestätigung/);
    await waitFor(() => expect(nameField.getAttribute('aria-invalid')).toBe('true'));
    expect(form.textContent).toMatch(/Der Name stimmt nicht\. Bitte genau so eintippen: Erika M\./);
    expect(document.activeElement).toBe(nameField);
    expect(world().browser.requests.slice(sent)).toEqual([]);
    type(/Zur Bestätigung/, ' erika m. ', form);
    press('Endgültig löschen', form);
    await screen.findByText(
      '„Erika M.“ ist gelöscht. Die Tablets löschen es bei ihrer nächsten Verbindung.',
    );
    expect(
      screen.queryByText('Erika M.', { selector: '.upkeep-item-title', exact: false }),
    ).toBeNull();
    expect(world().browser.requests.slice(sent)).toEqual([
      `POST ${STAFF_PREFIX}/people/${world().erika}/erase`,
    ]);
    expect(await everyRow(world().server)).not.toContain('Erika M.');
  });

  it('never offers to erase oneself; someone erased meanwhile is said so and nothing else changes', async () => {
    await open('#/team/personen', 'Personen');
    expect(within(card(ANNA.name)).queryByRole('button', { name: /endgültig löschen/ })).toBeNull();

    // Bernd erases Erika from another browser while this screen still shows her.
    const bernd = await signInStaff(world().app, { quarterId: QUARTER.id, ...BERND });
    const erased = await world().app.inject({
      method: 'POST',
      url: `${STAFF_PREFIX}/people/${world().erika}/erase`,
      headers: { cookie: bernd },
      payload: { name: 'Erika M.' },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    const erika = card('Erika M.');
    press(/Erika M.“ endgültig löschen/, erika);
    const form = await within(erika).findByRole('form');
    type(/Zur Bestätigung/, 'Erika M.', form);
    press('Endgültig löschen', form);
    await within(form).findByText('Diese Person wurde gelöscht.');
    // The button stays usable (to try again once the list is reloaded).
    expect(within(form).getByRole('button', { name: 'Endgültig löschen' })).toHaveProperty(
      'disabled',
      false,
    );
  });

  it('erases a call partner: the card goes, the server holds no word of her', async () => {
    await open('#/team/personen', 'Personen');
    const saved = await createPartner(
      {
        name: 'Frau Quendelin',
        phone: '02151 998877',
        preferredTimes: 'nachmittags',
        note: 'Mag Zitronenmelisse',
        usualMinutes: 20,
        callEveryDays: 7,
        callers: [world().erika],
        status: 'active',
        expectedVersion: 0,
      },
      world().deps,
    );
    expect(saved.ok).toBe(true);
    location.hash = '#/team/partner';
    await screen.findByRole('heading', { level: 1, name: 'Gesprächspartner' });
    await waitFor(() => expect(screen.queryByText('Wird geladen …')).toBeNull());
    const quendelin = card('Frau Quendelin');
    press(/Frau Quendelin“ endgültig löschen/, quendelin);
    const form = await within(quendelin).findByRole('form');
    expect(form.textContent).toMatch(/wie viele Anrufe/);
    type(/Zur Bestätigung/, 'frau quendelin', form);
    press('Endgültig löschen', form);
    await screen.findByText(/„Frau Quendelin“ ist gelöscht/);
    expect(screen.queryByText('Frau Quendelin', { selector: '.upkeep-item-title' })).toBeNull();
    const rows = await everyRow(world().server);
    for (const secret of ['Quendelin', '998877', 'Zitronenmelisse']) {
      expect(rows).not.toContain(secret);
    }
  });
});
