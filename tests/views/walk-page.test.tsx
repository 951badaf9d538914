// A recorded walk's page, against real Dexie (fake-indexeddb): the route drawn as SVG with a gap
// where the page was hidden, the observations as numbered markers and as a list with the same
// numbers, distance with a German decimal comma and the walking time without the pause,
// downloads as GPX and GeoJSON, and "Meine Einträge" listing the walk (not its observations).
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { updateEntry } from '../../src/db/entries';
import { db } from '../../src/db/instance';
import {
  addObservation,
  markGap,
  pauseWalk,
  recordFix,
  resumeWalk,
  startWalk,
  stopWalk,
} from '../../src/db/walk-recording';
import { ERIKA, mine, press, show, useEntryWorld } from './entry-world';

useEntryWorld();

/** 25 November 2026, 10:00 in Berlin. */
const T0 = Date.UTC(2026, 10, 25, 9);
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const north = (metres: number) => 51.3331 + metres / 111_195;

let walkId = '';

/**
 * A walk of two segments (40 m, then 60 m after the page was hidden), a five-minute pause, a
 * bench with a good fix and a barrier with a poor one.
 */
beforeEach(async () => {
  walkId = await startWalk(db, { ...mine, now: T0 });
  const fix = (metres: number, seconds: number) =>
    recordFix(db, walkId, { t: at(seconds), lat: north(metres), lon: 6.5623, accuracy: 6 });
  await fix(0, 0);
  await fix(40, 30);
  await markGap(db, walkId);
  await fix(400, 600);
  await fix(460, 660);
  await addObservation(db, {
    walkId,
    category: 'bench',
    position: { lat: north(20), lon: 6.5623, accuracy: 5 },
    note: 'Bank ohne Lehne',
    ...mine,
    now: T0 + 15_000,
  });
  await addObservation(db, {
    walkId,
    category: 'barrier',
    position: { lat: north(430), lon: 6.5623, accuracy: 70 },
    note: '',
    ...mine,
    now: T0 + 640_000,
  });
  await pauseWalk(db, walkId, { now: T0 + 700_000 });
  await resumeWalk(db, walkId, { now: T0 + 1_000_000 });
  await stopWalk(db, walkId, { ...mine, now: T0 + 1_500_000 });
  await updateEntry(db, 'walk', walkId, { title: 'Rund um den Süd-Markt' }, mine);
});

async function openWalk() {
  show(`#/eintrag/${walkId}`);
  expect(await screen.findByRole('heading', { level: 1, name: 'Spaziergang' })).toBeTruthy();
  return screen.findByRole('img', { name: /Route des Spaziergangs/ });
}

describe('a walk’s page', () => {
  it('draws the route as one line per segment, and says what it shows in words', async () => {
    const svg = await openWalk();
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.querySelectorAll('path')).toHaveLength(2);
    expect(svg.querySelector('title')?.textContent).toBe('Route des Spaziergangs');
    expect(svg.querySelector('desc')?.textContent).toMatch(/^0,10 km in 2 Abschnitten\./);
    // Distance (100 m in two parts, not the 400 m as the crow flies) and walking time without
    // the five-minute pause: 25 minutes from start to end, 20 of them walking.
    expect(screen.getByText('0,10 km', { selector: 'dd' })).toBeTruthy();
    expect(screen.getByText('20 Min.', { selector: 'dd' })).toBeTruthy();
  });

  it('numbers the observations on the route as in the list below, with their state', async () => {
    const svg = await openWalk();
    const markers = [...svg.querySelectorAll('g text')].map((text) => text.textContent);
    expect(markers.sort()).toEqual(['1', '2']);
    const list = screen.getByRole('list', { name: 'Beobachtungen' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole('link', { name: '1. Sitzbank · 10:00' })).toBeTruthy();
    expect(
      within(items[1]!).getByRole('link', { name: '2. Barriere · 10:10 · ungenau' }),
    ).toBeTruthy();
    expect(within(items[0]!).getByText('Bank ohne Lehne')).toBeTruthy();
    expect(within(items[0]!).getByText('Auf diesem Gerät gespeichert')).toBeTruthy();
  });

  it('downloads the route as GPX and as GeoJSON, named by day and title', async () => {
    const files: { name: string; blob: Blob }[] = [];
    let lastBlob: Blob | undefined;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      lastBlob = blob;
      return 'blob:route';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      files.push({ name: this.download, blob: lastBlob! });
    });
    await openWalk();
    press('Route als GPX');
    press('Route als GeoJSON');
    await waitFor(() => expect(files).toHaveLength(2));
    const [gpx, geojson] = files as [(typeof files)[0], (typeof files)[0]];
    expect(gpx.name).toBe('spaziergang-2026-11-25-rund-um-den-sued-markt.gpx');
    expect(gpx.blob.type).toBe('application/gpx+xml');
    const xml = await gpx.blob.text();
    expect(xml).toContain('<gpx');
    expect(xml.match(/<trkseg>/g)).toHaveLength(2);
    expect(xml.match(/<trkpt /g)).toHaveLength(4);
    expect(xml.match(/<wpt /g)).toHaveLength(2);
    expect(geojson.name).toBe('spaziergang-2026-11-25-rund-um-den-sued-markt.geojson');
    expect(geojson.blob.type).toBe('application/geo+json');
    const data = JSON.parse(await geojson.blob.text()) as {
      type: string;
      features: { geometry: { type: string; coordinates: unknown[] } }[];
    };
    expect(data.type).toBe('FeatureCollection');
    const line = data.features.find((feature) => feature.geometry.type === 'MultiLineString');
    expect(line?.geometry.coordinates).toHaveLength(2);
    expect(data.features.filter((feature) => feature.geometry.type === 'Point')).toHaveLength(2);
    vi.restoreAllMocks();
  });

  it('opens an observation to change it, and leads back to its walk', async () => {
    await openWalk();
    const [first] = within(screen.getByRole('list', { name: 'Beobachtungen' })).getAllByRole(
      'link',
    );
    location.hash = first!.getAttribute('href')!;
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Beobachtung ändern' }),
    ).toBeTruthy();
    const bench = (await screen.findByRole('radio', { name: 'Sitzbank' })) as HTMLInputElement;
    expect(bench.checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'Toilette' }));
    press('Änderung speichern');
    await screen.findByText(/^Auf diesem Gerät gespeichert\. Die Beobachtung/);
    const update = (await db.outbox.toArray()).at(-1);
    expect(update).toMatchObject({
      name: 'observation.update',
      args: { fields: { category: 'toilet' } },
    });
    expect(screen.getByRole('link', { name: 'Zum Spaziergang' }).getAttribute('href')).toBe(
      `#/eintrag/${walkId}`,
    );
  });
});

describe('"Meine Einträge" with walks', () => {
  it('lists the walk with its distance, not its observations, and filters by walks', async () => {
    show('#/eintraege');
    const card = (await screen.findByText(/Rund um den Süd-Markt/)).closest('li')!;
    expect(card.textContent).toContain('0,10 km');
    expect(card.textContent).toContain('20 Min.');
    expect(screen.queryByText(/Sitzbank/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Spaziergang aufzeichnen' }).getAttribute('href')).toBe(
      '#/spaziergang',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Spaziergänge' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(ERIKA.userId).toBe((await db.entries.get(walkId))?.author);
  });
});
