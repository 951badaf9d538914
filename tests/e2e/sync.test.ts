// Issue 3's end-to-end promise in a real Chromium with the real server: enrol; go offline;
// log calls; reload offline; close the page; the server comes back and the app is opened again
// — with no further action the calls arrive exactly once and the app shows "Übertragen".
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { chromiumAvailable } from '../support/requirements';
import { axeViolations, launchChromium, waitForServiceWorkerControl } from './browser';
import { DEMO_VOLUNTEER, enrolAndSignIn } from './enrol';

const SHOTS = 'tests/e2e/screenshots';

describe.skipIf(!chromiumAvailable())('sync in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'de-DE' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const serverCalls = () =>
    server.db
      .selectFrom('calls')
      .select(['partner', 'author_user_id'])
      .orderBy('partner')
      .execute();

  const logCall = async (partner: string, minutes: string, concern = false) => {
    await page.evaluate(() => (location.hash = '#/anruf'));
    await page.getByLabel('Mit wem haben Sie telefoniert?').fill(partner);
    await page.getByLabel('Wie lange? (Minuten)').fill(minutes);
    if (concern) await page.getByRole('checkbox', { name: /Sorgen/ }).check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText(/^Auf diesem Gerät gespeichert\./).waitFor();
  };

  it('enrols and signs in', async () => {
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await page.getByText('Dieses Gerät ist noch nicht eingerichtet.').waitFor();
    await enrolAndSignIn(page, server);
    // The first authenticated pull brings the catalogue.
    await page.getByText('18 Angebote in 5 Themenfeldern').waitFor({ timeout: 20_000 });
  });

  it('offline: calls are saved on the device and survive a reload', async () => {
    await server.stop();
    await context.setOffline(true);
    await logCall('Frau K.', '25', true);
    await logCall('Herr B.', '10');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/call-form.png`, fullPage: true });

    await page.reload();
    await page.getByText('Offline – alles wird auf diesem Gerät gespeichert').waitFor();
    await page.getByText('2 Einträge warten auf Übertragung').waitFor();
    await page.evaluate(() => (location.hash = '#/anrufe'));
    await page.getByRole('heading', { level: 1, name: 'Meine Anrufe' }).waitFor();
    await expect.poll(() => page.locator('.state-saved').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/calls-offline.png`, fullPage: true });
    expect(await serverCalls()).toEqual([]);
  });

  it('back online, the page reopened: everything arrives exactly once and shows "Übertragen"', async () => {
    await page.close();
    await server.restart();
    await context.setOffline(false);
    page = await context.newPage();
    await page.goto(`${server.url}/#/anrufe`);
    await expect.poll(() => page.locator('.state-delivered').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.getByText('Übertragen').count()).toBe(2);
    const erika = await server.db
      .selectFrom('users')
      .select('id')
      .where('name', '=', DEMO_VOLUNTEER.name)
      .executeTakeFirstOrThrow();
    expect(await serverCalls()).toEqual([
      { partner: 'Frau K.', author_user_id: erika.id },
      { partner: 'Herr B.', author_user_id: erika.id },
    ]);
    const log = await server.db.selectFrom('mutation_log').select(['seq', 'status']).execute();
    expect(log).toEqual([
      { seq: 1, status: 'applied' },
      { seq: 2, status: 'applied' },
    ]);
    await page.evaluate(() => (location.hash = '#/uebertragung'));
    await page.getByText('Alles ist übertragen.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/sync-state.png`, fullPage: true });
  });
});
