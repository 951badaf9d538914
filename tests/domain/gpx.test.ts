// @vitest-environment jsdom
// The GPX 1.1 writer, read back with a real XML parser (jsdom's DOMParser, the environment of
// this file): one track segment per route segment, observations as waypoints, escaped text,
// short coordinates.
import { describe, expect, it } from 'vitest';
import { coordinate, toGpx, xmlText, type ExportObservation } from '../../src/domain/gpx';
import type { TrackPointV2 } from '../../src/shared/walk-track';

const GPX_NS = 'http://www.topografix.com/GPX/1/1';

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

const all = (doc: Document | Element, name: string) =>
  Array.from(doc.getElementsByTagNameNS(GPX_NS, name));
const text = (element: Element | undefined, name: string) =>
  element?.getElementsByTagNameNS(GPX_NS, name)[0]?.textContent ?? null;

const point = (second: number, lat: number, lon: number, gap?: true): TrackPointV2 => ({
  t: new Date(Date.UTC(2026, 5, 10, 8, 0, second)).toISOString(),
  lat,
  lon,
  accuracy: 6,
  ...(gap ? { gap } : {}),
});

const WALK = {
  title: 'Rund um den Marheinekeplatz',
  occurredAt: '2026-06-10T08:00:00.000Z',
  endedAt: '2026-06-10T09:10:00.000Z',
};

const bench: ExportObservation = {
  category: 'bench',
  label: 'Sitzbank',
  note: 'Schattig, mit Lehne',
  occurredAt: '2026-06-10T08:20:00.000Z',
  position: { lat: 52.4888, lon: 13.3956, accuracy: 8 },
};

describe('toGpx', () => {
  it('writes GPX 1.1 by Quartiersbuch with the walk as metadata', () => {
    const doc = parse(toGpx(WALK, [point(0, 52.4888, 13.3956)], []));
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe(GPX_NS);
    expect(root.localName).toBe('gpx');
    expect(root.getAttribute('version')).toBe('1.1');
    expect(root.getAttribute('creator')).toBe('Quartiersbuch');
    const [metadata] = all(doc, 'metadata');
    expect(text(metadata, 'name')).toBe(WALK.title);
    expect(text(metadata, 'time')).toBe(WALK.occurredAt);
    expect(toGpx(WALK, [], []).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<gpx ')).toBe(
      true,
    );
  });

  it('writes one track with a segment per route segment, every point with its time', () => {
    const route = [
      point(0, 52.4888, 13.3956),
      point(10, 52.4889, 13.3957),
      point(20, 52.489, 13.3958),
      point(300, 52.4895, 13.396, true),
      point(310, 52.4896, 13.3961),
      point(600, 52.49, 13.397, true),
    ];
    const doc = parse(toGpx(WALK, route, []));
    const tracks = all(doc, 'trk');
    expect(tracks).toHaveLength(1);
    expect(text(tracks[0], 'name')).toBe(WALK.title);
    const segments = all(doc, 'trkseg');
    expect(segments.map((s) => all(s, 'trkpt').length)).toEqual([3, 2, 1]);
    const points = all(doc, 'trkpt');
    expect(points).toHaveLength(6);
    expect(points.map((p) => Number(p.getAttribute('lat')))).toEqual(route.map((p) => p.lat));
    expect(points.map((p) => Number(p.getAttribute('lon')))).toEqual(route.map((p) => p.lon));
    expect(points.map((p) => text(p, 'time'))).toEqual(route.map((p) => p.t));
  });

  it('writes observations with a position as waypoints before the track', () => {
    const hazard: ExportObservation = {
      category: 'hazard',
      label: 'Gefahrenstelle',
      note: '',
      occurredAt: '2026-06-10T08:30:00+02:00',
      position: { lat: 52.489, lon: 13.3958, accuracy: 40 },
    };
    const unplaced = { ...bench, position: null };
    const xml = toGpx(WALK, [point(0, 52.4888, 13.3956)], [bench, unplaced, hazard]);
    const doc = parse(xml);
    const waypoints = all(doc, 'wpt');
    expect(waypoints).toHaveLength(2);
    expect(waypoints.map((w) => text(w, 'name'))).toEqual(['Sitzbank', 'Gefahrenstelle']);
    expect(text(waypoints[0], 'desc')).toBe('Schattig, mit Lehne');
    expect(text(waypoints[1], 'desc')).toBeNull(); // an empty note is no element
    expect(waypoints.map((w) => text(w, 'type'))).toEqual(['bench', 'hazard']);
    expect(waypoints.map((w) => text(w, 'time'))).toEqual([
      '2026-06-10T08:20:00.000Z',
      '2026-06-10T06:30:00.000Z', // in UTC
    ]);
    expect(waypoints[0]?.getAttribute('lat')).toBe('52.4888');
    // The schema's order: wpt before trk; in a wpt time, name, desc, type.
    expect(xml.indexOf('<wpt')).toBeLessThan(xml.indexOf('<trk>'));
    expect(Array.from(waypoints[0]?.children ?? []).map((c) => c.localName)).toEqual([
      'time',
      'name',
      'desc',
      'type',
    ]);
  });

  it('escapes <&"\' and keeps umlauts and ß, in elements and as parsed text', () => {
    const tricky = `Öffnung <bei> "Müller" & 'Söhne' – Straße`;
    const xml = toGpx(
      { ...WALK, title: tricky },
      [point(0, 52.4888, 13.3956)],
      [{ ...bench, label: tricky, note: `a\u0000b\u0007c\ud800d` }],
    );
    expect(xml).not.toContain('<bei>');
    expect(xml).toContain('&lt;bei&gt;');
    expect(xml).toContain('&amp;');
    expect(xml).toContain('Öffnung');
    const doc = parse(xml);
    expect(text(all(doc, 'metadata')[0], 'name')).toBe(tricky);
    expect(text(all(doc, 'wpt')[0], 'name')).toBe(tricky);
    expect(text(all(doc, 'wpt')[0], 'desc')).toBe('abcd'); // characters XML cannot hold dropped
  });

  it('writes coordinates with at most 7 decimals and never in exponent notation', () => {
    expect(coordinate(52.488812345678)).toBe('52.4888123');
    expect(coordinate(13.4)).toBe('13.4');
    expect(coordinate(0.00000001)).toBe('0');
    expect(coordinate(-0.0000001)).toBe('-0.0000001');
    expect(coordinate(-0.00000001)).toBe('0');
    expect(coordinate(10)).toBe('10');
    const doc = parse(toGpx(WALK, [point(0, 52.488812345678, 13.39561234567)], []));
    expect(all(doc, 'trkpt')[0]?.getAttribute('lat')).toBe('52.4888123');
    expect(all(doc, 'trkpt')[0]?.getAttribute('lon')).toBe('13.3956123');
  });

  it('writes no track for no points and no name for an empty title', () => {
    const doc = parse(toGpx({ ...WALK, title: '  ' }, [], []));
    expect(all(doc, 'trk')).toHaveLength(0);
    expect(all(doc, 'name')).toHaveLength(0);
    expect(text(all(doc, 'metadata')[0], 'time')).toBe(WALK.occurredAt);
  });

  it('escapes text for XML', () => {
    expect(xmlText(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
    expect(xmlText('😀 Tür')).toBe('😀 Tür'); // surrogate pairs stay
  });
});
