// Staff's reports on SQLite and PostgreSQL (issue 10), with entries pushed through the real push
// by an enrolled tablet and read through the real staff endpoints:
// - the CSV parses back as German Excel would read it: BOM, `;`, CRLF, quotes and line breaks
//   in notes, German dates, times and numbers, ja/nein; a formula in a note stays text;
// - the range is Berlin days, right on both DST switches; deleted entries are not in it; a range
//   of many pages comes out complete and in order;
// - bad input is a 400 (and leaves no audit line); staff of another quarter see none of it;
// - the monthly report counts, and holds no name, note or phone of anyone;
// - each export and each report view leaves its audit line.
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { listAudit } from '../../server/repos/audit.repo';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import type { MonthlyReport } from '../../src/shared/staff/staff-reports';
import {
  adviceArgs,
  observationArgs,
  partnerArgs,
  partnerCallArgs,
  walkArgs,
} from './support/entry-mutations';
import { QUARTER } from './support/fixtures';
import { useReportWorld, VOLUNTEER_NAME, type Change } from './support/report-world';
import { describeEachDialect } from './support/test-database';

const A1 = { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' };
const HARD_NOTE = 'Sagte: "Bis bald; Tschüss"\nZweite Zeile; mit Semikolon';

const call = (id: string, occurredAt: string, extra: Record<string, unknown> = {}): Change => ({
  kind: 'call',
  args: partnerCallArgs(id, null, { occurredAt, ...extra }),
});

/** The CSV's records as objects by header, after checking the bytes German Excel needs. */
function csvRecords(response: LightMyRequestResponse): Record<string, string>[] {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(response.rawPayload, {
    bom: true,
    delimiter: ';',
    columns: true,
    record_delimiter: '\r\n',
  }) as Record<string, string>[];
}

/** The quarter's audit lines of reports (sign-ins leave lines too), by action. */
async function reportAudit(db: Kysely<Database>) {
  const lines = await listAudit(db, QUARTER.id);
  return lines
    .filter((line) => line.action === 'export.csv' || line.action === 'report.view')
    .sort((a, b) => (a.action < b.action ? 1 : -1));
}

const exportUrl = (kind: string, from: string, to: string) =>
  `/export.csv?kind=${kind}&from=${from}&to=${to}`;

describeEachDialect('staff reports', (dialect) => {
  const world = useReportWorld(dialect);

  it('the CSV of calls opens in German Excel: BOM, ;, CRLF, quotes, German formats', async () => {
    const { push, get } = world();
    await push([
      call('c1', '2026-11-03T08:15:00.000Z', {
        durationMinutes: 25,
        reached: false,
        concern: true,
        activity: A1,
        note: HARD_NOTE,
      }),
      call('c2', '2026-11-04T16:05:00.000Z', { note: '=HYPERLINK("http://x")' }),
    ]);
    const response = await get(exportUrl('call', '2026-11-01', '2026-11-30'));
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="quartiersbuch-anrufe-2026-11-01-bis-2026-11-30.csv"',
    );
    const text = response.rawPayload.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFDatum;Uhrzeit;Dauer (Min.);Erreicht;Gesprächsperson;Angebot;Themenfeld;Notiz;' +
        'Sorge;Gleichzeitig geändert;Erfasst von;Eintrag (ID)',
    );
    const records = csvRecords(response);
    expect(records).toEqual([
      {
        Datum: '03.11.2026',
        Uhrzeit: '09:15',
        'Dauer (Min.)': '25',
        Erreicht: 'nein',
        Gesprächsperson: 'Frau K.',
        Angebot: 'Bewegungstreff',
        Themenfeld: 'Fit fürs Alter',
        Notiz: HARD_NOTE,
        Sorge: 'ja',
        'Gleichzeitig geändert': 'nein',
        'Erfasst von': VOLUNTEER_NAME,
        'Eintrag (ID)': 'c1',
      },
      expect.objectContaining({
        Datum: '04.11.2026',
        Uhrzeit: '17:05',
        Erreicht: 'ja',
        Angebot: '',
        // A formula stays text: Excel shows it, never runs it.
        Notiz: `'=HYPERLINK("http://x")`,
        Sorge: 'nein',
      }),
    ]);
  });

  it('walks, observations and advice sessions: decimal comma, ja/nein, German words', async () => {
    const { push, get } = world();
    await push([
      {
        kind: 'walk',
        args: walkArgs('w1', {
          occurredAt: '2026-06-10T08:00:00.000Z',
          endedAt: '2026-06-10T09:30:00.000Z',
          distanceMetres: 2437,
          walkingSeconds: 4210,
          activity: A1,
        }),
      },
      {
        kind: 'observation',
        args: observationArgs('o1', 'w1', {
          occurredAt: '2026-06-10T08:20:00.000Z',
          category: 'barrier',
          position: { lat: 51.333101, lon: 6.5623, accuracy: 8 },
          note: 'Bordstein zu hoch',
        }),
      },
      { kind: 'advice', args: adviceArgs('ad1', { occurredAt: '2026-06-11T12:00:00.000Z' }) },
    ]);
    const [walk] = csvRecords(await get(exportUrl('walk', '2026-06-01', '2026-06-30')));
    expect(walk).toMatchObject({
      Datum: '10.06.2026',
      Beginn: '10:00',
      Ende: '11:30',
      'Strecke (km)': '2,4',
      'Gehzeit (Min.)': '70',
      Teilnehmende: '8',
      'mit Gehhilfe': '2',
      Angebot: 'Bewegungstreff',
    });
    const [observation] = csvRecords(
      await get(exportUrl('observation', '2026-06-10', '2026-06-10')),
    );
    expect(observation).toMatchObject({
      Uhrzeit: '10:20',
      Art: 'Barriere',
      Breitengrad: '51,33310',
      Längengrad: '6,56230',
      'Genauigkeit (m)': '8',
      'Spaziergang (ID)': 'w1',
      Notiz: 'Bordstein zu hoch',
    });
    const [advice] = csvRecords(await get(exportUrl('advice', '2026-06-11', '2026-06-11')));
    expect(advice).toMatchObject({
      Uhrzeit: '14:00',
      Ort: 'Im Laden',
      Themen: 'Wohnen, Geld und Anträge',
      Altersgruppe: '70 bis 79',
      Erstkontakt: 'ja',
      'Weitervermittelt an': 'Seniorenbeirat Stadt Krefeld',
      Wiedervorlage: '03.12.2030',
    });
  });

  // Each day: entries just inside and just outside its Berlin midnights (UTC instants).
  it.each([
    {
      day: '2026-10-25 (clocks go back: 25 hours)',
      from: '2026-10-25',
      out: ['2026-10-24T21:59:59.000Z', '2026-10-25T23:00:00Z'],
      in: [
        ['2026-10-24T22:30:00.000Z', '00:30'],
        ['2026-10-25T00:30:00Z', '02:30'],
        ['2026-10-25T01:30:00.000Z', '02:30'],
        ['2026-10-25T22:59:59.999Z', '23:59'],
      ],
    },
    {
      day: '2026-03-29 (clocks go forward: 23 hours)',
      from: '2026-03-29',
      out: ['2026-03-28T22:59:59.000Z', '2026-03-29T22:00:00Z'],
      in: [
        ['2026-03-28T23:30:00.000Z', '00:30'],
        ['2026-03-29T01:00:00.000Z', '03:00'],
        ['2026-03-29T21:59:59Z', '23:59'],
      ],
    },
  ])('a day is a Berlin day: $day', async ({ from, out, in: inside }) => {
    const { push, get } = world();
    const all = [...out, ...inside.map(([at]) => at as string)];
    await push(all.map((at, i) => call(`c${i}`, at)));
    const records = csvRecords(await get(exportUrl('call', from, from)));
    expect(records.map((r) => r.Uhrzeit)).toEqual(inside.map(([, time]) => time));
    const day = from.split('-').reverse().join('.');
    expect(new Set(records.map((r) => r.Datum))).toEqual(new Set([day]));
  });

  it('1,200 entries over three pages come out complete, in order, once each', async () => {
    const { push, get } = world();
    // Three calls share each instant, and their ids run against the order they were pushed
    // in, so the order inside an instant (and across a page's end) comes from the id.
    const changes = Array.from({ length: 1200 }, (_, i) => {
      const at = new Date(Date.UTC(2026, 10, 1, 6) + Math.floor(i / 3) * 60_000).toISOString();
      return call(`c${String(1199 - i).padStart(4, '0')}`, at);
    });
    await push(changes);
    const records = csvRecords(await get(exportUrl('call', '2026-11-01', '2026-11-30')));
    const ids = records.map((r) => r['Eintrag (ID)']);
    const expected = changes
      .map((c) => ('args' in c ? c.args : { id: '', occurredAt: '' }))
      .sort((a, b) =>
        a.occurredAt === b.occurredAt
          ? a.id.localeCompare(b.id)
          : String(a.occurredAt).localeCompare(String(b.occurredAt)),
      )
      .map((a) => a.id);
    expect(ids).toHaveLength(1200);
    expect(ids).toEqual(expected);
  });

  it('deleted entries and other kinds are not exported', async () => {
    const { push, get } = world();
    await push([
      call('kept', '2026-11-10T10:00:00.000Z'),
      call('gone', '2026-11-10T11:00:00.000Z'),
      { delete: 'call', id: 'gone' },
      { kind: 'advice', args: adviceArgs('ad1', { occurredAt: '2026-11-10T12:00:00.000Z' }) },
    ]);
    const records = csvRecords(await get(exportUrl('call', '2026-11-01', '2026-11-30')));
    expect(records.map((r) => r['Eintrag (ID)'])).toEqual(['kept']);
  });

  it.each([
    ['the end before the start', exportUrl('call', '2026-11-30', '2026-11-01')],
    ['six years', exportUrl('call', '2020-01-01', '2025-12-31')],
    ['call partners (people, not activity)', exportUrl('partner', '2026-11-01', '2026-11-30')],
    ['an unknown kind', exportUrl('visit', '2026-11-01', '2026-11-30')],
    ['no real day', exportUrl('call', '2026-02-30', '2026-03-01')],
    ['garbage', '/export.csv?kind=call&from=gestern&to=morgen'],
    ['nothing', '/export.csv'],
    ['two kinds', '/export.csv?kind=call&kind=walk&from=2026-11-01&to=2026-11-30'],
    ['a month that is none', '/report?month=2026-13'],
    ['a day instead of a month', '/report?month=2026-11-01'],
  ])('%s: 400, and no audit line', async (_, url) => {
    const { get, db } = world();
    const response = await get(url);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request' });
    expect(await reportAudit(db)).toEqual([]);
  });

  it('a HEAD request (a link checker, a proxy) exports nothing and leaves no audit line', async () => {
    const { app, db, cookie, push } = world();
    await push([call('c1', '2026-11-03T08:15:00.000Z')]);
    for (const path of [exportUrl('call', '2026-11-01', '2026-11-30'), '/report?month=2026-11']) {
      const response = await app.inject({
        method: 'HEAD',
        url: `${STAFF_PREFIX}${path}`,
        headers: { cookie },
      });
      expect(response.statusCode, path).toBe(404);
    }
    expect(await reportAudit(db)).toEqual([]);
  });

  it('five years less a day is fine', async () => {
    const { get } = world();
    expect(csvRecords(await get(exportUrl('call', '2021-01-01', '2025-12-31')))).toEqual([]);
  });

  it('staff of another quarter see none of this quarter; devices and strangers nothing', async () => {
    const { push, get, app, tablet, otherCookie } = world();
    await push([call('c1', '2026-11-10T10:00:00.000Z')]);
    expect(
      csvRecords(await get(exportUrl('call', '2026-11-01', '2026-11-30'), otherCookie)),
    ).toEqual([]);
    const other = (await get('/report?month=2026-11', otherCookie)).json<MonthlyReport>();
    expect(other.quarter.id).not.toBe(QUARTER.id);
    expect(other.total.callsReached).toBe(0);
    for (const url of [exportUrl('call', '2026-11-01', '2026-11-30'), '/report?month=2026-11']) {
      expect((await get(url, '')).statusCode).toBe(401);
      const fromTablet = await app.inject({
        method: 'GET',
        url: `/api/v1/staff${url}`,
        headers: { authorization: tablet.authorization },
      });
      expect(fromTablet.statusCode).toBe(403);
    }
  });

  it('the monthly report counts, and names nobody', async () => {
    const { push, get, erika } = world();
    const phone = '0999 424242';
    await push([
      {
        kind: 'partner',
        author: 'anna',
        args: partnerArgs('p1', [erika], { name: 'Zorbazz Partnerin', phone, note: 'Zorbazz' }),
      },
      call('c1', '2026-11-03T08:15:00.000Z', {
        partnerId: 'p1',
        partner: 'Zorbazz Partnerin',
        activity: A1,
        durationMinutes: 20,
        note: 'Zorbazz Notiz',
        concern: true,
      }),
      call('c2', '2026-11-04T08:15:00.000Z', { reached: false, durationMinutes: 5 }),
      call('outside', '2026-10-31T22:59:59.000Z'),
      {
        kind: 'walk',
        args: walkArgs('w1', {
          occurredAt: '2026-11-05T09:00:00.000Z',
          endedAt: '2026-11-05T10:00:00.000Z',
          title: 'Zorbazz Runde',
          note: 'Zorbazz',
          activity: A1,
        }),
      },
      {
        kind: 'advice',
        args: adviceArgs('ad1', { note: 'Zorbazz', occurredAt: '2026-11-06T10:00:00.000Z' }),
      },
      {
        kind: 'advice',
        args: adviceArgs('ad2', {
          occurredAt: '2026-11-07T10:00:00.000Z',
          topics: [{ id: 'wohnen', name: 'Wohnen' }],
          referral: null,
          firstContact: null,
          place: 'phone',
        }),
      },
    ]);
    const response = await get('/report?month=2026-11');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<MonthlyReport>();
    expect(response.body).not.toMatch(/Zorbazz/i);
    expect(response.body).not.toContain(phone);
    expect(response.body).not.toContain('Frau K.');
    expect(report).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    expect(report.total).toMatchObject({
      callsReached: 1,
      callsNotReached: 1,
      walks: 1,
      participants: 8,
      adviceSessions: 2,
      concerns: 1,
      metresWalked: 1200,
      // 20 + 5 minutes of calls, 60 of the walk, 2 × 30 of advice.
      volunteerMinutes: 145,
      volunteers: 1,
    });
    const theme = report.themes.find((t) => t.id === 't1');
    expect(theme).toMatchObject({ name: 'Fit fürs Alter', callsReached: 1, walks: 1 });
    expect(report.activities.find((a) => a.id === 'a1')).toMatchObject({
      ampel: 'green',
      callsReached: 1,
      walks: 1,
      participants: 8,
    });
    expect(report.advice).toMatchObject({
      sessions: 2,
      topics: [
        { id: 'wohnen', name: 'Wohnen', count: 2 },
        { id: 'geld-antraege', name: 'Geld und Anträge', count: 1 },
      ],
      referrals: [{ id: 'i1', name: 'Seniorenbeirat Stadt Krefeld', count: 1 }],
      withoutReferral: 1,
      places: { shop: 1, phone: 1, home: 0, elsewhere: 0 },
      firstContact: { yes: 1, no: 0, unknown: 1 },
    });
  });

  it('each export and each report view leaves an audit line, without personal data', async () => {
    const { push, get, db, anna } = world();
    await push([
      call('c1', '2026-11-03T08:15:00.000Z', { note: 'Zorbazz' }),
      call('c2', '2026-11-04T08:15:00.000Z'),
    ]);
    csvRecords(await get(exportUrl('call', '2026-11-01', '2026-11-30')));
    expect((await get('/report?month=2026-11')).statusCode).toBe(200);
    const lines = await reportAudit(db);
    expect(lines.map((line) => [line.action, line.actor_user_id, line.actor_name])).toEqual([
      ['report.view', anna, 'Anna S.'],
      ['export.csv', anna, 'Anna S.'],
    ]);
    expect(lines.map((line) => JSON.parse(line.detail))).toEqual([
      { month: '2026-11' },
      { kind: 'call', from: '2026-11-01', to: '2026-11-30', rows: 2 },
    ]);
    expect(JSON.stringify(lines)).not.toContain('Zorbazz');
  });
});
