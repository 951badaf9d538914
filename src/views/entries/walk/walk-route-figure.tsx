// A walk's route as an inline SVG, without map tiles (so it shows offline): one line per
// segment — a pause or a time the page was hidden is a gap, never a straight line — and each
// observation with a place as a numbered marker, numbered as in the list below. Screen readers
// get a title and a description in words instead of the drawing.
import { useMemo } from 'preact/hooks';
import type { EntryOf } from '../../../db/use-entries';
import type { WalkPoint } from '../../../db/use-walk-route';
import { routeSvg } from '../../../domain/route-svg';
import { useEntriesT } from '../use-entries-t';

const SIZE = { width: 640, height: 420, padding: 28 };

export function WalkRouteFigure(props: {
  points: readonly WalkPoint[];
  observations: readonly EntryOf<'observation'>[];
  /** The walk's distance in words ("2,4 km"). */
  distance: string;
}) {
  const t = useEntriesT();
  const { points, observations } = props;
  const drawing = useMemo(
    () =>
      routeSvg(
        points,
        observations.map((observation) => ({
          id: observation.id,
          position: observation.position,
        })),
        SIZE,
      ),
    [points, observations],
  );
  if (points.length === 0) return <p>{t('walk.noRoute')}</p>;
  const numberOf = new Map(observations.map((observation, index) => [observation.id, index + 1]));
  return (
    <figure class="walk-route">
      <svg
        viewBox={drawing.viewBox}
        role="img"
        aria-labelledby="walk-route-title walk-route-desc"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="walk-route-title">{t('walk.routeTitle')}</title>
        <desc id="walk-route-desc">
          {t('walk.routeDesc', { distance: props.distance, segments: drawing.paths.length })}
        </desc>
        {drawing.paths.map((path, index) => (
          <path key={index} class="walk-route-line" d={path} />
        ))}
        {drawing.markers.map((marker) => (
          <g key={marker.id} class="walk-route-marker">
            <circle cx={marker.x} cy={marker.y} r={14} />
            <text x={marker.x} y={marker.y} dy="0.35em" text-anchor="middle">
              {numberOf.get(marker.id) ?? ''}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
