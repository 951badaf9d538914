// "Berichte": the CSV export (reports-csv.tsx) and the monthly report for funders — choose a
// month, "Bericht zeigen", then "Als PDF speichern" opens the browser's print dialog, where
// "Als PDF speichern" is chosen as the printer (the text under the button says so). Loading
// the report is written to the audit log by the server.
import { useEffect, useRef, useState } from 'preact/hooks';
import { berlinWallClock } from '../../domain/dates';
import { previousMonth } from '../../domain/report-period';
import type { MonthlyReport } from '../../shared/staff/staff-reports';
import type { StaffMe } from '../../shared/staff/staff-session';
import { loadMonthlyReport } from '../../sync/staff-upkeep-requests';
import { useStaffDeps } from './staff-context';
import { StaffPage } from './staff-page';
import { CsvExport } from './reports-csv';
import { MonthField } from './reports-month-field';
import { MonthlyReportView } from './reports-monthly';
import { FormProblem } from './upkeep-fields';
import { problemText } from './upkeep-load';
import { useStaffT } from './use-staff-t';

export function StaffReportsScreen(_props: { me: StaffMe }) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const today = berlinWallClock(deps.now()).day;
  const [month, setMonth] = useState(() => previousMonth(today));
  const [report, setReport] = useState<MonthlyReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = useRef<HTMLDivElement>(null);
  // A report that appears is where reading goes on: the focus moves to its title.
  useEffect(() => {
    if (report) shown.current?.querySelector<HTMLElement>('.report-title')?.focus();
  }, [report]);

  const show = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      setReport(await loadMonthlyReport(month, deps));
    } catch (error) {
      setProblem(problemText(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <StaffPage title={t('staffReports.title')}>
      <CsvExport />
      <section aria-labelledby="monthly-title" class="no-print">
        <h2 id="monthly-title">{t('staffReports.monthlyTitle')}</h2>
        <p class="hint">{t('staffReports.monthlyLead')}</p>
        <form onSubmit={(event) => void show(event)}>
          <MonthField
            id="report-month"
            legend={t('staffReports.month')}
            value={month}
            lastYear={Number(today.slice(0, 4))}
            onChange={(value) => {
              setMonth(value);
              setReport(null);
            }}
          />
          <FormProblem text={problem} />
          <button class="button primary" type="submit" disabled={busy}>
            {busy ? t('app.loading') : t('staffReports.show')}
          </button>
        </form>
      </section>
      {report && (
        <div ref={shown} class="report-shown">
          <div class="no-print report-print">
            <button class="button primary" type="button" onClick={() => window.print()}>
              {t('staffReports.savePdf')}
            </button>
            <p class="hint">{t('staffReports.savePdfHint')}</p>
          </div>
          <MonthlyReportView report={report} />
        </div>
      )}
    </StaffPage>
  );
}
