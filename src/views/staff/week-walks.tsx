// The week's walks, each drawn as its route (inline SVG from route-svg.ts, no map tiles, so it
// shows offline from the kept week too) with its observations as numbered markers, numbered as
// in the list below it. The walk page's own figure (walk-route-figure.tsx) is made for the
// device's stored records and a single walk per page (fixed element ids); this one takes the
// server's answer and may appear many times, so it shares the drawing (routeSvg), not the
// component.
import { useMemo } from 'preact/hooks';
import { formatInstantBerlin } from '../../domain/dates';
import { routeSvg } from '../../domain/route-svg';
import type { WeekWalk } from '../../shared/staff/staff-week';
import { useSettings } from '../settings-context';
import { useStaffT, type StaffKey } from './use-staff-t';
import { kilometresOf } from './week-format';

const SIZE = { width: 640, height: 420, padding: 28 };

const CATEGORY: Record<string, StaffKey> = {
  barrier: 'staff.walks.category.barrier',
  bench: 'staff.walks.category.bench',
  toilet: 'staff.walks.category.toilet',
  meetingPoint: 'staff.walks.category.meetingPoint',
  hazard: 'staff.walks.category.hazard',
  other: 'staff.walks.category.other',
};

export function WeekWalks(props: { walks: readonly WeekWalk[] }) {
  const t = useStaffT();
  return (
    <section aria-labelledby="week-walks-title">
      <h2 id="week-walks-title">{t('staff.walks.title')}</h2>
      {props.walks.length === 0 ? (
        <p>{t('staff.walks.none')}</p>
      ) : (
        <ul class="staff-walks">
          {props.walks.map((walk) => (
            <li key={walk.id}>
              <WeekWalkView walk={walk} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function WeekWalkView(props: { walk: WeekWalk }) {
  const t = useStaffT();
  const lang = useSettings().settings.lang;
  const { walk } = props;
  const drawing = useMemo(
    () =>
      routeSvg(
        walk.points,
        walk.observations.map((o) => ({ id: o.id, position: o.position })),
        SIZE,
      ),
    [walk],
  );
  const distance = t('staff.walks.km', { km: kilometresOf(walk.distanceMetres, lang) });
  const base = `walk-${walk.id}`;
  return (
    <article class="staff-walk">
      <h3>{walk.title || t('staff.kind.walk')}</h3>
      <p class="hint">
        {t('staff.walks.meta', {
          when: formatInstantBerlin(Date.parse(walk.occurredAt), lang),
          name: walk.authorName,
          distance,
          participants: walk.participants,
        })}
      </p>
      {walk.points.length === 0 ? (
        <p>{t('staff.walks.noRoute')}</p>
      ) : (
        <figure class="staff-walk-route">
          <svg
            viewBox={drawing.viewBox}
            role="img"
            aria-labelledby={`${base}-title`}
            aria-describedby={`${base}-desc`}
            preserveAspectRatio="xMidYMid meet"
          >
            <title id={`${base}-title`}>{t('staff.walks.routeTitle', { title: walk.title })}</title>
            <desc id={`${base}-desc`}>
              {t('staff.walks.routeDesc', {
                distance,
                observations: drawing.markers.length,
              })}
            </desc>
            {drawing.paths.map((path, index) => (
              <path key={index} class="staff-route-line" d={path} />
            ))}
            {drawing.markers.map((marker) => (
              <g key={marker.id} class="staff-route-marker">
                <circle cx={marker.x} cy={marker.y} r={14} />
                <text x={marker.x} y={marker.y} dy="0.35em" text-anchor="middle">
                  {walk.observations.findIndex((o) => o.id === marker.id) + 1}
                </text>
              </g>
            ))}
          </svg>
        </figure>
      )}
      {walk.observations.length > 0 && (
        <ol class="staff-observations">
          {walk.observations.map((observation) => (
            <li key={observation.id}>
              <strong>
                {CATEGORY[observation.category]
                  ? t(CATEGORY[observation.category]!)
                  : observation.category}
              </strong>
              {observation.position === null && <span> {t('staff.walks.noPlace')}</span>}
              {observation.note && <span class="staff-note">: {observation.note}</span>}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
