// `npm run screenshots`: every screen as a tablet user sees it — 768×1024, CPU slowed 6× like an
// old tablet, after the first visit and once more offline — into tests/e2e/screenshots/.
// Look at them after changing a view. Builds dist/ first when it is missing.
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium, waitForServiceWorkerControl } from '../tests/e2e/browser';
import { enrolAndSignIn } from '../tests/e2e/enrol';
import { startAppServer } from '../tests/support/app-server';
import { buildApp } from '../tests/support/build-app';

const OUT = 'tests/e2e/screenshots';
const SCREENS: [string, string][] = [
  ['start', '#/'],
  ['angebote', '#/angebote'],
  ['oeffnungszeiten', '#/oeffnungszeiten'],
  ['einstellungen', '#/einstellungen'],
  ['anruf', '#/anruf'],
  ['beratung', '#/beratung'],
  ['eintraege', '#/eintraege'],
  ['uebertragung', '#/uebertragung'],
  ['anmelden', '#/anmelden'],
  ['spaziergang', '#/spaziergang'],
  ['gespraeche', '#/gespraeche'],
  ['datenschutz', '#/datenschutz'],
];

/** Staff screens by their `#/team/<segment>` (staff-nav.tsx), shot after the week. */
const STAFF_SCREENS = [
  'berichte',
  'angebote',
  'oeffnungszeiten',
  'partner',
  'personen',
  'geraete',
  'protokoll',
];

if (!existsSync('dist/index.html')) buildApp('dist');
mkdirSync(OUT, { recursive: true });
const server = await startAppServer();
const browser = await launchChromium();
try {
  const context = await browser.newContext({
    viewport: { width: 768, height: 1024 },
    locale: 'de-DE',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  // A first visit, not set up yet: the catalogue and the opening hours are public.
  await page.getByText(/[1-9]\d* Angebote in 5 Themenfeldern/).waitFor();
  await page.screenshot({ path: `${OUT}/erster-besuch.png`, fullPage: true });
  await enrolAndSignIn(page, server);
  await page.getByText(/\d+ Angebote in 5 Themenfeldern/).waitFor();
  await staffScreenshots(browser, server.url);
  await server.stop();
  await context.setOffline(true);
  await page.reload();
  // One call logged offline, so "Meine Einträge" and "Übertragung" show something.
  await page.evaluate(() => (location.hash = '#/anruf'));
  await page.getByLabel('Mit wem haben Sie telefoniert?').fill('Frau K.');
  await page.getByLabel('Wie lange? (Minuten)').fill('25');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText(/^Auf diesem Gerät gespeichert\./).waitFor();
  for (const [name, hash] of SCREENS) {
    await page.evaluate((h) => (location.hash = h), hash);
    await page.locator('main h1').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
  }
  // Signed out, offline: the people who signed in here before can sign in again.
  await page.evaluate(() => (location.hash = '#/anmelden'));
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.getByText(/Sie sind abgemeldet/).waitFor();
  await page.screenshot({ path: `${OUT}/anmelden-offline.png`, fullPage: true });
  await page.evaluate(() => (location.hash = '#/uebertragung'));
  await page.locator('main h1').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}/uebertragung-abgemeldet.png`, fullPage: true });
  await page.evaluate(() => (location.hash = '#/angebote'));
  await page.locator('.activity-card').first().click();
  await page.locator('main h1').first().waitFor();
  await page.screenshot({ path: `${OUT}/angebot.png`, fullPage: true });
  console.log(`Screenshots in ${OUT}/`);
} finally {
  await browser.close();
  await server.close();
}

/**
 * The staff screens (issue 10) in a browser of their own, while the server is up, at the same
 * 6× slower CPU: the sign-in, the demo's week (with its walk and the partner not reached three
 * times), the history of the demo's first call, every other screen of the menu (the partners'
 * with "endgültig löschen" opened on the first card) and the Auskunft about the demo's first partner (also as printed); then the
 * week and the hours on a 320 px phone. Signed in as the demo's staff member
 * (server/demo/demo-users.ts).
 */
async function staffScreenshots(chromium: Browser, url: string): Promise<void> {
  const context = await chromium.newContext({
    viewport: { width: 768, height: 1024 },
    locale: 'de-DE',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.goto(`${url}#/team`);
  await page.getByRole('heading', { name: 'Anmelden für das Team' }).waitFor();
  await page.getByText(/^Quartier: /).waitFor();
  await page.screenshot({ path: `${OUT}/team-anmelden.png`, fullPage: true });
  await page.getByLabel('Name').fill('Anna Beispiel');
  await page.getByLabel('Passwort', { exact: true }).fill('Laden-Demo-2026');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { level: 1, name: /^Woche / }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}/team-woche.png`, fullPage: true });
  await page.evaluate(() => (location.hash = '#/team/eintrag/demo-call-frau-k'));
  await page.getByRole('heading', { level: 1, name: /^Verlauf/ }).waitFor();
  await page.screenshot({ path: `${OUT}/team-verlauf.png`, fullPage: true });
  const shoot = async (segment: string, name: string) => {
    await page.evaluate((s) => (location.hash = `#/team/${s}`), segment);
    await page.locator('main h1').first().waitFor();
    await page.getByText('Wird geladen …').waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
  };
  for (const segment of STAFF_SCREENS) await shoot(segment, `team-${segment}`);
  // "Endgültig löschen" opened on the first partner's card (issue 11), before anything is typed.
  await shoot('partner', 'team-partner');
  await page
    .getByRole('button', { name: /endgültig löschen …$/ })
    .first()
    .click();
  await page.getByLabel(/Zur Bestätigung den Namen eintippen/).waitFor();
  await page.screenshot({ path: `${OUT}/team-loeschen.png`, fullPage: true });
  // The printable Auskunft about the demo's first partner (issue 11), on screen and as printed.
  await page.evaluate(() => (location.hash = '#/team/auskunft/partner/demo-partner-frau-k'));
  await page.getByText(/^Betrifft: /).waitFor();
  await page.screenshot({ path: `${OUT}/team-auskunft.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${OUT}/team-auskunft-druck.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 320, height: 640 });
  for (const segment of ['woche', 'oeffnungszeiten']) await shoot(segment, `team-${segment}-320`);
  await context.close();
}
