// "Berichte" and "Protokoll" against the real server in-process (SQLite): the CSV link carries
// the kind and the days of the chosen week, month or range (and downloads a real file), a range
// that ends before it starts offers no link; the monthly report shows the month's totals per
// theme and activity, walks, volunteer time, advice topics and referrals — and no name, note or
// partner of any entry; "Als PDF speichern" opens the print dialog. The audit log lists staff
// actions newest first in words, and "Ältere laden" brings the next page; "Änderungen" and
// "Lesezugriffe" show changes and reads apart (a tablet's pull in counts, never its content).
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { recordAudit } from '../../server/repos/audit.repo';
import type { Mutation } from '../../src/shared/push-protocol';
import { adviceArgs, entryCreate, walkArgs } from '../server/support/entry-mutations';
import { QUARTER } from '../server/support/fixtures';
import { pullAs } from '../server/support/pull-fixtures';
import { callValues, WHEN } from '../support/entry-builders';
import { useStaffViewWorld } from './staff-view-world';

const world = useStaffViewWorld();
// Signing in checks an argon2 hash: with other test files running beside this one it can take
// longer than testing-library's default second, so waits may last up to five (a ceiling, not a
// sleep: each wait ends as soon as its condition holds).
configure({ asyncUtilTimeout: 5000 });
const A1 = { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' };

const press = (name: string | RegExp, inside: HTMLElement = document.body) =>
  fireEvent.click(within(inside).getByRole('button', { name }));

async function open(hash: string, title: string) {
  world().show(hash);
  await world().signIn();
  const heading = await screen.findByRole('heading', { level: 1, name: title });
  await waitFor(() => expect(screen.queryByText('Wird geladen …')).toBeNull());
  return heading;
}

const region = (name: string) => screen.getByRole('region', { name });
const choose = (label: string, value: string, inside: HTMLElement) =>
  fireEvent.change(within(inside).getByLabelText(label), { target: { value } });
const csvLink = () => screen.queryByRole('link', { name: 'CSV-Datei herunterladen' });

/** November 2026 of Erika's: three calls (one with a concern), an advice session, a walk. */
async function pushNovember() {
  const { push, erika } = world();
  await push((seq): Mutation[] => [
    entryCreate('call', seq, erika, {
      id: 'c-reached',
      ...callValues('Herr B.', { durationMinutes: 30, activity: A1 }),
    }),
    entryCreate('call', seq + 1, erika, {
      id: 'c-concern',
      ...callValues('Frau K.', { concern: true, note: 'Braucht Hilfe beim Einkaufen.' }),
    }),
    entryCreate('call', seq + 2, erika, {
      id: 'c-missed',
      ...callValues('Herr M.', { reached: false }),
    }),
    entryCreate('advice', seq + 3, erika, adviceArgs('ad1', { occurredAt: WHEN })),
    entryCreate('walk', seq + 4, erika, walkArgs('w1', { activity: A1 })),
  ]);
}

/** The cells of the row headed `name` in the table captioned `caption`. */
function row(caption: string, name: string): string[] {
  const table = screen.getByRole('table', { name: caption });
  const header = within(table).getByRole('rowheader', { name });
  return [...header.parentElement!.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
}

describe('CSV', () => {
  it('links this week’s calls by default, and a chosen month’s advice sessions', async () => {
    await open('#/team/berichte', 'Berichte');
    expect(csvLink()?.getAttribute('href')).toBe(
      '/api/v1/staff/export.csv?kind=call&from=2026-11-23&to=2026-11-29',
    );
    expect(screen.getByText(/Sie laden herunter: Anrufe der Kalenderwoche 48/)).toBeTruthy();

    const csv = region('Einträge als Tabelle (CSV)');
    fireEvent.click(within(csv).getByRole('radio', { name: 'Beratungen' }));
    fireEvent.click(within(csv).getByRole('radio', { name: 'Ein Monat' }));
    choose('Monat', '10', csv);
    const link = csvLink()!;
    expect(link.getAttribute('href')).toBe(
      '/api/v1/staff/export.csv?kind=advice&from=2026-10-01&to=2026-10-31',
    );
    expect(link.getAttribute('download')).toBe(
      'quartiersbuch-beratungen-2026-10-01-bis-2026-10-31.csv',
    );
    expect(
      screen.getByText(
        'Sie laden herunter: Beratungen von Donnerstag, 1. Oktober 2026 bis Samstag, 31. Oktober 2026.',
      ),
    ).toBeTruthy();
    // The link works with the browser's staff cookie: a CSV for German Excel.
    const response = await world().browser.fetch(link.getAttribute('href')!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(new Uint8Array(await response.arrayBuffer()).slice(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
  });

  it('offers no link for a range that ends before it starts, and says so at the field', async () => {
    await open('#/team/berichte', 'Berichte');
    const csv = region('Einträge als Tabelle (CSV)');
    fireEvent.click(within(csv).getByRole('radio', { name: 'Von … bis …' }));
    fireEvent.input(within(csv).getByLabelText('Von'), { target: { value: '2026-11-10' } });
    fireEvent.input(within(csv).getByLabelText('Bis'), { target: { value: '2026-11-01' } });
    const to = within(csv).getByLabelText('Bis');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(within(csv).getByText('Das Ende liegt vor dem Anfang.')).toBeTruthy();
    expect(csvLink()).toBeNull();
    fireEvent.input(to, { target: { value: '2026-11-30' } });
    expect(csvLink()?.getAttribute('href')).toBe(
      '/api/v1/staff/export.csv?kind=call&from=2026-11-10&to=2026-11-30',
    );
  });
});

describe('the monthly report', () => {
  it('shows the month’s totals, themes, activities, walks and advice, and no personal data', async () => {
    await pushNovember();
    await open('#/team/berichte', 'Berichte');
    const monthly = region('Monatsbericht für Geldgeber');
    choose('Monat', '11', monthly);
    press('Bericht zeigen', monthly);
    await screen.findByRole('heading', { name: 'Monatsbericht November 2026' });

    expect(row('Alle Einträge im November 2026', 'Anrufe, erreicht')).toEqual(['2']);
    expect(row('Alle Einträge im November 2026', 'Anrufe, nicht erreicht')).toEqual(['1']);
    expect(row('Alle Einträge im November 2026', 'Beratungen')).toEqual(['1']);
    expect(row('Alle Einträge im November 2026', 'Einträge mit Sorge oder Hilfebedarf')).toEqual([
      '1',
    ]);
    // Per theme: calls, walks, participants, advice, hours.
    const theme = row('Nach Themenfeld', '1. Fit fürs Alter');
    expect(theme.slice(0, 4)).toEqual(['1', '1', '8', '0']);
    expect(row('Nach Angebot', 'Bewegungstreff (Fit fürs Alter)').slice(0, 3)).toEqual([
      '1',
      '1',
      '8',
    ]);
    expect(row('Spaziergänge und Teilnehmende', 'Teilnehmende an Spaziergängen')).toEqual(['8']);
    expect(row('Spaziergänge und Teilnehmende', 'davon mit Rollator oder Gehhilfe')).toEqual(['2']);
    expect(row('Spaziergänge und Teilnehmende', 'Gegangene Strecke in km')).toEqual(['1,2']);
    expect(row('Zeit der Ehrenamtlichen', 'Ehrenamtliche, die eingetragen haben')).toEqual(['1']);
    expect(row('Themen der Beratungen', 'Wohnen')).toEqual(['1']);
    expect(row('Weitervermittelt an', 'Seniorenbeirat Stadt Krefeld')).toEqual(['1']);

    const text = document.body.textContent ?? '';
    for (const personal of [
      'Herr B.',
      'Frau K.',
      'Herr M.',
      'Braucht Hilfe',
      'Erika',
      'Wohngeldantrag',
    ]) {
      expect(text).not.toContain(personal);
    }
    const audit = await world().server.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((line) => line.action)).toContain('report.view');
  });

  it('"Als PDF speichern" opens the print dialog and says what to choose there', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await open('#/team/berichte', 'Berichte');
    press('Bericht zeigen', region('Monatsbericht für Geldgeber'));
    await screen.findByRole('heading', { name: 'Monatsbericht Oktober 2026' });
    expect(
      screen.getByText(
        'Es öffnet sich das Fenster zum Drucken. Wählen Sie dort als Drucker „Als PDF speichern“.',
      ),
    ).toBeTruthy();
    press('Als PDF speichern');
    expect(print).toHaveBeenCalledTimes(1);
  });
});

describe('Protokoll', () => {
  it('lists staff actions newest first in words, and loads older ones', async () => {
    const { server } = world();
    for (let i = 0; i < 55; i++) {
      await recordAudit(
        server,
        {
          quarterId: QUARTER.id,
          actor: { userId: null, name: 'Verwaltung' },
          action: 'export.csv',
          subjectType: 'export',
          subjectId: `call-${i}`,
          detail: { kind: 'call', from: '2026-01-01', to: '2026-01-31' },
        },
        new Date(Date.UTC(2026, 0, 1, 10, i)),
      );
    }
    await open('#/team/protokoll', 'Protokoll');
    const lines = () => [...document.querySelectorAll('.audit-line')];
    // Anna's sign-in is the newest line.
    await waitFor(() => expect(lines().length).toBe(50));
    expect(lines()[0]?.textContent).toContain('Anna Team hat sich angemeldet');
    expect(lines()[1]?.textContent).toContain('Verwaltung hat eine CSV-Datei heruntergeladen');
    expect(lines()[1]?.textContent).toContain('Welche Einträge: call');
    press('Ältere laden');
    await waitFor(() => expect(lines().length).toBe(56));
    expect(screen.queryByRole('button', { name: 'Ältere laden' })).toBeNull();
    const times = lines().map((line) => line.querySelector('.audit-when')?.textContent ?? '');
    expect(times[times.length - 1]).toBe('01.01.2026, 11:00');
  });

  it('shows changes and reads apart; a tablet’s pull as counts, never its content', async () => {
    const { push, erika, app, tablet, server } = world();
    await push((seq): Mutation[] => [
      entryCreate('call', seq, erika, {
        id: 'c-read',
        ...callValues('Frau Zimtstern', { note: 'Mag Quittengelee' }),
      }),
    ]);
    // The tablet gets Erika's call: a line of its own.
    await pullAs(app, tablet.authorization);
    await recordAudit(
      server,
      {
        quarterId: QUARTER.id,
        actor: { userId: null, name: 'Verwaltung' },
        action: 'activity.update',
        subjectType: 'activity',
        subjectId: 'a1',
        detail: { fields: ['ampel'] },
      },
      new Date(Date.UTC(2026, 0, 1, 10)),
    );
    await open('#/team/protokoll', 'Protokoll');
    const lines = () =>
      [...document.querySelectorAll('.audit-line')].map((line) => line.textContent ?? '');
    await waitFor(() => expect(lines()).toHaveLength(3));

    fireEvent.click(screen.getByRole('radio', { name: 'Lesezugriffe' }));
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(lines()[0]).toContain('Tablet Laden hat Einträge dieser Personen bekommen – Erika M.');
    expect(lines()[0]).toContain('Wie viele: Anrufe 1');
    expect(screen.getByText(/^Lesezugriffe: wer Namen, Telefonnummern/)).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: 'Änderungen' }));
    await waitFor(() =>
      expect(lines()).toEqual([
        expect.stringContaining('Anna Team hat sich angemeldet'),
        expect.stringContaining('Verwaltung hat ein Angebot geändert'),
      ]),
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Alles' }));
    await waitFor(() => expect(lines()).toHaveLength(3));
    expect(document.body.textContent).not.toContain('Zimtstern');
    expect(document.body.textContent).not.toContain('Quittengelee');
  });
});
