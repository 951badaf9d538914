// The start screen's picture (issue 12): the app takes it from its own start screen
// (src/views/start-picture.ts) and public/start-picture.js paints it on the next start, before
// any module has loaded, only while it is true. Taken from the real app frame against real Dexie
// (fake-indexeddb); painted into a fresh copy of the real index.html with the real script.
// What must never happen: another screen, a locked screen or words past their time kept or
// painted; a picture painted for another app version, other settings or another screen.
import { readFileSync } from 'node:fs';
import { render, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveEnrolment, saveSession } from '../../src/db/device-identity';
import { TEXT_SIZE_PERCENT } from '../../src/db/device-settings';
import { db } from '../../src/db/instance';
import { applyPull } from '../../src/db/pull';
import type { StartPicture } from '../../src/db/start-state';
import { makePinVerifier } from '../../src/sync/pin-verifier';
import { App } from '../../src/views/app-frame';
import { lockScreenNow } from '../../src/views/inactivity-lock';
import { pictureOf } from '../../src/views/start-picture';
import { pullResponse, storefront } from '../support/fixtures';

const INDEX_HTML = readFileSync('index.html', 'utf8');
const SCRIPT = readFileSync('public/start-picture.js', 'utf8');
/** The app's module script as index.html names it: the picture's "build". */
const BUILD = /<script type="module" src="([^"]+)"/.exec(INDEX_HTML)?.[1] ?? '';
const SETTINGS = '{"textSize":"large","lang":"de","lockMinutes":10}';
const ERIKA = {
  userId: 'u-erika',
  name: 'Erika Beispiel',
  role: 'volunteer' as const,
  session: 's-erika.abcdefghijklmnopqrstuvwxyz',
};
// Thursday 3 December 2026, 11:00 in Berlin: the fixture's storefront is open until 16:00.
const THURSDAY_11 = Date.parse('2026-12-03T11:00:00+01:00');
const THURSDAY_16 = Date.parse('2026-12-03T16:00:00+01:00');

function show(hash: string) {
  location.hash = hash;
  return render(<App initialSettings={{ textSize: 'large', lang: 'de' }} />);
}

/** The app's start screen, Erika signed in, once its values are there. */
async function startScreen() {
  withModuleScript(BUILD);
  const { container } = show('#/');
  await screen.findByText('Angemeldet: Erika Beispiel', { exact: false });
  await screen.findByTestId('store-state');
  return container;
}

/** The module script in this test document, as index.html has it. */
function withModuleScript(src: string) {
  const script = document.createElement('script');
  script.type = 'module';
  script.setAttribute('src', src);
  document.head.appendChild(script);
  return () => script.remove();
}

