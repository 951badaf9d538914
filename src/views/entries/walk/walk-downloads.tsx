// "Route als GPX" and "Route als GeoJSON": the walk's route with its observations as a file for
// a map program — GPX 1.1 (one track segment per part of the route, observations as waypoints)
// or GeoJSON (RFC 7946). Made on the device from what it holds, so it works offline. The file
// is named after the day and the title ("spaziergang-2026-11-25-rund-um-den-marktplatz.gpx").
import { useState } from 'preact/hooks';
import type { EntryOf } from '../../../db/use-entries';
import type { WalkPoint } from '../../../db/use-walk-route';
import { berlinWallClock } from '../../../domain/dates';
import { toGeoJson } from '../../../domain/geojson';
import { toGpx } from '../../../domain/gpx';
import { downloadFile } from '../download-file';
import { Notice } from '../form-field';
import { useEntriesT } from '../use-entries-t';

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** `<word>-<yyyy-MM-dd>[-<title in plain letters>].<extension>`, the day in Berlin time. */
export function walkFileName(
  word: string,
  walk: { occurredAt: string; title: string },
  extension: string,
): string {
  const day = berlinWallClock(Date.parse(walk.occurredAt)).day;
  const title = walk.title
    .toLowerCase()
    .replace(/[äöüß]/g, (letter) => UMLAUTS[letter] ?? letter)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${word}-${day}${title ? `-${title}` : ''}.${extension}`;
}

export function WalkDownloads(props: {
  walk: EntryOf<'walk'>;
  points: readonly WalkPoint[];
  observations: readonly EntryOf<'observation'>[];
}) {
  const t = useEntriesT();
  const [failed, setFailed] = useState(false);
  const { walk, points } = props;
  const observations = props.observations.map((observation) => ({
    category: observation.category,
    label: t(`observation.category.${observation.category}`),
    note: observation.note,
    occurredAt: observation.occurredAt,
    position: observation.position,
  }));
  const save = (extension: string, type: string, make: () => string) => () => {
    setFailed(false);
    try {
      downloadFile(walkFileName(t('walk.file'), walk, extension), type, make());
    } catch (error) {
      console.error('Route herunterladen fehlgeschlagen', error);
      setFailed(true);
    }
  };
  return (
    <>
      <p class="actions">
        <button
          class="button"
          type="button"
          aria-describedby="walk-download-hint"
          onClick={save('gpx', 'application/gpx+xml', () => toGpx(walk, points, observations))}
        >
          {t('walk.gpx')}
        </button>
        <button
          class="button"
          type="button"
          aria-describedby="walk-download-hint"
          onClick={save('geojson', 'application/geo+json', () =>
            JSON.stringify(toGeoJson(walk, points, observations), null, 2),
          )}
        >
          {t('walk.geojson')}
        </button>
      </p>
      <p id="walk-download-hint" class="hint">
        {t('walk.downloadHint')}
      </p>
      {failed && <Notice kind="error">{t('walk.downloadFailed')}</Notice>}
    </>
  );
}
