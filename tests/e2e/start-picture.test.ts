// The start screen painted before the app has loaded (issue 12, public/start-picture.js), in
// Chromium with the built app: the app's own module is held back on purpose, so what shows is
// only the picture. A volunteer sees the start screen, and a tap on a menu button leads where
// it says once the app is there. A locked tablet never shows the person's start screen, not
// even for a moment when someone opens the app again (a sign-out drops the picture the same
// way, as any change of a start value does: tests/views/start-state.test.tsx).
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { chromiumAvailable } from '../support/requirements';
import { launchChromium } from './browser';
import { DEMO_VOLUNTEER, enrolAndSignIn } from './enrol';

const hasChromium = chromiumAvailable();
const SHOTS = 'tests/e2e/screenshots';
/** The app's entry module (index.html's module script); everything else loads from it. */
const APP_MODULE = /\/assets\/index-[\w-]+\.js$/;

describe.skipIf(!hasChromium)('the kept start screen, before the app has loaded', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let held: Route[] = [];
  let holding = false;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchChromium();
    // No service worker: each start asks the server, so the test can hold the app's module.
    context = await browser.newContext({
      viewport: { width: 768, height: 1024 },
      locale: 'de-DE',
      serviceWorkers: 'block',
    });
    page = await context.newPage();
    await page.route(APP_MODULE, (route) => {
      if (holding) held.push(route);
      else void route.continue();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the app again at `hash` with its module held back, until `release` is called. */
  async function openHeld(hash: string) {
    holding = true;
    held = [];
    await page.goto('about:blank'); // the app closed (a hash alone would not load it again)
    await page.goto(`${server.url}/${hash}`, { waitUntil: 'commit' });
    // Asked for, not answered (DOMContentLoaded waits for it, so the page never gets there).
    await expect.poll(() => held.length).toBe(1);
    return async () => {
      holding = false;
      for (const route of held) await route.continue();
    };
  }

  /** The picture kept with the start snapshot, if any. */
  const keptPicture = () =>
    page.evaluate(() => JSON.parse(localStorage.getItem('qb.start') ?? 'null')?.picture ?? null);

  it('shows the start screen of the person signed in at once, and its buttons lead on', async () => {
    await page.goto(server.url);
    await enrolAndSignIn(page, server);
    await page.getByTestId('store-state').filter({ hasText: /Uhr/ }).waitFor();
    await expect.poll(keptPicture, { timeout: 10_000 }).not.toBeNull();

    const release = await openHeld('#/');
    // Only the picture can show this: the app's module has not even arrived.
    expect(held).toHaveLength(1);
    await page.getByText(`Angemeldet: ${DEMO_VOLUNTEER.name}`).waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('store-state').textContent()).toMatch(
      /Jetzt geöffnet bis \d\d:\d\d Uhr|Geschlossen – öffnet .+ \d\d:\d\d Uhr/,
    );
    expect(await page.locator('.boot:not(.boot-stuck)').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/start-picture.png`, fullPage: true });
    // A tap before the app is there: the link changes the address, and the app follows it.
    await page.getByRole('link', { name: /Anruf eintragen/ }).click();
    expect(await page.evaluate(() => location.hash)).toBe('#/anruf');
    await release();
    await page.getByLabel('Mit wem haben Sie telefoniert?').waitFor({ timeout: 20_000 });
  });

  it('is dropped when a value changes on another screen, and taken again back at the start', async () => {
    // On the call form (where the first test ended), offline: a saved call changes what waits,
    // and nothing changes after it (no sync round delivers it meanwhile).
    await context.setOffline(true);
    try {
      await page.getByLabel('Mit wem haben Sie telefoniert?').fill('Frau Bild');
      await page.getByLabel('Wie lange? (Minuten)').fill('7');
      await page.getByRole('button', { name: 'Speichern' }).click();
      // The notice (the connection line says "… auf diesem Gerät gespeichert" too, offline).
      await page.getByText('Auf diesem Gerät gespeichert. Der Anruf', { exact: false }).waitFor();
      await expect.poll(keptPicture, { timeout: 10_000 }).toBeNull();
      await page.waitForTimeout(1_000); // no picture is taken of the form
      expect(await keptPicture()).toBeNull();
      await page.getByRole('link', { name: 'Quartiersbuch' }).click();
      await page.getByTestId('store-state').waitFor();
      await expect.poll(keptPicture, { timeout: 10_000 }).not.toBeNull();
      expect((await keptPicture())?.html).toContain('1 Eintrag wartet auf Übertragung');
    } finally {
      await context.setOffline(false); // the next test opens the app from the server
    }
  });

  it('shows nothing of the person once the screen is locked', async () => {
    await page.evaluate(() => (location.hash = '#/'));
    await page.getByRole('button', { name: 'Bildschirm sperren' }).click();
    await page.getByRole('heading', { name: /gesperrt/i }).waitFor();
    await expect.poll(keptPicture, { timeout: 10_000 }).toBeNull();

    const release = await openHeld('#/');
    await page.locator('.boot').first().waitFor();
    // The app's module is still held: what shows is index.html's waiting line, and no name.
    expect(held).toHaveLength(1);
    expect(await page.locator('#app').textContent()).not.toContain(DEMO_VOLUNTEER.name);
    expect(await page.locator('nav').count()).toBe(0);
    await release();
    await page.getByRole('heading', { name: /gesperrt/i }).waitFor({ timeout: 20_000 });
  });
});
