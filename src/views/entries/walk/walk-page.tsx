// A walk's own page (`#/eintrag/<id>`, and on the recorder screen right after "Beenden"): when
// and how far, the route drawn without map tiles (works offline), the observations on it as a
// numbered list, downloads as GPX and GeoJSON, and the form for the walk's details. A walk
// still being recorded only points to the recorder. A walk whose route went after the routes'
// period the server told (issue 11, src/db/expired-routes.ts) says so calmly instead.
import type { EntryOf } from '../../../db/use-entries';
import { usePullState } from '../../../db/use-pull-state';
import { useWalkRoute } from '../../../db/use-walk-route';
import { formatInstantBerlin } from '../../../domain/dates';
import { routeExpired } from '../../../domain/retention-periods';
import { useSettings } from '../../settings-context';
import { useNow } from '../../use-now';
import { href } from '../../use-route';
import { Notice } from '../form-field';
import { useEntriesT } from '../use-entries-t';
import { WalkDetailsForm } from './walk-details-form';
import { WalkDownloads } from './walk-downloads';
import { WalkObservations } from './walk-observations';
import { WalkRouteFigure } from './walk-route-figure';
import { kmText, walkingTimeText } from './walk-words';

export function WalkPage(props: {
  existing: EntryOf<'walk'>;
  author: string;
  /** Right after "Beenden": the details come first. */
  justStopped?: boolean;
}) {
  const t = useEntriesT();
  const { lang } = useSettings().settings;
  const walk = props.existing;
  const route = useWalkRoute(walk.id);
  const learned = usePullState()?.retention;
  const now = useNow();
  if (walk.endedAt === null) {
    return (
      <>
        <Notice kind="warn">{t('walk.stillRecording')}</Notice>
        <p>
          <a class="button primary" href={href.walk}>
            {t('walk.toRecording')}
          </a>
        </p>
      </>
    );
  }
  const facts = (
    <dl class="walk-figures walk-facts">
      <div>
        <dt>{t('entry.when')}</dt>
        <dd>{formatInstantBerlin(Date.parse(walk.occurredAt), lang)}</dd>
      </div>
      <div>
        <dt>{t('walk.distance')}</dt>
        <dd>{kmText(t, lang, walk.distanceMetres)}</dd>
      </div>
      <div>
        <dt>{t('walk.time')}</dt>
        <dd>{walkingTimeText(t, walk.walkingSeconds)}</dd>
      </div>
    </dl>
  );
  const routeSection = route && (
    <section aria-labelledby="walk-route-heading">
      <h2 id="walk-route-heading">{t('walk.route')}</h2>
      {route.points.length === 0 &&
      walk.distanceMetres > 0 &&
      learned &&
      routeExpired(walk.occurredAt, learned.routes, now) ? (
        <p>{t('walk.routeDeleted', { days: learned.routes })}</p>
      ) : (
        <WalkRouteFigure
          points={route.points}
          observations={route.observations}
          distance={kmText(t, lang, walk.distanceMetres)}
        />
      )}
      <h2 id="walk-observations-heading">{t('walk.observations')}</h2>
      <WalkObservations observations={route.observations} />
      {route.points.length > 0 && (
        <WalkDownloads walk={walk} points={route.points} observations={route.observations} />
      )}
    </section>
  );
  const form = (
    <section aria-labelledby="walk-details-heading">
      <h2 id="walk-details-heading">{t('walk.details')}</h2>
      <WalkDetailsForm existing={walk} author={props.author} />
    </section>
  );
  return (
    <>
      {facts}
      {props.justStopped ? form : routeSection}
      {props.justStopped ? routeSection : form}
    </>
  );
}
