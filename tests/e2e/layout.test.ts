// Readable on small screens and for weak eyes: 18 px base text, three text sizes remembered on
// the device, no sideways scrolling at 320 px or at 200 % zoom, touch targets of 48 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/requirements';
import { startAppServer, type AppServer } from '../support/app-server';
import { axeViolations, launchChromium } from './browser';
import { enrolAndSignIn } from './enrol';

/** Each screen, and what shows once its data has been read from IndexedDB. */
const SCREENS: [string, string][] = [
  ['#/', '[data-testid="store-state"]'],
  ['#/angebote', '.activity-card'],
  ['#/oeffnungszeiten', 'table'],
  ['#/einstellungen', 'fieldset'],
  ['#/anruf', '#call-partner'],
  ['#/beratung', '#advice-duration'],
  ['#/eintraege', '.entry'],
  ['#/uebertragung', 'main h2'],
  ['#/anmelden', '#sign-in-pin'],
  ['#/geraet', '#enrol-code'],
  ['#/spaziergang', '.walk-button'],
  ['#/gespraeche', 'main h1'],
  ['#/datenschutz', 'main h2'],
];
const hasChromium = chromiumAvailable();

/** Elements one taps: links, buttons, inputs and the labels of radio choices. */
async function smallTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a, button, input, label.choice')]
      // A radio inside its label is tapped through the label, which is checked itself.
      .filter((el) => el.offsetParent !== null && !el.classList.contains('skip'))
      .filter((el) => el.tagName !== 'INPUT' || !el.closest('label'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 48 || box.width < 48)
      .map(({ el, box }) => `${el.tagName} "${el.textContent?.trim()}" ${box.width}×${box.height}`),
  );
}

/** Elements that stick out to the right of the viewport (empty when nothing scrolls sideways). */
const overflows = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .map((el) => `${el.tagName}.${el.className} "${el.textContent?.slice(0, 30)}"`)
      .slice(-5);
  });

/** "Meine Einträge" lists something, and the header says it waits (or was sent). */
async function logOneCall(page: Page) {
  await page.evaluate(() => (location.hash = '#/anruf'));
  await page.getByLabel('Mit wem haben Sie telefoniert?').fill('Frau Sonnenschein-Übermeyer');
  await page.getByLabel('Wie lange? (Minuten)').fill('25');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText(/^Auf diesem Gerät gespeichert\./).waitFor();
}

async function showAll(page: Page, check: (screen: string) => Promise<void>) {
  for (const [screen, ready] of SCREENS) {
    await page.evaluate((h) => (location.hash = h), screen);
    await page.locator(ready).first().waitFor();
    await check(screen);
  }
}

describe.skipIf(!hasChromium)('layout and text size in Chromium', () => {
  let server: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('base text is 18 px and every touch target is at least 48 px on a tablet', async () => {
    const page = await browser.newPage({ viewport: { width: 768, height: 1024 } });
    await page.goto(server.url);
    await enrolAndSignIn(page, server);
    await page.getByText('18 Angebote in 5 Themenfeldern').waitFor();
    await logOneCall(page);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('18px');
    await showAll(page, async (screen) => {
      expect({ screen, small: await smallTargets(page) }).toEqual({ screen, small: [] });
    });
    await page.close();
  });

  it('the walk screens: big targets, AAA contrast, 320 px at the largest text, while recording too', async () => {
    const context = await browser.newContext({
      viewport: { width: 768, height: 1024 },
      permissions: ['geolocation'],
      geolocation: { latitude: 51.3262, longitude: 6.5662, accuracy: 8 },
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await enrolAndSignIn(page, server);
    const check = async (screen: string) => {
      expect({ screen, small: await smallTargets(page) }).toEqual({ screen, small: [] });
      expect({ screen, axe: await axeViolations(page) }).toEqual({ screen, axe: [] });
    };
    for (const [screen, ready] of [
      ['#/spaziergang', '.walk-button'],
      ['#/gespraeche', 'main h1'],
    ] as const) {
      await page.evaluate((h) => (location.hash = h), screen);
      await page.locator(ready).first().waitFor();
      await check(screen);
    }
    await page.evaluate(() => (location.hash = '#/spaziergang'));
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText('GPS gut').waitFor();
    await check('recording');
    await page.getByRole('button', { name: /^Hier/ }).click();
    await page.getByRole('group', { name: 'Was ist hier?' }).waitFor();
    await check('Hier');
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await page.getByRole('button', { name: 'Beenden' }).click();
    await check('Beenden?');
    await page.getByRole('button', { name: 'Ja, beenden' }).click();
    await page.getByText(/Der Spaziergang ist beendet/).waitFor();
    await check('stopped');
    // The largest text on a 320 px phone: nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.evaluate(() => (location.hash = '#/einstellungen'));
    await page.getByLabel('Sehr groß').check();
    for (const screen of ['#/spaziergang', '#/gespraeche']) {
      await page.evaluate((h) => (location.hash = h), screen);
      await page.locator('main h1').first().waitFor();
      expect({ screen, overflows: await overflows(page) }).toEqual({ screen, overflows: [] });
    }
    await page.evaluate(() => (location.hash = '#/spaziergang'));
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText('GPS gut').waitFor();
    await page.getByRole('button', { name: /^Hier/ }).click();
    await page.getByRole('group', { name: 'Was ist hier?' }).waitFor();
    expect({ screen: 'Hier', overflows: await overflows(page) }).toEqual({
      screen: 'Hier',
      overflows: [],
    });
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    expect({ screen: 'recording', overflows: await overflows(page) }).toEqual({
      screen: 'recording',
      overflows: [],
    });
    await page.getByRole('button', { name: 'Beenden' }).click();
    await page.getByRole('button', { name: 'Ja, beenden' }).click();
    await page.locator('.walk-route').waitFor();
    expect({ screen: 'stopped', overflows: await overflows(page) }).toEqual({
      screen: 'stopped',
      overflows: [],
    });
    await context.close();
  });

  it('the largest text size is remembered across a reload and fits 320 px without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(server.url);
    await enrolAndSignIn(page, server);
    await logOneCall(page);
    await page.evaluate(() => (location.hash = '#/einstellungen'));
    await page.getByLabel('Sehr groß').check();
    await page.getByText('Gespeichert auf diesem Gerät.').waitFor();
    await page.reload();
    await page.locator('main h1').first().waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('26px');
    await showAll(page, async (screen) => {
      expect({ screen, overflows: await overflows(page) }).toEqual({ screen, overflows: [] });
    });
    await page.close();
  });

  it('at 200 % zoom of a 1280 px window nothing scrolls sideways', async () => {
    // Browser zoom of 200 % gives a 640 CSS-pixel viewport at device scale 2.
    const page = await browser.newPage({
      viewport: { width: 640, height: 400 },
      deviceScaleFactor: 2,
    });
    await page.goto(server.url);
    await enrolAndSignIn(page, server);
    await logOneCall(page);
    await showAll(page, async (screen) => {
      expect({ screen, overflows: await overflows(page) }).toEqual({ screen, overflows: [] });
    });
    await page.close();
  });
});