beforeEach(async () => {
  vi.useFakeTimers({ now: THURSDAY_11, toFake: ['Date'] });
  await saveEnrolment(
    db,
    { deviceId: 'd1', credential: 'secret', quarter: { id: 'q', name: 'Südliche Innenstadt' } },
    0,
  );
  await saveSession(db, ERIKA, 0, await makePinVerifier('4711'));
  await applyPull(
    db,
    pullResponse(1, { reset: true, changes: { storefronts: [storefront()] } }),
    0,
  );
});
afterEach(async () => {
  vi.useRealTimers();
  document.head.querySelectorAll('script').forEach((script) => script.remove());
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

describe('the picture the app takes', () => {
  it('is its start screen, true until the storefront line changes, with version and settings', async () => {
    const container = await startScreen();
    const picture = pictureOf(container, document, Date.now(), SETTINGS);
    expect(picture).toEqual({
      html: expect.any(String),
      at: THURSDAY_11,
      until: THURSDAY_16, // "Jetzt geöffnet bis 16:00 Uhr" stops being true then
      build: BUILD,
      settings: SETTINGS,
      fontSize: `${TEXT_SIZE_PERCENT.large}%`, // the text size set on this tablet
      lang: 'de',
    });
    expect(picture?.html).toContain('Jetzt geöffnet bis 16:00 Uhr');
    expect(picture?.html).toContain('Angemeldet: Erika Beispiel');
    expect(picture?.html).toContain('Hauptmenü');
    // The connection line is left empty: whether the tablet is online is known only later.
    expect(screen.getByRole('status').textContent).toContain('Verbunden');
    expect(picture?.html).toContain('<p role="status" class="conn-state">&nbsp;</p>');
    expect(picture?.html).not.toContain('Verbunden');
  });

  it('is not taken of another screen, a locked screen, past its time or without a version', async () => {
    const removeScript = withModuleScript(BUILD);
    const { container, unmount } = show('#/');
    await screen.findByTestId('store-state');
    expect(pictureOf(container, document, Date.now(), SETTINGS)).not.toBeNull();
    // Words past their time: at 16:00 the line is no longer true.
    expect(pictureOf(container, document, THURSDAY_16, SETTINGS)).toBeNull();
    // Another app (no module script to name its version).
    removeScript();
    expect(pictureOf(container, document, Date.now(), SETTINGS)).toBeNull();
    withModuleScript(BUILD);
    // Another screen.
    location.hash = '#/angebote';
    await waitFor(() => expect(container.querySelector('[data-testid="store-state"]')).toBeNull());
    expect(pictureOf(container, document, Date.now(), SETTINGS)).toBeNull();
    // The start screen again, then locked: the lock screen stands in its place.
    location.hash = '#/';
    await screen.findByTestId('store-state');
    await lockScreenNow();
    await screen.findByRole('heading', { name: /gesperrt/i });
    expect(location.hash).toBe('#/');
    expect(pictureOf(container, document, Date.now(), SETTINGS)).toBeNull();
    unmount();
  });
});

/** Storage as a browser keeps it for one origin. */
function storage(items: Record<string, string>) {
  const kept = new Map(Object.entries(items));
  return {
    getItem: (key: string) => kept.get(key) ?? null,
    setItem: (key: string, value: string) => void kept.set(key, value),
  };
}

/**
 * A fresh copy of index.html at `hash`, with `kept` in its storage, after the picture script
 * ran in it (its globals handed in: this test's own page stays as it is).
 */
function startPage(kept: { start?: unknown; settings?: string | null }, hash = '#/') {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = INDEX_HTML.replace(
    /^<!doctype html>\s*<html[^>]*>|<\/html>\s*$/gi,
    '',
  );
  const items: Record<string, string> = {};
  if (kept.start !== undefined) {
    items['qb.start'] = typeof kept.start === 'string' ? kept.start : JSON.stringify(kept.start);
  }
  if (kept.settings) items['qb.settings'] = kept.settings;
  new Function('document', 'location', 'localStorage', SCRIPT)(doc, { hash }, storage(items));
  return doc;
}

describe('the picture painted before the app loads (public/start-picture.js)', () => {
  const now = Date.now();
  beforeEach(() => vi.setSystemTime(now)); // the page's clock: the pictures below are true now
  const picture = (overrides: Partial<StartPicture> = {}): StartPicture => ({
    html: '<main><nav aria-label="Hauptmenü"><a href="#/anruf">Anruf eintragen</a></nav></main>',
    at: now - 60_000,
    until: now + 60_000,
    build: BUILD,
    settings: SETTINGS,
    fontSize: '125%',
    lang: 'de',
    ...overrides,
  });
  const kept = (value: StartPicture | null, v = 1) => ({
    start: { v, values: {}, picture: value },
    settings: SETTINGS,
  });
  const painted = (doc: Document) => doc.querySelector('nav[aria-label="Hauptmenü"]') !== null;

  it('paints the start screen, sized as kept, and keeps the reload hint for a stuck start', () => {
    for (const hash of ['', '#', '#/']) {
      const doc = startPage(kept(picture()), hash);
      expect(painted(doc)).toBe(true);
      expect(doc.documentElement.style.fontSize).toBe('125%');
      // The waiting line is gone; the hint "if nothing happens, reload" waits at the bottom.
      expect(doc.querySelector('.boot:not(.boot-stuck)')).toBeNull();
      const stuck = doc.querySelector('#app > .boot-stuck.boot-stuck-over');
      expect(stuck?.textContent).toContain('Seite neu laden');
      expect(doc.getElementById('app')?.lastElementChild).toBe(stuck);
    }
  });

  it('paints nothing for another screen, another version, other settings or a stale picture', () => {
    const cases: [string, ReturnType<typeof startPage>][] = [
      ['another screen', startPage(kept(picture()), '#/anruf')],
      ['a QR link', startPage(kept(picture()), '#/geraet/ABCD-EFGH')],
      ['another app version', startPage(kept(picture({ build: '/assets/index-OLD.js' })))],
      ['other settings', startPage({ ...kept(picture()), settings: '{"textSize":"normal"}' })],
      ['no settings kept', startPage({ ...kept(picture()), settings: null })],
      ['words past their time', startPage(kept(picture({ until: now - 1 })))],
      ['the clock set back before it was taken', startPage(kept(picture({ at: now + 60_000 })))],
      ['a snapshot of another shape', startPage(kept(picture(), 2))],
      ['no picture (the values changed)', startPage(kept(null))],
      ['nothing kept', startPage({})],
      ['an unreadable snapshot', startPage({ start: '{"v":1,"picture":', settings: SETTINGS })],
    ];
    for (const [what, doc] of cases) {
      expect({ what, painted: painted(doc) }).toEqual({ what, painted: false });
      expect(doc.querySelector('.boot')?.textContent).toBe('Das Quartiersbuch startet …');
    }
  });

  it('paints exactly what the app took from its own start screen', async () => {
    const container = await startScreen();
    const taken = pictureOf(container, document, Date.now(), SETTINGS);
    expect(taken).not.toBeNull();
    const doc = startPage(kept(taken));
    const root = doc.getElementById('app') as HTMLElement;
    root.querySelector('.boot-stuck')?.remove();
    expect(root.innerHTML).toBe(taken?.html);
    // The same screen as the app's own, but for the connection line's words.
    expect(root.querySelector('main')?.outerHTML).toBe(container.querySelector('main')?.outerHTML);
    expect(root.textContent).toContain('Angemeldet: Erika Beispiel');
  });

  it('paints a name with markup in it as text, never as markup', async () => {
    const name = 'Erika <img src="x" onerror="window.__owned = 1"> "Beispiel"';
    await saveSession(db, { ...ERIKA, name }, 0, await makePinVerifier('4711'));
    withModuleScript(BUILD);
    const { container } = show('#/');
    await screen.findByText(`Angemeldet: ${name}`, { exact: false });
    await screen.findByTestId('store-state');
    const doc = startPage(kept(pictureOf(container, document, Date.now(), SETTINGS)));
    expect(doc.querySelector('#app img')).toBeNull();
    expect(doc.querySelector('.who')?.textContent).toContain(`Angemeldet: ${name}`);
  });
});
