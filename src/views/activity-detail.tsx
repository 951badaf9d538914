// One activity with everything a caller or guide may need to tell someone about it.
import { useActivity } from '../db/use-activity';
import { formatInstantBerlin } from '../domain/dates';
import { formatDayMedium } from '../domain/date-words';
import { AmpelBadge } from './ampel-badge';
import { Page } from './page';
import { useSettings, useT } from './settings-context';

export function ActivityDetail(props: { id: string }) {
  const t = useT();
  const { lang } = useSettings().settings;
  const data = useActivity(props.id);
  if (data === undefined) return null;
  if (data === null) return <Page title={t('act.notFound')}>{null}</Page>;
  const { activity, theme, actors } = data;
  const rows: [string, string][] = [
    [t('act.theme'), theme ? `${theme.number}. ${theme.name}` : t('act.none')],
    [t('act.schedule'), activity.schedule || t('act.none')],
    [t('act.place'), activity.place || t('act.none')],
    [t('act.contact'), activity.contact || t('act.none')],
    [t('act.actors'), actors.map((actor) => actor.name).join('; ') || t('act.none')],
  ];
  return (
    <Page title={activity.name}>
      {activity.isExample && <p class="example-note">{t('cat.exampleLong')}</p>}
      <p class="description">{activity.description}</p>
      <dl class="facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section class="ampel-box" aria-labelledby="ampel-heading">
        <h2 id="ampel-heading">{t('ampel.label')}</h2>
        <AmpelBadge ampel={activity.ampel} />
        {activity.ampelAsOf && (
          <p>{t('act.ampelAsOf', { day: formatDayMedium(activity.ampelAsOf, lang) })}</p>
        )}
        {activity.ampelCondition && (
          <p>
            <strong>{t('act.condition')}:</strong> {activity.ampelCondition}
          </p>
        )}
      </section>
      <p class="hint">
        {t('act.updated', { when: formatInstantBerlin(Date.parse(activity.updatedAt)) })}
      </p>
    </Page>
  );
}
