// "Protokoll": who of the staff changed, resolved, exported or revoked what, and when — and
// (issue 11) who looked at names, phone numbers, notes or routes, and which tablet received
// whose entries. Everything, only "Änderungen" or only "Lesezugriffe": the server filters and
// pages (tablets pulling every few minutes make many lines), newest first, 50 lines at a time,
// "Ältere laden" for the next. Readable by all staff of the quarter; the server keeps only
// field names, ids, counts and non-personal values in it.
import { useState } from 'preact/hooks';
import { formatInstantBerlin } from '../../domain/dates';
import { parseIsoWeekId } from '../../domain/iso-week';
import { AUDIT_SHOW, type AuditShow } from '../../shared/staff/audit-actions';
import type { AuditEntryView, AuditResponse } from '../../shared/staff/staff-people';
import type { StaffMe } from '../../shared/staff/staff-session';
import { loadAudit } from '../../sync/staff-upkeep-requests';
import { Notice } from '../entries/form-field';
import { useSettings } from '../settings-context';
import { actionWords, detailWords } from './audit-words';
import { useStaffDeps } from './staff-context';
import { StaffPage } from './staff-page';
import { FormProblem, RadioGroup } from './upkeep-fields';
import { problemText, useStaffLoad } from './upkeep-load';
import type { StaffT } from './use-staff-t';
import { useStaffT } from './use-staff-t';

const PAGE = 50;

const SHOW_WORDS = {
  all: 'staffAudit.show.all',
  changes: 'staffAudit.show.changes',
  reads: 'staffAudit.show.reads',
} as const;

export function StaffAuditScreen(_props: { me: StaffMe }) {
  const t = useStaffT();
  const [show, setShow] = useState<AuditShow>('all');
  return (
    <StaffPage title={t('staffAudit.title')}>
      <p class="hint">{t('staffAudit.lead')}</p>
      <RadioGroup
        id="audit-show"
        legend={t('staffAudit.show')}
        value={show}
        choices={AUDIT_SHOW.map((value) => ({ value, label: t(SHOW_WORDS[value]) }))}
        onChange={setShow}
      />
      {show === 'reads' && <p class="hint">{t('staffAudit.readsLead')}</p>}
      {/* A list of its own per choice: switching starts again from the newest line. */}
      <AuditLines key={show} show={show} />
    </StaffPage>
  );
}

function AuditLines(props: { show: AuditShow }) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  const load = useStaffLoad((d) => loadAudit({ show: props.show, limit: PAGE }, d));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (load.state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (load.state.status === 'failed') {
    const text = problemText(t, load.state.error);
    return (
      <>
        {text && <Notice kind="error">{text}</Notice>}
        <button class="button" type="button" onClick={load.reload}>
          {t('upkeep.retry')}
        </button>
      </>
    );
  }
  const { entries, nextBefore, nextBeforeId } = load.state.data;

  const older = async () => {
    if (nextBefore === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const page = await loadAudit(
        {
          show: props.show,
          before: nextBefore,
          ...(nextBeforeId === null ? {} : { beforeId: nextBeforeId }),
          limit: PAGE,
        },
        deps,
      );
      load.set((shown): AuditResponse => ({
        entries: [
          ...shown.entries,
          ...page.entries.filter((e) => !shown.entries.some((s) => s.id === e.id)),
        ],
        nextBefore: page.nextBefore,
        nextBeforeId: page.nextBeforeId,
      }));
    } catch (error) {
      setProblem(problemText(t, error));
    } finally {
      setBusy(false);
    }
  };

  const line = (entry: AuditEntryView) => {
    const subject = subjectWords(t, entry);
    return (
      <li key={entry.id} class="audit-line">
        <p class="audit-when">{formatInstantBerlin(Date.parse(entry.at), lang)}</p>
        <p>
          <strong>{entry.actorName}</strong> {actionWords(t, entry.action)}
          {subject && ` – ${subject}`}
        </p>
        {detailWords(t, entry.detail).map((words, index) => (
          <p key={index} class="hint">
            {words}
          </p>
        ))}
      </li>
    );
  };

  return (
    <>
      {entries.length === 0 && (
        <p>{t(props.show === 'all' ? 'staffAudit.none' : 'staffAudit.noneShown')}</p>
      )}
      <ol class="upkeep-list audit-list">{entries.map(line)}</ol>
      <FormProblem text={problem} />
      {nextBefore !== null && (
        <button class="button" type="button" disabled={busy} onClick={() => void older()}>
          {busy ? t('app.loading') : t('staffAudit.older')}
        </button>
      )}
    </>
  );
}

/** The server's label of the subject; a week (`read.week`) as "Kalenderwoche 48/2026". */
function subjectWords(t: StaffT, entry: AuditEntryView): string | null {
  if (entry.subjectLabel) return entry.subjectLabel;
  if (entry.subjectType !== 'week') return null;
  const week = parseIsoWeekId(entry.subjectId);
  return week ? t('staffAudit.week', { week: `${week.week}/${week.year}` }) : null;
}
