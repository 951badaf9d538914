// "Angebote & Ampel": the activities by theme with their Ampel and its date; edit one or add
// one (upkeep-activity-form.tsx); below, the themes and institutions to rename or add
// (upkeep-names.tsx). One form is open at a time. A saved change goes into the list at once
// from the server's answer; volunteers' tablets get it with their next pull.
import { useState } from 'preact/hooks';
import { formatDayShort } from '../../domain/dates';
import type { StaffMe } from '../../shared/staff/staff-session';
import type { StaffCatalogue } from '../../shared/staff/staff-upkeep';
import { loadStaffCatalogue } from '../../sync/staff-upkeep-requests';
import { AmpelBadge } from '../ampel-badge';
import { Notice } from '../entries/form-field';
import { useSettings } from '../settings-context';
import { StaffPage } from './staff-page';
import { ActivityForm } from './upkeep-activity-form';
import { useStaffLoad } from './upkeep-load';
import { InstitutionForm, ThemeForm } from './upkeep-names';
import { LoadState } from './upkeep-state';
import { useStaffT } from './use-staff-t';

/** Which form is open: `activity:<id>`, `theme:<id>`, `institution:<id>` (`new` for a new one). */
type Open = string | null;

type Row = { id: string };
const upsert = <T extends Row>(rows: readonly T[], row: T): T[] =>
  rows.some((r) => r.id === row.id) ? rows.map((r) => (r.id === row.id ? row : r)) : [...rows, row];

