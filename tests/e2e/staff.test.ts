// Issue 10's end-to-end promise in a real Chromium with the real server: staff sign in with
// their password, change the opening hours and an activity's Ampel; a volunteer's tablet that
// was offline meanwhile gets both once it reconnects; the volunteer logs a call with a concern;
// staff see it in the week, take it on and close it with a note; a CSV download parses as
// German Excel would read it; axe finds nothing on any staff screen, the printable Auskunft too.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { chromiumAvailable } from '../support/requirements';
import { axeViolations, launchChromium, waitForServiceWorkerControl } from './browser';
import { DEMO_SECOND_VOLUNTEER as VOLUNTEER, enrolAndSignIn } from './enrol';

const SHOTS = 'tests/e2e/screenshots';
// server/demo/demo-users.ts (printed in the README too).
const STAFF = { name: 'Anna Beispiel', password: 'Laden-Demo-2026' };
const PARTNER = 'Frau Z.';
const NOTE = 'Klang traurig, möchte zum Mittagstisch begleitet werden';
const DONE_NOTE = 'Angerufen, Begleitung für Donnerstag verabredet';

describe.skipIf(!chromiumAvailable())('staff screens in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let staffContext: BrowserContext;
  let tabletContext: BrowserContext;
  let staff: Page;
  let tablet: Page;
  let activity = { id: '', name: '' };

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchChromium();
    const options = { viewport: { width: 768, height: 1024 }, locale: 'de-DE' };
    staffContext = await browser.newContext({ ...options, acceptDownloads: true });
    tabletContext = await browser.newContext(options);
    staff = await staffContext.newPage();
    tablet = await tabletContext.newPage();
    // A green activity of the demo: staff turn it red.
    const row = await server.db
      .selectFrom('activities')
      .select(['id', 'name'])
      .where('ampel', '=', 'green')
      .where('deleted', '=', 0)
      .orderBy('name')
      .executeTakeFirstOrThrow();
    activity = row;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const goto = async (page: Page, hash: string) => {
    await page.evaluate((target) => (location.hash = target), hash);
  };

  it('the tablet is set up, then loses its connection', async () => {
    await tablet.goto(server.url);
    await waitForServiceWorkerControl(tablet);
    await enrolAndSignIn(tablet, server, VOLUNTEER);
    await goto(tablet, '#/oeffnungszeiten');
    await tablet.getByText('10:00–13:00 Uhr').waitFor();
    await tabletContext.setOffline(true);
  });

  it('staff sign in with their password (a wrong one is refused)', async () => {
    await staff.goto(`${server.url}/#/team`);
    await staff
      .getByRole('heading', { name: 'Anmelden für das Team' })
      .waitFor({ timeout: 20_000 });
    expect(await axeViolations(staff)).toEqual([]);
    await staff.getByLabel('Name').fill(STAFF.name);
    await staff.getByLabel('Passwort', { exact: true }).fill('falsches-passwort');
    await staff.getByRole('button', { name: 'Anmelden' }).click();
    await staff.getByText('Name oder Passwort stimmt nicht.').waitFor();
    await staff.getByLabel('Passwort', { exact: true }).fill(STAFF.password);
    await staff.getByRole('button', { name: 'Anmelden' }).click();
    await staff.getByText(`Angemeldet: ${STAFF.name}`).waitFor();
    await staff.getByRole('heading', { level: 1, name: /^Woche \d+:/ }).waitFor();
    // The password never reaches a script: the session is an HttpOnly cookie.
    expect(await staff.evaluate(() => document.cookie)).toBe('');
    const [cookie] = await staffContext.cookies();
    expect(cookie).toMatchObject({ name: 'qb_staff', httpOnly: true, sameSite: 'Strict' });
  });

  it('staff change Wednesday’s opening hours', async () => {
    await goto(staff, '#/team/oeffnungszeiten');
    const closes = staff.locator('#week-3-0-closes');
    await closes.waitFor();
    expect(await closes.inputValue()).toBe('13:00');
    await closes.fill('14:30');
    await staff.getByRole('button', { name: 'Öffnungszeiten speichern' }).click();
    await staff.getByText(/Die Öffnungszeiten sind gespeichert/).waitFor();
    expect(await axeViolations(staff)).toEqual([]);
    await staff.screenshot({ path: `${SHOTS}/staff-hours.png`, fullPage: true });
  });

  it('staff turn an activity’s Ampel red with its condition', async () => {
    await goto(staff, '#/team/angebote');
    await staff.getByRole('button', { name: `„${activity.name}“ bearbeiten` }).click();
    await staff.getByRole('radio', { name: /Rot/ }).check();
    await staff.getByLabel('Bedingung für die Fortführung').fill('Raum ab Januar ungeklärt');
    await staff.getByRole('button', { name: 'Speichern' }).click();
    await staff.getByText(`„${activity.name}“ ist gespeichert.`, { exact: false }).waitFor();
    expect(await axeViolations(staff)).toEqual([]);
    await staff.screenshot({ path: `${SHOTS}/staff-catalogue.png`, fullPage: true });
    const stored = await server.db
      .selectFrom('activities')
      .select(['ampel', 'ampel_condition'])
      .where('id', '=', activity.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ ampel: 'red', ampel_condition: 'Raum ab Januar ungeklärt' });
  });

  it('the tablet, offline, logs a call with a concern; back online it gets hours and Ampel', async () => {
    await goto(tablet, '#/anruf');
    await tablet.getByText('Jemand anderes').first().click();
    await tablet.getByLabel('Mit wem haben Sie telefoniert?').fill(PARTNER);
    await tablet.getByLabel('Wie lange? (Minuten)').fill('20');
    await tablet.getByLabel('Notiz (freiwillig)').fill(NOTE);
    await tablet.getByRole('checkbox', { name: /Sorgen/ }).check();
    await tablet.getByRole('button', { name: 'Speichern' }).click();
    await tablet.getByText(/^Auf diesem Gerät gespeichert\./).waitFor();
    // Still offline: the old hours.
    await goto(tablet, '#/oeffnungszeiten');
    await tablet.getByText('10:00–13:00 Uhr').waitFor();

    await tabletContext.setOffline(false);
    await tablet.evaluate(() => dispatchEvent(new Event('online')));
    await tablet.getByText('10:00–14:30 Uhr').waitFor({ timeout: 30_000 });
    await goto(tablet, `#/angebote/${encodeURIComponent(activity.id)}`);
    await tablet.getByText('Rot: Fortführung offen').first().waitFor({ timeout: 30_000 });
    await tablet.getByText('Raum ab Januar ungeklärt').waitFor();
    await expect
      .poll(
        () =>
          server.db
            .selectFrom('entries')
            .select('id')
            .where('kind', '=', 'call')
            .where('concern', '=', 1)
            .where('fields', 'like', `%${PARTNER}%`)
            .execute(),
        { timeout: 30_000 },
      )
      .toHaveLength(1);
  });

  it('staff see the concern in the week, take it on and close it with a note', async () => {
    await goto(staff, '#/team/woche');
    await staff.reload();
    await staff.getByRole('heading', { level: 1, name: /^Woche \d+:/ }).waitFor();
    const item = staff.locator('li', { hasText: `Sorge aus einem Anruf mit ${PARTNER}` }).first();
    await item.waitFor({ timeout: 20_000 });
    expect(await axeViolations(staff)).toEqual([]);
    await staff.screenshot({ path: `${SHOTS}/staff-week.png`, fullPage: true });
    const change = item.getByRole('button', { name: 'Zuständigkeit und Stand ändern' });
    if ((await change.count()) > 0) await change.click();
    await item.getByLabel('Zuständig').selectOption({ label: STAFF.name });
    await item.getByLabel('Erledigt').check();
    await item.getByRole('button', { name: 'Speichern' }).click();
    // "Erledigt" needs a note: refused at the field, nothing sent.
    await item.getByText('Für „Erledigt“ bitte kurz notieren, was getan wurde.').waitFor();
    await item.getByLabel('Notiz').fill(DONE_NOTE);
    await item.getByRole('button', { name: 'Speichern' }).click();
    await staff
      .locator('li', { hasText: `Sorge aus einem Anruf mit ${PARTNER}` })
      .waitFor({ state: 'detached', timeout: 20_000 });
    const followUp = await server.db
      .selectFrom('follow_ups')
      .select(['status', 'note', 'owner_user_id'])
      .where('subject_type', '=', 'concern')
      .executeTakeFirstOrThrow();
    const anna = await server.db
      .selectFrom('users')
      .select('id')
      .where('name', '=', STAFF.name)
      .executeTakeFirstOrThrow();
    expect(followUp).toEqual({ status: 'done', note: DONE_NOTE, owner_user_id: anna.id });
  });

  it('a CSV of the week’s calls downloads and parses as German Excel reads it', async () => {
    await goto(staff, '#/team/berichte');
    const link = staff.getByRole('link', { name: /herunterladen/i }).first();
    await link.waitFor();
    expect(await axeViolations(staff)).toEqual([]);
    await staff.screenshot({ path: `${SHOTS}/staff-reports.png`, fullPage: true });
    const [download] = await Promise.all([staff.waitForEvent('download'), link.click()]);
    const path = await download.path();
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), {
      delimiter: ';',
      columns: true,
    }) as Record<string, string>[];
    const ours = rows.filter((row) => Object.values(row).includes(PARTNER));
    expect(ours).toHaveLength(1);
    expect(Object.values(ours[0]!)).toContain(NOTE);
  });

  it('axe finds nothing on the other staff screens', async () => {
    for (const [path, heading] of [
      ['partner', 'Gesprächspartner'],
      ['personen', 'Personen'],
      ['geraete', 'Geräte'],
      ['protokoll', 'Protokoll'],
    ] as const) {
      await goto(staff, `#/team/${path}`);
      await staff.getByRole('heading', { level: 1, name: heading }).waitFor();
      await staff.waitForLoadState('networkidle');
      expect({ path, violations: await axeViolations(staff) }).toEqual({ path, violations: [] });
      await staff.screenshot({ path: `${SHOTS}/staff-${path}.png`, fullPage: true });
    }
  });

  it('the printable Auskunft about a partner reads in German and passes axe', async () => {
    await goto(staff, '#/team/auskunft/partner/demo-partner-frau-k');
    await staff.getByText(/^Betrifft: /).waitFor();
    await staff.getByRole('heading', { level: 2, name: 'Ihre Angaben und Ihre Anrufe' }).waitFor();
    expect(await axeViolations(staff)).toEqual([]);
    await staff.screenshot({ path: `${SHOTS}/staff-auskunft.png`, fullPage: true });
  });

  it('the audit log names what staff did', async () => {
    const actions = await server.db
      .selectFrom('audit_log')
      .select('action')
      .orderBy('at')
      .execute();
    const names = actions.map((row) => row.action);
    for (const action of [
      'staff.sign_in',
      'storefront.update',
      'activity.update',
      'follow_up.update',
      'export.csv',
    ]) {
      expect(names).toContain(action);
    }
    const text = JSON.stringify(await server.db.selectFrom('audit_log').selectAll().execute());
    expect(text).not.toContain(NOTE);
    expect(text).not.toContain(DONE_NOTE);
    expect(text).not.toContain(STAFF.password);
  });
});
