// The readable, printable "Auskunft" (issue 11, Art. 15 DSGVO): everything the database holds
// about one call partner or one person, on a page staff print and hand over
// (`#/team/auskunft/<partner|person>/<id>`). It fetches the same export as the JSON download
// (one request, so one audit line `read.export_*`) and shows it in the registry's order
// (server/privacy/person-data.ts), a section per table, each with a heading and a sentence of
// what it is; empty tables say "Nichts gespeichert.", so the reader sees what was looked at.
// Withheld things (PIN, password, keys) are said to exist, never shown: the export does not
// hold them. "JSON herunterladen" saves the data already loaded; "Drucken" prints the page
// alone (auskunft.css). A lazy chunk of its own: the staff screens do not carry its words.
import './auskunft.css';
import { formatInstantBerlin } from '../../domain/dates';
import { auskunftDe, auskunftEn } from '../../i18n/messages-auskunft';
import { privacyDe, privacyEn } from '../../i18n/messages-privacy';
import { makeTranslator } from '../../i18n/translate';
import type { StaffMe } from '../../shared/staff/staff-session';
import { loadPersonExport } from '../../sync/staff-upkeep-requests';
import { downloadFile } from '../entries/download-file';
import { Notice } from '../entries/form-field';
import { useSettings } from '../settings-context';
import { href } from '../use-route';
import { AuskunftSection, parseAuskunft, type Auskunft } from './auskunft-section';
import type { AuskunftT } from './auskunft-words';
import { StaffPage } from './staff-page';
import { problemText, useStaffLoad } from './upkeep-load';
import { useStaffT } from './use-staff-t';

const translators: Record<'de' | 'en', AuskunftT> = {
  de: makeTranslator({ ...privacyDe, ...auskunftDe }),
  en: makeTranslator({ ...privacyEn, ...auskunftEn }),
};

export type AuskunftSubject = 'partner' | 'person';

export function AuskunftScreen(props: { subject: AuskunftSubject; id: string; me: StaffMe }) {
  const lang = useSettings().settings.lang;
  const t = translators[lang];
  const st = useStaffT();
  const collection = props.subject === 'partner' ? 'partners' : 'people';
  const load = useStaffLoad(async (deps) => {
    const file = await loadPersonExport(collection, props.id, deps);
    return { file, data: parseAuskunft(file.text) };
  });
  const back = (
    <p class="no-print">
      <a href={href.staff(props.subject === 'partner' ? 'partner' : 'personen')}>
        {t('auskunft.back')}
      </a>
    </p>
  );

  if (load.state.status === 'loading') {
    return (
      <StaffPage title={t('auskunft.title')}>
        <p role="status">{t('auskunft.loading')}</p>
      </StaffPage>
    );
  }
  if (load.state.status === 'failed') {
    // A session that ended: the staff shell shows the sign-in (problemText says nothing).
    const text = problemText(st, load.state.error);
    return (
      <StaffPage title={t('auskunft.title')}>
        {text && <Notice kind="error">{text}</Notice>}
        {back}
      </StaffPage>
    );
  }
  const { file, data } = load.state.data;
  return (
    <StaffPage title={t('auskunft.title')}>
      <div class="upkeep-actions no-print">
        <button class="button" type="button" onClick={() => window.print()}>
          {t('auskunft.print')}
        </button>
        <button
          class="button"
          type="button"
          onClick={() => downloadFile(file.fileName, 'application/json', file.text)}
        >
          {t('auskunft.json')}
        </button>
      </div>
      {back}
      <AuskunftHead t={t} lang={lang} data={data} me={props.me} />
      {Object.entries(data.tables).map(([table, rows]) => (
        <AuskunftSection
          key={table}
          t={t}
          st={st}
          lang={lang}
          subject={data.subject.type}
          table={table}
          rows={rows}
          entries={data.tables.entries ?? []}
        />
      ))}
      <section class="auskunft-section" aria-labelledby="auskunft-rights">
        <h2 id="auskunft-rights">{t('privacy.rights.title')}</h2>
        <p>{t('privacy.rights.text')}</p>
        <h3>{t('auskunft.rights.do')}</h3>
        <ul>
          <li>{t('auskunft.rights.correct')}</li>
          <li>{t('auskunft.rights.erase')}</li>
          <li>{t('auskunft.rights.complain')}</li>
          <li>{t('auskunft.rights.copy')}</li>
        </ul>
        <h3>{t('privacy.contact.title')}</h3>
        <p>{t('privacy.contact.owner')}</p>
        <p>{t('privacy.contact.dpo')}</p>
        <p>{t('privacy.contact.authority')}</p>
      </section>
    </StaffPage>
  );
}

/** Whom it concerns, as of when, made by whom. */
function AuskunftHead(props: { t: AuskunftT; lang: 'de' | 'en'; data: Auskunft; me: StaffMe }) {
  const { t, data } = props;
  const about =
    data.subject.type === 'partner' ? 'auskunft.about.partner' : 'auskunft.about.person';
  return (
    <div class="auskunft-head">
      <p class="auskunft-about">{t(about, { name: data.subject.name })}</p>
      <p>
        {t('auskunft.when', { when: formatInstantBerlin(Date.parse(data.exportedAt), props.lang) })}
      </p>
      <p>{t('auskunft.by', { name: props.me.name, quarter: props.me.quarter.name })}</p>
      <p class="auskunft-ids">{t('auskunft.id', { id: data.subject.id })}</p>
      <p>{t('auskunft.intro')}</p>
    </div>
  );
}
