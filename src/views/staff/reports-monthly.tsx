// The monthly report for funders as a page to print (issue 10, "Berichte"): the month's totals,
// per theme and per activity, volunteer time, walks and their participants, and advice — topics
// and referrals — as counts only. Nothing in it names or describes a person (the server sends
// no names, notes or phone numbers for it: staff-reports.ts). Print CSS (upkeep.css) hides the
// menu and buttons, prints black on white and starts each section on a new page.
import type { ComponentChildren } from 'preact';
import { formatInstantBerlin } from '../../domain/dates';
import { formatDayLong, monthName } from '../../domain/date-words';
import { AGE_BANDS, ADVICE_PLACES } from '../../shared/kinds/advice-kind';
import type { MonthlyReport, ReportCounts } from '../../shared/staff/staff-reports';
import { useSettings } from '../settings-context';
import { useStaffT, type StaffKey, type StaffT } from './use-staff-t';

type Lang = 'de' | 'en';

function numberText(value: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

const hours = (minutes: number, lang: Lang) => numberText(minutes / 60, lang, 1);
const km = (metres: number, lang: Lang) => numberText(metres / 1000, lang, 1);

/** Rows of the overview: label and value. */
function overviewRows(t: StaffT, total: ReportCounts, lang: Lang): [string, string][] {
  return [
    [t('staffReports.row.callsReached'), numberText(total.callsReached, lang)],
    [t('staffReports.row.callsNotReached'), numberText(total.callsNotReached, lang)],
    [t('staffReports.row.walks'), numberText(total.walks, lang)],
    [t('staffReports.row.participants'), numberText(total.participants, lang)],
    [t('staffReports.row.adviceSessions'), numberText(total.adviceSessions, lang)],
    [t('staffReports.row.observations'), numberText(total.observations, lang)],
    [t('staffReports.row.concerns'), numberText(total.concerns, lang)],
    [t('staffReports.row.volunteerHours'), hours(total.volunteerMinutes, lang)],
    [t('staffReports.row.volunteers'), numberText(total.volunteers, lang)],
  ];
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="report-section" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {props.children}
    </section>
  );
}

