// The observations of a walk as a list, numbered as on the route: what it was, when, the note,
// "ungenau" for a place from a poor fix (or "ohne Ort"), and where it stands (on this device,
// sent, needs attention). Each opens its own form to change it.
import type { EntryOf } from '../../../db/use-entries';
import { berlinWallClock, minutesToTime } from '../../../domain/dates';
import { isInaccurate } from '../../../domain/observation-form';
import { TRACK_FILTER_DEFAULTS } from '../../../domain/track-filter';
import { href } from '../../use-route';
import { StateBadge } from '../state-badge';
import { useEntriesT } from '../use-entries-t';

export function WalkObservations(props: { observations: readonly EntryOf<'observation'>[] }) {
  const t = useEntriesT();
  if (props.observations.length === 0) return <p>{t('walk.observationsNone')}</p>;
  return (
    <ol class="entry-list walk-observations" aria-labelledby="walk-observations-heading">
      {props.observations.map((observation, index) => {
        const time = minutesToTime(berlinWallClock(Date.parse(observation.occurredAt)).minutes);
        const where =
          observation.position === null
            ? t('walk.noPlace')
            : isInaccurate(observation.position, TRACK_FILTER_DEFAULTS.maxAccuracy)
              ? t('walk.inaccurate')
              : null;
        return (
          <li key={observation.id} class="card entry walk-observation">
            <a class="card-title" href={href.entry(observation.id)}>
              <span class="walk-number" aria-hidden="true">
                {index + 1}
              </span>
              <span>
                <span class="visually-hidden">{`${index + 1}.`}</span>{' '}
                {t(`observation.category.${observation.category}`)} · {time}
                {where && ` · ${where}`}
              </span>
            </a>
            {observation.note && <span class="entry-line">{observation.note}</span>}
            <StateBadge state={observation.state} />
          </li>
        );
      })}
    </ol>
  );
}
