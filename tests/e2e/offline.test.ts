// First visit online → the service worker controls the page → the network is cut and the
// server stopped → reload: every screen still renders from IndexedDB, and passes axe.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/requirements';
import { startAppServer, type AppServer } from '../support/app-server';
import { axeViolations, launchChromium, waitForServiceWorkerControl } from './browser';
import { enrolAndSignIn } from './enrol';

const SHOTS = 'tests/e2e/screenshots';
const hasChromium = chromiumAvailable();

describe.skipIf(!hasChromium)('offline in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startAppServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'de-DE' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const go = async (hash: string) => {
    await page.evaluate((h) => (location.hash = h), hash);
  };
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  it('first visit online: the catalogue arrives and the service worker takes control', async () => {
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await enrolAndSignIn(page, server);
    await expect
      .poll(() => page.getByText('18 Angebote in 5 Themenfeldern').count(), { timeout: 20_000 })
      .toBe(1);
    await expect.poll(() => page.getByText(/Zuletzt aktualisiert: \d/).count()).toBe(1);
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot('home-online');
  });

  it('offline reload: start screen with the storefront state, from IndexedDB', async () => {
    await server.stop();
    await context.setOffline(true);
    await page.reload();
    await page.getByText('Offline – alles wird auf diesem Gerät gespeichert').waitFor();
    const state = await page.getByTestId('store-state').textContent();
    expect(state).toMatch(/Jetzt geöffnet bis \d\d:\d\d Uhr|Geschlossen – öffnet .+ \d\d:\d\d Uhr/);
    await page.getByText('18 Angebote in 5 Themenfeldern').waitFor(); // read from IndexedDB
    expect(await axeViolations(page)).toEqual([]);
    await shot('home-offline');
  });

  it('offline: the catalogue by theme, with search', async () => {
    await go('#/angebote');
    await page.getByRole('heading', { level: 1, name: 'Angebote' }).waitFor();
    // The heading shows at once; the list follows when the live query has read IndexedDB.
    const themes = page.getByRole('heading', { level: 2, name: /^Themenfeld \d:/ });
    await themes.first().waitFor();
    expect(await themes.count()).toBe(5);
    expect(await page.locator('.ampel-green', { hasText: 'Grün: wird fortgeführt' }).count()).toBe(
      14,
    );
    expect(await axeViolations(page)).toEqual([]);
    await shot('catalogue');
    await page.getByLabel('Angebote durchsuchen').fill('Begegnungstelefon');
    await expect.poll(() => page.locator('#search-count').textContent()).toBe('1 Angebot');
  });

  it('offline: an activity detail', async () => {
    await page.getByRole('link', { name: /Begegnungstelefon/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Begegnungstelefon' }).waitFor();
    expect(await page.getByText('Bedingung für die Fortführung:').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('activity');
  });

  it('offline: the opening hours, week and special days', async () => {
    await go('#/oeffnungszeiten');
    await page.getByRole('heading', { level: 2, name: 'Jede Woche' }).waitFor();
    expect(await page.getByRole('rowheader').count()).toBe(7);
    expect(await page.getByRole('heading', { level: 2, name: 'Besondere Tage' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('opening-hours');
  });

  it('offline: settings, the call form and the walk screen', async () => {
    await go('#/einstellungen');
    await page.getByRole('heading', { level: 1, name: 'Schriftgröße und Sprache' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot('settings');
    // The privacy notice, from the settings screen's link: its own chunk, offline too.
    await page.getByRole('link', { name: 'Datenschutz: was mit Ihren Daten geschieht' }).click();
    await page.getByRole('heading', { level: 2, name: 'Wie lange' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await go('#/anruf');
    await page.getByLabel('Mit wem haben Sie telefoniert?').waitFor(); // its chunk, offline
    expect(await axeViolations(page)).toEqual([]);
    await go('#/spaziergang');
    await page.getByRole('heading', { level: 1, name: 'Spaziergang aufzeichnen' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
