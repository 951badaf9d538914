// "Protokoll": who of the staff changed, resolved, exported or revoked what, and when —
// newest first, 50 lines at a time, "Ältere laden" for the next. Readable by all staff of
// the quarter; the server keeps only field names and non-personal values in it.
import { useState } from 'preact/hooks';
import { formatInstantBerlin } from '../../domain/dates';
import type { AuditEntryView, AuditResponse } from '../../shared/staff/staff-people';
import type { StaffMe } from '../../shared/staff/staff-session';
import { loadAudit } from '../../sync/staff-upkeep-requests';
import { useSettings } from '../settings-context';
import { useStaffDeps } from './staff-context';
import { StaffPage } from './staff-page';
import { actionWords, detailWords } from './audit-words';
import { FormProblem } from './upkeep-fields';
import { problemText, useStaffLoad } from './upkeep-load';
import { LoadState } from './upkeep-state';
import { useStaffT } from './use-staff-t';

const PAGE = 50;

export function StaffAuditScreen(_props: { me: StaffMe }) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  const load = useStaffLoad((d) => loadAudit({ limit: PAGE }, d));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const title = t('staffAudit.title');
  if (load.state.status !== 'ready') {
    return <LoadState title={title} state={load.state} onRetry={load.reload} />;
  }
  const { entries, nextBefore } = load.state.data;

  const older = async () => {
    if (nextBefore === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const page = await loadAudit({ before: nextBefore, limit: PAGE }, deps);
      load.set((shown): AuditResponse => ({
        entries: [
          ...shown.entries,
          ...page.entries.filter((e) => !shown.entries.some((s) => s.id === e.id)),
        ],
        nextBefore: page.nextBefore,
      }));
    } catch (error) {
      setProblem(problemText(t, error));
    } finally {
      setBusy(false);
    }
  };

  const line = (entry: AuditEntryView) => (
    <li key={entry.id} class="audit-line">
      <p class="audit-when">{formatInstantBerlin(Date.parse(entry.at), lang)}</p>
      <p>
        <strong>{entry.actorName}</strong> {actionWords(t, entry.action)}
        {entry.subjectLabel && ` – ${entry.subjectLabel}`}
      </p>
      {detailWords(t, entry.detail).map((words, index) => (
        <p key={index} class="hint">
          {words}
        </p>
      ))}
    </li>
  );

  return (
    <StaffPage title={title}>
      <p class="hint">{t('staffAudit.lead')}</p>
      {entries.length === 0 && <p>{t('staffAudit.none')}</p>}
      <ol class="upkeep-list audit-list">{entries.map(line)}</ol>
      <FormProblem text={problem} />
      {nextBefore !== null && (
        <button class="button" type="button" disabled={busy} onClick={() => void older()}>
          {busy ? t('app.loading') : t('staffAudit.older')}
        </button>
      )}
    </StaffPage>
  );
}
