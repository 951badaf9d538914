// Setting up a browser as a person would: the device code from the storefront typed into
// "Gerät einrichten", then "Anmelden" with name and PIN (the demo's Erika Beispiel).
import type { Page } from 'playwright-core';
import { DEMO_QUARTER } from '../../server/demo/demo-facts';
import { createEnrolmentCode } from '../../server/repos/enrolment-code.repo';
import type { AppServer } from '../support/app-server';

export const DEMO_VOLUNTEER = { name: 'Erika Beispiel', pin: '3816' }; // server/demo/demo-users.ts
/** The demo's second volunteer: no entries of his own in the demo (server/demo/demo-entries.ts). */
export const DEMO_SECOND_VOLUNTEER = { name: 'Hans Beispiel', pin: '5927' };

/** Returns the enrolment code it used (tests check it never reaches the server's log). */
export async function enrolAndSignIn(
  page: Page,
  server: AppServer,
  who = DEMO_VOLUNTEER,
): Promise<string> {
  const { code } = await createEnrolmentCode(server.db, DEMO_QUARTER.id);
  await page.evaluate(() => (location.hash = '#/geraet'));
  await page.getByLabel('Gerätecode').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Gerät einrichten' }).click();
  await page.getByText(/Das Gerät ist eingerichtet für/).waitFor({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Anmelden' }).click();
  await page.getByRole('radio', { name: who.name }).check();
  await page.getByLabel('PIN', { exact: true }).fill(who.pin);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByText(`Angemeldet: ${who.name}`).waitFor();
  return code;
}
