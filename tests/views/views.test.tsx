// The views against real Dexie (fake-indexeddb) filled through the real pull-apply path.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/instance';
import { applyPull } from '../../src/db/pull';
import { keptSettings, loadSettings } from '../../src/db/device-settings';
import { setSyncPhase } from '../../src/sync/status';
import { App } from '../../src/views/app-frame';
import { activity, exception, pullResponse, storefront, theme } from '../support/fixtures';

const resultCount = () => document.getElementById('search-count')?.textContent;

const show = (hash: string) => {
  location.hash = hash;
  return render(<App initialSettings={{ textSize: 'normal', lang: 'de' }} />);
};

beforeEach(async () => {
  await applyPull(
    db,
    pullResponse(1, {
      reset: true,
      changes: {
        themes: [theme(1, { name: 'Fit fürs Alter' }), theme(2, { name: 'Sozialraumerkundung' })],
        institutions: [{ id: 'i1', name: 'Seniorenbeirat Stadt Krefeld', version: 1 }],
        activities: [
          activity('tel', { name: 'Begegnungstelefon', themeId: 'theme-1', actorIds: ['i1'] }),
          activity('walk', {
            name: 'Stadtspaziergänge',
            themeId: 'theme-2',
            ampel: 'yellow',
            ampelCondition: 'Wenn sich Ehrenamtliche finden',
            isExample: true,
          }),
        ],
        storefronts: [storefront()],
        openingExceptions: [exception('xmas', { date: '2026-12-24', note: 'Heiligabend' })],
      },
    }),
    0,
  );
});
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

describe('start screen', () => {
  it('says no count of activities before the catalogue has arrived, then the real one', async () => {
    await db.activities.clear();
    show('#/');
    const link = await screen.findByRole('link', { name: /Angebote ansehen/ });
    // The start screen's live values have answered (the storefront line is one of them).
    await screen.findByTestId('store-state');
    await act(async () => void (await db.activities.count()));
    expect(link.textContent).toBe('☰Angebote ansehen');
    await applyPull(
      db,
      pullResponse(2, {
        changes: { activities: [activity('tel', { name: 'Begegnungstelefon' })] },
      }),
      0,
    );
    await screen.findByText('1 Angebote in 5 Themenfeldern');
  });
});

describe('header', () => {
  it('names the quarter whose data the device holds, as the server calls it', async () => {
    show('#/');
    expect(await screen.findByText('Testquartier')).toBeTruthy();
    expect(document.querySelector('.brand-quarter')?.textContent).toBe('Testquartier');
  });
});

describe('catalogue', () => {
  it('groups activities by theme and shows the Ampel in words', async () => {
    show('#/angebote');
    expect(
      await screen.findByRole('heading', { name: 'Themenfeld 1: Fit fürs Alter' }),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Themenfeld 2: Sozialraumerkundung' })).toBeTruthy();
    expect(screen.getByText('Gelb: Fortführung unter Bedingungen')).toBeTruthy();
    expect(resultCount()).toBe('2 Angebote');
  });

  it('search filters by any word, also in the responsible actor', async () => {
    show('#/angebote');
    const search = await screen.findByLabelText('Angebote durchsuchen');
    fireEvent.input(search, { target: { value: 'seniorenbeirat' } });
    await waitFor(() => expect(resultCount()).toBe('1 Angebot'));
    expect(screen.queryByText('Stadtspaziergänge')).toBeNull();
    fireEvent.input(search, { target: { value: 'Zauberei' } });
    await waitFor(() => expect(resultCount()).toBe('Kein Angebot passt zu „Zauberei“.'));
  });

  it('activity detail shows facts, the condition and the example note', async () => {
    show('#/angebote/walk');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Stadtspaziergänge' }),
    ).toBeTruthy();
    expect(screen.getByText(/Wenn sich Ehrenamtliche finden/)).toBeTruthy();
    expect(screen.getByText(/Beispieldaten/)).toBeTruthy();
  });

  it('updates live when a pull deletes the shown activity', async () => {
    show('#/angebote');
    await screen.findByText('Begegnungstelefon');
    await applyPull(db, pullResponse(2, { deleted: { activities: ['tel'] } }), 1);
    await waitFor(() => expect(screen.queryByText('Begegnungstelefon')).toBeNull());
  });
});

