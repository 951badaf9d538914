// "Öffnungszeiten" for staff: the storefront's weekly hours (hours-week-form.tsx) and its
// dated exceptions — closed days and other hours — to add, edit and delete (after a "Ja"). A
// deletion names the version it saw: a day someone changed meanwhile is not deleted but shown
// as it is now, to be looked at first. Volunteers' tablets get every change with their next
// pull.
import { useState } from 'preact/hooks';
import { berlinWallClock } from '../../domain/dates';
import { formatDayLong } from '../../domain/date-words';
import type { OpeningException } from '../../shared/catalogue';
import type { StaffMe } from '../../shared/staff/staff-session';
import type { StaffCatalogue } from '../../shared/staff/staff-upkeep';
import { deleteOpeningException, loadStaffCatalogue } from '../../sync/staff-upkeep-requests';
import { ConfirmStep } from '../entries/confirm-step';
import { Notice } from '../entries/form-field';
import { useSettings } from '../settings-context';
import { useStaffDeps } from './staff-context';
import { StaffPage } from './staff-page';
import { ExceptionForm } from './hours-exception-form';
import { intervalsText, WeekForm } from './hours-week-form';
import { problemText, useStaffLoad } from './upkeep-load';
import { LoadState } from './upkeep-state';
import { useStaffT } from './use-staff-t';

const byDate = (a: OpeningException, b: OpeningException) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : 0;

export function StaffHoursScreen(_props: { me: StaffMe }) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  const load = useStaffLoad(loadStaffCatalogue);
  /** The exception whose form is open ('new' for a new one). */
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const title = t('staffHours.title');
  if (load.state.status !== 'ready') {
    return <LoadState title={title} state={load.state} onRetry={load.reload} />;
  }
  const catalogue = load.state.data;
  const today = berlinWallClock(deps.now()).day;
  const exceptions = [...catalogue.openingExceptions].sort(byDate);
  const upcoming = exceptions.filter((e) => e.date >= today);
  const past = exceptions.filter((e) => e.date < today);
  const update = (patch: (c: StaffCatalogue) => Partial<StaffCatalogue>) =>
    load.set((c) => ({ ...c, ...patch(c) }));
  const putException = (row: OpeningException) =>
    update((c) => ({
      openingExceptions: [...c.openingExceptions.filter((e) => e.id !== row.id), row],
    }));
  const dropException = (id: string) =>
    update((c) => ({ openingExceptions: c.openingExceptions.filter((e) => e.id !== id) }));

  const remove = async (exception: OpeningException) => {
    setNotice(null);
    try {
      const result = await deleteOpeningException(
        exception.id,
        { expectedVersion: exception.version },
        deps,
      );
      const day = formatDayLong(exception.date, lang);
      if (result.ok || result.current === null) {
        dropException(exception.id);
        setNotice({ kind: 'ok', text: t('staffHours.exception.deleted', { day }) });
      } else {
        putException(result.current);
        setNotice({ kind: 'error', text: t('staffHours.exception.changedNotDeleted', { day }) });
      }
    } catch (error) {
      const text = problemText(t, error);
      if (text) setNotice({ kind: 'error', text });
    }
  };

  const form = (exception: OpeningException | null) => (
    <ExceptionForm
      key={exception?.id ?? 'new'}
      exception={exception}
      takenDays={exceptions.filter((e) => e.id !== exception?.id).map((e) => e.date)}
      onSaved={(row) => {
        putException(row);
        setOpen(null);
        setNotice({
          kind: 'ok',
          text: t('staffHours.exception.saved', { day: formatDayLong(row.date, lang) }),
        });
      }}
      onRefreshed={putException}
      onGone={() => {
        setOpen(null);
        load.reload();
      }}
      onClose={() => setOpen(null)}
    />
  );

  const item = (exception: OpeningException) => (
    <li key={exception.id} class="upkeep-item">
      {open === exception.id ? (
        form(exception)
      ) : (
        <>
          <p class="upkeep-item-title">{formatDayLong(exception.date, lang)}</p>
          <p>
            {exception.closed
              ? t('staffHours.exception.closed')
              : intervalsText(t, exception.intervals)}
            {exception.note && ` – ${exception.note}`}
          </p>
          <button
            class="button"
            type="button"
            onClick={() => {
              setNotice(null);
              setOpen(exception.id);
            }}
          >
            {t('upkeep.editNamed', { name: formatDayLong(exception.date, lang) })}
          </button>
          <ConfirmStep
            id={`delete-${exception.id}`}
            label={t('staffHours.exception.delete', { day: formatDayLong(exception.date, lang) })}
            question={t('staffHours.exception.deleteQuestion', {
              day: formatDayLong(exception.date, lang),
            })}
            yes={t('upkeep.yesDelete')}
            no={t('upkeep.no')}
            onConfirm={() => void remove(exception)}
          />
        </>
      )}
    </li>
  );

  return (
    <StaffPage title={title}>
      <p class="hint">{t('staffHours.lead')}</p>
      <WeekForm
        storefront={catalogue.storefront}
        onSaved={(storefront) => {
          update(() => ({ storefront }));
          setNotice({ kind: 'ok', text: t('staffHours.weekSaved') });
        }}
        onRefreshed={(storefront) => update(() => ({ storefront }))}
      />
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <h2>{t('staffHours.exceptionsTitle')}</h2>
      <p class="hint">{t('staffHours.exceptionsLead')}</p>
      {upcoming.length === 0 && <p>{t('staffHours.noExceptions')}</p>}
      <ul class="upkeep-list">{upcoming.map(item)}</ul>
      {catalogue.storefront === null ? (
        <p>{t('staffHours.saveWeekFirst')}</p>
      ) : open === 'new' ? (
        form(null)
      ) : (
        <button
          class="button primary"
          type="button"
          onClick={() => {
            setNotice(null);
            setOpen('new');
          }}
        >
          {t('staffHours.exception.add')}
        </button>
      )}
      {past.length > 0 && (
        <details class="upkeep-past">
          <summary>{t('staffHours.pastExceptions', { count: past.length })}</summary>
          <ul class="upkeep-list">{past.map(item)}</ul>
        </details>
      )}
    </StaffPage>
  );
}