export function StaffCatalogueScreen(_props: { me: StaffMe }) {
  const t = useStaffT();
  const { lang } = useSettings().settings;
  const load = useStaffLoad(loadStaffCatalogue);
  const [open, setOpen] = useState<Open>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const title = t('upkeep.catalogue.title');
  if (load.state.status !== 'ready') {
    return <LoadState title={title} state={load.state} onRetry={load.reload} />;
  }
  const catalogue = load.state.data;
  const themes = [...catalogue.themes].sort((a, b) => a.number - b.number);
  const update = (patch: (c: StaffCatalogue) => Partial<StaffCatalogue>) =>
    load.set((c) => ({ ...c, ...patch(c) }));
  const closeWith = (message: string | null) => {
    setOpen(null);
    setSaved(message);
  };
  const opener = (key: string) => () => {
    setSaved(null);
    setOpen(key);
  };
  const gone = () => {
    setOpen(null);
    load.reload();
  };

  const activityForm = (activityId: string | null) => {
    const activity = catalogue.activities.find((a) => a.id === activityId) ?? null;
    return (
      <ActivityForm
        key={activityId ?? 'new'}
        activity={activity}
        catalogue={catalogue}
        onSaved={(row) => {
          update((c) => ({ activities: upsert(c.activities, row) }));
          closeWith(t('upkeep.savedNamed', { name: row.name }));
        }}
        onRefreshed={(row) => update((c) => ({ activities: upsert(c.activities, row) }))}
        onGone={gone}
        onClose={() => closeWith(null)}
      />
    );
  };

  return (
    <StaffPage title={title}>
      <p class="hint">{t('upkeep.catalogue.lead')}</p>
      {saved && <Notice kind="ok">{saved}</Notice>}
      {open === 'activity:new' ? (
        activityForm(null)
      ) : (
        <button class="button primary" type="button" onClick={opener('activity:new')}>
          {t('upkeep.activity.add')}
        </button>
      )}
      {themes.map((theme) => {
        const activities = catalogue.activities.filter((a) => a.themeId === theme.id);
        return (
          <section key={theme.id} aria-labelledby={`theme-heading-${theme.id}`}>
            <h2 id={`theme-heading-${theme.id}`}>
              {theme.number}. {theme.name}
            </h2>
            {activities.length === 0 && <p>{t('upkeep.catalogue.noActivities')}</p>}
            <ul class="upkeep-list">
              {activities.map((activity) => (
                <li key={activity.id} class="upkeep-item">
                  {open === `activity:${activity.id}` ? (
                    activityForm(activity.id)
                  ) : (
                    <>
                      <p class="upkeep-item-title">{activity.name}</p>
                      <p>
                        <AmpelBadge ampel={activity.ampel} />{' '}
                        <span class="hint">
                          {activity.ampelAsOf
                            ? t('upkeep.activity.asOfShort', {
                                day: formatDayShort(activity.ampelAsOf, lang),
                              })
                            : t('upkeep.activity.asOfNone')}
                        </span>
                      </p>
                      {activity.ampelCondition && <p>{activity.ampelCondition}</p>}
                      <button
                        class="button"
                        type="button"
                        onClick={opener(`activity:${activity.id}`)}
                      >
                        {t('upkeep.editNamed', { name: activity.name })}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}

      <h2>{t('upkeep.themes.title')}</h2>
      <ul class="upkeep-list">
        {themes.map((theme) => (
          <li key={theme.id} class="upkeep-item">
            {open === `theme:${theme.id}` ? (
              <ThemeForm
                theme={theme}
                nextNumber={theme.number}
                others={themes.filter((other) => other.id !== theme.id)}
                onSaved={(row) => {
                  update((c) => ({ themes: upsert(c.themes, row) }));
                  closeWith(t('upkeep.savedNamed', { name: row.name }));
                }}
                onRefreshed={(row) => update((c) => ({ themes: upsert(c.themes, row) }))}
                onGone={gone}
                onClose={() => closeWith(null)}
              />
            ) : (
              <>
                <p class="upkeep-item-title">
                  {theme.number}. {theme.name}
                </p>
                <button class="button" type="button" onClick={opener(`theme:${theme.id}`)}>
                  {t('upkeep.renameNamed', { name: theme.name })}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {open === 'theme:new' ? (
        <ThemeForm
          theme={null}
          nextNumber={themes.reduce((max, theme) => Math.max(max, theme.number), 0) + 1}
          others={themes}
          onSaved={(row) => {
            update((c) => ({ themes: upsert(c.themes, row) }));
            closeWith(t('upkeep.savedNamed', { name: row.name }));
          }}
          onRefreshed={(row) => update((c) => ({ themes: upsert(c.themes, row) }))}
          onGone={gone}
          onClose={() => closeWith(null)}
        />
      ) : (
        <button class="button" type="button" onClick={opener('theme:new')}>
          {t('upkeep.themes.add')}
        </button>
      )}

      <h2>{t('upkeep.institutions.title')}</h2>
      <ul class="upkeep-list">
        {[...catalogue.institutions]
          .sort((a, b) => a.name.localeCompare(b.name, 'de'))
          .map((institution) => (
            <li key={institution.id} class="upkeep-item">
              {open === `institution:${institution.id}` ? (
                <InstitutionForm
                  institution={institution}
                  onSaved={(row) => {
                    update((c) => ({ institutions: upsert(c.institutions, row) }));
                    closeWith(t('upkeep.savedNamed', { name: row.name }));
                  }}
                  onRefreshed={(row) =>
                    update((c) => ({ institutions: upsert(c.institutions, row) }))
                  }
                  onGone={gone}
                  onClose={() => closeWith(null)}
                />
              ) : (
                <>
                  <p class="upkeep-item-title">{institution.name}</p>
                  <button
                    class="button"
                    type="button"
                    onClick={opener(`institution:${institution.id}`)}
                  >
                    {t('upkeep.renameNamed', { name: institution.name })}
                  </button>
                </>
              )}
            </li>
          ))}
      </ul>
      {open === 'institution:new' ? (
        <InstitutionForm
          institution={null}
          onSaved={(row) => {
            update((c) => ({ institutions: upsert(c.institutions, row) }));
            closeWith(t('upkeep.savedNamed', { name: row.name }));
          }}
          onRefreshed={(row) => update((c) => ({ institutions: upsert(c.institutions, row) }))}
          onGone={gone}
          onClose={() => closeWith(null)}
        />
      ) : (
        <button class="button" type="button" onClick={opener('institution:new')}>
          {t('upkeep.institutions.add')}
        </button>
      )}
    </StaffPage>
  );
}