describe('start screen', () => {
  it('says the storefront is open, until when (Berlin time)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T10:30:00Z')); // Wednesday 11:30 in Berlin
    show('#/');
    expect((await screen.findByTestId('store-state')).textContent).toContain(
      'Jetzt geöffnet bis 16:00 Uhr',
    );
  });

  it('says when it opens next across the weekend', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T17:00:00Z')); // Friday 18:00 in Berlin
    show('#/');
    expect((await screen.findByTestId('store-state')).textContent).toContain(
      'Geschlossen – öffnet Montag 10:00 Uhr',
    );
  });

  it('offers the volunteers’ actions as big links', async () => {
    show('#/');
    const nav = await screen.findByRole('navigation', { name: 'Hauptmenü' });
    expect(nav.querySelectorAll('a').length).toBe(8);
    expect(screen.getByRole('link', { name: /Anruf eintragen/ }).getAttribute('href')).toBe(
      '#/anruf',
    );
    expect(screen.getByRole('link', { name: /Meine Einträge/ }).getAttribute('href')).toBe(
      '#/eintraege',
    );
    expect(screen.getByRole('link', { name: /Beratung eintragen/ }).getAttribute('href')).toBe(
      '#/beratung',
    );
    expect(screen.getByRole('link', { name: /Übertragung/ }).getAttribute('href')).toBe(
      '#/uebertragung',
    );
  });
});

describe('opening hours', () => {
  it('lists the week and the special days ahead', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T09:00:00Z'));
    show('#/oeffnungszeiten');
    const monday = await screen.findByRole('rowheader', { name: 'Montag' });
    expect(monday.nextElementSibling?.textContent).toBe('10:00–16:00 Uhr');
    expect(screen.getByRole('rowheader', { name: 'Sonntag' }).nextElementSibling?.textContent).toBe(
      'geschlossen',
    );
    expect(screen.getByText(/Heiligabend/)).toBeTruthy();
    expect(screen.getByText(/Feiertag: 1. Weihnachtstag/)).toBeTruthy();
  });
});

describe('settings', () => {
  it('changes the text size at once and remembers it on the device', async () => {
    show('#/einstellungen');
    fireEvent.click(await screen.findByLabelText('Sehr groß'));
    await waitFor(() => expect(document.documentElement.style.fontSize).toBe('162.5%'));
    // "Gespeichert" appears only once the setting is stored.
    await screen.findByText('Gespeichert auf diesem Gerät.');
    expect((await loadSettings()).textSize).toBe('xlarge');
    // …and its copy for the next start's first paint (issue 12).
    expect(keptSettings()?.textSize).toBe('xlarge');
  });

  it('switches the language to English', async () => {
    show('#/einstellungen');
    fireEvent.click(await screen.findByLabelText('English'));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Text size and language' }),
    ).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('connection line', () => {
  it('says plainly when the server cannot be reached although the device is online', async () => {
    show('#/');
    setSyncPhase('failed');
    expect(
      await screen.findByText(
        /Keine Verbindung zum Server – alles wird auf diesem Gerät gespeichert/,
      ),
    ).toBeTruthy();
    setSyncPhase('ok');
    expect(await screen.findByText('Verbunden')).toBeTruthy();
  });

  it('says the device is offline when the browser says so', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    show('#/');
    window.dispatchEvent(new Event('offline'));
    expect(
      await screen.findByText('Offline – alles wird auf diesem Gerät gespeichert'),
    ).toBeTruthy();
    onLine.mockRestore();
  });
});