/** A data table that may scroll inside itself at 320 px (the page itself never does). */
function Table(props: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
  id: string;
}) {
  return (
    <div class="report-table" role="region" aria-labelledby={props.id} tabIndex={0}>
      <table>
        <caption id={props.id}>{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((cell, index) => (
              <th key={index} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) =>
                column === 0 ? (
                  <th key={column} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={column}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const PLACE_WORDS: Record<(typeof ADVICE_PLACES)[number], StaffKey> = {
  shop: 'staffReports.place.shop',
  home: 'staffReports.place.home',
  phone: 'staffReports.place.phone',
  elsewhere: 'staffReports.place.elsewhere',
};

const AGE_WORDS: Record<(typeof AGE_BANDS)[number], StaffKey> = {
  under60: 'staffReports.age.under60',
  '60to69': 'staffReports.age.60to69',
  '70to79': 'staffReports.age.70to79',
  '80to89': 'staffReports.age.80to89',
  '90plus': 'staffReports.age.90plus',
  unknown: 'staffReports.age.unknown',
};

export function MonthlyReportView(props: { report: MonthlyReport }) {
  const t = useStaffT();
  const { lang } = useSettings().settings;
  const { report } = props;
  const n = (value: number) => numberText(value, lang);
  const monthTitle = `${monthName(Number(report.month.slice(5, 7)), lang)} ${report.month.slice(0, 4)}`;
  const countsHead = [
    t('staffReports.col.calls'),
    t('staffReports.col.walks'),
    t('staffReports.col.participants'),
    t('staffReports.col.advice'),
    t('staffReports.col.hours'),
  ];
  const countsOf = (c: ReportCounts) => [
    n(c.callsReached + c.callsNotReached),
    n(c.walks),
    n(c.participants),
    n(c.adviceSessions),
    hours(c.volunteerMinutes, lang),
  ];
  const { advice, total } = report;
  return (
    <article class="report" aria-labelledby="report-title">
      <header class="report-head">
        <h2 id="report-title" class="report-title" tabIndex={-1}>
          {t('staffReports.reportTitle', { month: monthTitle })}
        </h2>
        <p>{report.quarter.name}</p>
        <p>
          {t('staffReports.span', {
            from: formatDayLong(report.from, lang),
            to: formatDayLong(report.to, lang),
          })}
        </p>
        <p class="hint">
          {t('staffReports.generated', {
            when: formatInstantBerlin(Date.parse(report.generatedAt), lang),
          })}
        </p>
        <p class="hint">{t('staffReports.noPersonalData')}</p>
      </header>

      <Section id="report-overview" title={t('staffReports.overview')}>
        <Table
          id="report-overview-table"
          caption={t('staffReports.overviewCaption', { month: monthTitle })}
          head={[t('staffReports.col.what'), t('staffReports.col.count')]}
          rows={overviewRows(t, total, lang)}
        />
      </Section>

      <Section id="report-themes" title={t('staffReports.byTheme')}>
        <Table
          id="report-themes-table"
          caption={t('staffReports.byThemeCaption')}
          head={[t('staffReports.col.theme'), ...countsHead]}
          rows={[
            ...report.themes.map((theme) => [
              theme.number === null ? theme.name : `${theme.number}. ${theme.name}`,
              ...countsOf(theme),
            ]),
            [t('staffReports.withoutActivity'), ...countsOf(report.withoutActivity)],
            [t('staffReports.total'), ...countsOf(total)],
          ]}
        />
        <Table
          id="report-activities-table"
          caption={t('staffReports.byActivityCaption')}
          head={[t('staffReports.col.activity'), ...countsHead]}
          rows={report.activities.map((activity) => [
            activity.inCatalogue
              ? `${activity.name} (${activity.themeName})`
              : t('staffReports.formerActivity', { name: activity.name }),
            ...countsOf(activity),
          ])}
        />
      </Section>

      <Section id="report-volunteers" title={t('staffReports.volunteersTitle')}>
        <Table
          id="report-volunteers-table"
          caption={t('staffReports.volunteersCaption')}
          head={[t('staffReports.col.what'), t('staffReports.col.count')]}
          rows={[
            [t('staffReports.row.volunteerHours'), hours(total.volunteerMinutes, lang)],
            [t('staffReports.row.volunteers'), n(total.volunteers)],
          ]}
        />
      </Section>

      <Section id="report-walks" title={t('staffReports.walksTitle')}>
        <Table
          id="report-walks-table"
          caption={t('staffReports.walksCaption')}
          head={[t('staffReports.col.what'), t('staffReports.col.count')]}
          rows={[
            [t('staffReports.row.walks'), n(total.walks)],
            [t('staffReports.row.participants'), n(total.participants)],
            [t('staffReports.row.withWalkingAids'), n(total.withWalkingAids)],
            [t('staffReports.row.withWheelchairs'), n(total.withWheelchairs)],
            [t('staffReports.row.km'), km(total.metresWalked, lang)],
          ]}
        />
      </Section>

      <Section id="report-advice" title={t('staffReports.adviceTitle')}>
        <p>{t('staffReports.adviceSessions', { count: n(advice.sessions) })}</p>
        <Table
          id="report-topics-table"
          caption={t('staffReports.topicsCaption')}
          head={[t('staffReports.col.topic'), t('staffReports.col.count')]}
          rows={advice.topics.map((topic) => [topic.name, n(topic.count)])}
        />
        <Table
          id="report-referrals-table"
          caption={t('staffReports.referralsCaption')}
          head={[t('staffReports.col.institution'), t('staffReports.col.count')]}
          rows={[
            ...advice.referrals.map((referral) => [referral.name, n(referral.count)]),
            [t('staffReports.withoutReferral'), n(advice.withoutReferral)],
          ]}
        />
        <Table
          id="report-places-table"
          caption={t('staffReports.placesCaption')}
          head={[t('staffReports.col.place'), t('staffReports.col.count')]}
          rows={ADVICE_PLACES.map((place) => [t(PLACE_WORDS[place]), n(advice.places[place])])}
        />
        <Table
          id="report-ages-table"
          caption={t('staffReports.agesCaption')}
          head={[t('staffReports.col.age'), t('staffReports.col.count')]}
          rows={AGE_BANDS.map((band) => [t(AGE_WORDS[band]), n(advice.ageBands[band])])}
        />
        <Table
          id="report-first-table"
          caption={t('staffReports.firstContactCaption')}
          head={[t('staffReports.col.what'), t('staffReports.col.count')]}
          rows={[
            [t('upkeep.yes'), n(advice.firstContact.yes)],
            [t('upkeep.valueNo'), n(advice.firstContact.no)],
            [t('staffReports.unknown'), n(advice.firstContact.unknown)],
          ]}
        />
      </Section>
    </article>
  );
}
