// The catalogue by theme, with a search that filters as you type.
import { useState } from 'preact/hooks';
import { useCatalogue } from '../db/use-catalogue';
import { groupByTheme } from '../domain/catalogue-search';
import { AmpelBadge } from './ampel-badge';
import { Page } from './page';
import { href } from './use-route';
import { useT } from './settings-context';

export function Catalogue() {
  const t = useT();
  const catalogue = useCatalogue();
  const [query, setQuery] = useState('');
  if (catalogue === undefined) return <Page title={t('cat.title')}>{null}</Page>;
  const groups = groupByTheme(
    catalogue.themes,
    catalogue.activities,
    catalogue.institutions,
    query,
  ).filter((group) => group.activities.length > 0);
  const found = groups.reduce((sum, group) => sum + group.activities.length, 0);
  return (
    <Page title={t('cat.title')}>
      <div class="search">
        <label for="search">{t('cat.search')}</label>
        <input
          id="search"
          type="search"
          value={query}
          aria-describedby="search-hint search-count"
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        <p id="search-hint" class="hint">
          {t('cat.searchHint')}
        </p>
      </div>
      <p id="search-count" role="status" class="count">
        {catalogue.activities.length === 0
          ? t('cat.empty')
          : found === 0
            ? t('cat.noResults', { query })
            : found === 1
              ? t('cat.countOne')
              : t('cat.count', { count: found })}
      </p>
      {groups.map(({ theme, activities }) => (
        <section key={theme.id} class="theme">
          <h2>{t('cat.theme', { number: theme.number, name: theme.name })}</h2>
          <ul class="activity-list">
            {activities.map((activity) => (
              <li key={activity.id}>
                <a class="card activity-card" href={href.activity(activity.id)}>
                  <span class="card-title">{activity.name}</span>
                  <AmpelBadge ampel={activity.ampel} />
                  {activity.isExample && <span class="example-tag">{t('cat.example')}</span>}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}
