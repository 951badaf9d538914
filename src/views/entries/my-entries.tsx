// "Meine Einträge": everything the signed-in person logged on this device, of every kind, by
// calendar week (newest first), each with where it stands; a filter by kind. Reads only
// through a live query, so a save, a sync or another tab updates it in place. A deletion that
// is still held (undo) hides its entry and offers "Rückgängig".
import { useMemo, useState } from 'preact/hooks';
import { useEntries } from '../../db/use-entries';
import { useSession } from '../../db/use-session';
import { formatWeekRange, groupByWeek } from '../../domain/week-groups';
import type { EntryKindName } from '../../shared/entry-kinds';
import { Page } from '../page';
import { useSettings } from '../settings-context';
import { href } from '../use-route';
import { UndoDeletes } from './delete-section';
import { EntryCard } from './entry-card';
import { KIND_ORDER, KIND_VIEWS } from './kinds/kind-views';
import { useDeletePhases } from './pending-deletes';
import { useEntriesT } from './use-entries-t';

export function EntriesScreen(props: { kind?: EntryKindName }) {
  const t = useEntriesT();
  const { lang } = useSettings().settings;
  const session = useSession();
  const entries = useEntries(session?.userId ?? '');
  const deleting = useDeletePhases();
  const [filter, setFilter] = useState<EntryKindName | undefined>(props.kind);
  // Grouping reads the Berlin clock of every entry: only again when the list or filter changes.
  const weeks = useMemo(
    () =>
      groupByWeek(
        (entries ?? []).filter(
          (entry) => !deleting.has(entry.id) && (filter === undefined || entry.kind === filter),
        ),
        (entry) => Date.parse(entry.occurredAt),
      ),
    [entries, deleting, filter],
  );
  if (session === undefined) return null;
  if (session === null) {
    return (
      <Page title={t('entries.title')}>
        <p class="lead">{t('entry.needSignIn')}</p>
        <a class="button primary" href={href.signIn}>
          {t('signin.title')}
        </a>
      </Page>
    );
  }
  if (entries === undefined) return null;
  const filters: [EntryKindName | undefined, string][] = [
    [undefined, t('entries.filterAll')],
    ...KIND_ORDER.map((kind): [EntryKindName, string] => [kind, t(KIND_VIEWS[kind].words.many)]),
  ];

  return (
    <Page title={t('entries.title')}>
      <p class="actions">
        {KIND_ORDER.map((kind) => (
          <a key={kind} class="button primary" href={KIND_VIEWS[kind].newHref}>
            {t(KIND_VIEWS[kind].words.newEntry)}
          </a>
        ))}
      </p>
      <UndoDeletes />
      <div class="filter" role="group" aria-labelledby="entries-filter">
        <p id="entries-filter" class="filter-label">
          {t('entries.filter')}
        </p>
        {filters.map(([kind, label]) => (
          <button
            key={kind ?? 'all'}
            class="button filter-button"
            type="button"
            aria-pressed={filter === kind}
            onClick={() => setFilter(kind)}
          >
            {/* Seen, not read: screen readers already say "gedrückt". */}
            {filter === kind && <span aria-hidden="true">✓ </span>}
            {label}
          </button>
        ))}
      </div>
      {weeks.length === 0 ? (
        <p class="lead">{entries.length === 0 ? t('entries.empty') : t('entries.emptyFilter')}</p>
      ) : (
        weeks.map((week) => (
          <section key={week.key} aria-labelledby={`week-${week.key}`}>
            <h2 id={`week-${week.key}`} class="week-title">
              {t('entries.week', { week: week.week, range: formatWeekRange(week, lang) })}
            </h2>
            <ul class="entry-list">
              {week.items.map((entry) => (
                <EntryCard key={entry.id} entry={entry} />
              ))}
            </ul>
          </section>
        ))
      )}
    </Page>
  );
}
