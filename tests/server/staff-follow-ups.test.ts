// What needs a person, on top of staff's week (SQLite and PostgreSQL): a concern logged on a
// tablet shows with only what staff need (never a phone number, the note cut to 200
// characters), gets an owner, a due date and a status with optimistic concurrency (a stale
// version is a 409), "erledigt" needs a note, the owner must be active staff of the quarter; a
// done concern leaves the list; a call partner after three unanswered calls shows, leaves when
// done, and comes back with a newer unanswered call. Every change leaves an audit line without
// the note. Staff of another quarter can neither see nor change any of it.
import { expect, it } from 'vitest';
import * as v from 'valibot';
import { listAudit } from '../../server/repos/audit.repo';
import {
  DONE_NEEDS_NOTE,
  followUpSchema,
  type AttentionItem,
} from '../../src/shared/staff/staff-week';
import { QUARTER } from './support/fixtures';
import { OTHER_QUARTER } from './support/identity-fixtures';
import { callCreateV3, entryCreate, partnerArgs, partnerCallArgs } from './support/entry-mutations';
import { createPerson } from './support/push-fixtures';
import { berlin, getWeek, staffRequest, useStaffWeekWorld } from './support/staff-week-world';
import { describeEachDialect } from './support/test-database';

const LONG_NOTE = `Frau K. wirkt seit Tagen verwirrt. ${'Sie hat mehrmals gefragt. '.repeat(12)}ENDE`;

describeEachDialect('follow-ups', (dialect) => {
  const world = useStaffWeekWorld(dialect);

  async function concernCall(id: string) {
    const { tablet, next, pushOk, erika } = world();
    const answer = await pushOk(tablet, [
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs(id, null, { occurredAt: berlin('2026-11-10', '10:00') }),
        concern: true,
        note: LONG_NOTE,
      }),
    ]);
    expect(answer.rejected).toEqual([]);
  }

  const attention = async (cookie = world().petraCookie) =>
    (await getWeek(world().app, cookie, '2026-W49')).attention;
  const put = (type: string, id: string, body: unknown, cookie = world().petraCookie) =>
    staffRequest(world().app, cookie, 'PUT', `/follow-ups/${type}/${id}`, body);
  const item = (items: AttentionItem[], id: string) => items.find((i) => i.subjectId === id);

  it('shows an open concern of any week with only what staff need', async () => {
    await concernCall('c1');
    const items = await attention();
    expect(items).toEqual([
      {
        subjectType: 'concern',
        subjectId: 'c1',
        kind: 'call',
        occurredAt: berlin('2026-11-10', '10:00'),
        authorName: 'Erika M.',
        partnerName: 'Frau K.',
        notePreview: LONG_NOTE.slice(0, 200),
        unansweredInARow: null,
        followUp: {
          subjectType: 'concern',
          subjectId: 'c1',
          ownerUserId: null,
          ownerName: null,
          dueDate: null,
          status: 'open',
          note: '',
          version: 0,
          updatedAt: null,
          doneAt: null,
        },
        reopened: false,
      },
    ]);
    expect(LONG_NOTE.length).toBeGreaterThan(200);
  });

  it('gives a concern an owner, a due date and a status; a stale version is a 409', async () => {
    const { petra } = world();
    await concernCall('c1');
    const first = await put('concern', 'c1', {
      expectedVersion: 0,
      ownerUserId: petra,
      dueDate: '2026-12-04',
      status: 'in_progress',
      note: 'Rufe die Tochter an.',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(v.parse(followUpSchema, first.json())).toMatchObject({
      ownerUserId: petra,
      ownerName: 'Petra L.',
      dueDate: '2026-12-04',
      status: 'in_progress',
      version: 1,
      updatedAt: '2026-12-01T12:00:00.000Z',
      doneAt: null,
    });
    // Someone else, from the page as it was before: refused, nothing changed.
    const stale = await put('concern', 'c1', {
      expectedVersion: 0,
      ownerUserId: null,
      dueDate: null,
      status: 'open',
      note: '',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'version_conflict' });
    expect(item(await attention(), 'c1')?.followUp).toMatchObject({
      ownerName: 'Petra L.',
      version: 1,
    });

    const lines = await listAudit(world().db, QUARTER.id);
    const updates = lines.filter((l) => l.action === 'follow_up.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      actor_user_id: petra,
      actor_name: 'Petra L.',
      subject_type: 'concern',
      subject_id: 'c1',
    });
    expect(JSON.parse(updates[0]!.detail)).toEqual({
      fields: ['ownerUserId', 'dueDate', 'status', 'note'],
      status: 'in_progress',
    });
    expect(updates[0]!.detail).not.toContain('Tochter');
  });

  it('needs a note for "erledigt"; then the concern leaves the list', async () => {
    await concernCall('c1');
    for (const note of ['', '   ', '\n\t']) {
      const refused = await put('concern', 'c1', {
        expectedVersion: 0,
        ownerUserId: null,
        dueDate: null,
        status: 'done',
        note,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ message: DONE_NEEDS_NOTE });
    }
    expect(item(await attention(), 'c1')?.followUp.version).toBe(0);

    const done = await put('concern', 'c1', {
      expectedVersion: 0,
      ownerUserId: null,
      dueDate: null,
      status: 'done',
      note: 'Tochter informiert.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneAt: '2026-12-01T12:00:00.000Z' });
    expect(await attention()).toEqual([]);
  });

  it('takes as owner only active staff of the quarter', async () => {
    const { db, otto, erika } = world();
    await concernCall('c1');
    const volunteer = erika;
    const otherQuarters = otto;
    const otherQuartersVolunteer = await createPerson(db, 'Ida', 'volunteer', OTHER_QUARTER.id);
    for (const owner of [volunteer, otherQuarters, otherQuartersVolunteer, 'nobody']) {
      const refused = await put('concern', 'c1', {
        expectedVersion: 0,
        ownerUserId: owner,
        dueDate: null,
        status: 'open',
        note: '',
      });
      expect(refused.statusCode, owner).toBe(400);
    }
    expect(await listAudit(db, QUARTER.id)).not.toContainEqual(
      expect.objectContaining({ action: 'follow_up.update' }),
    );
  });

  it('refuses bad input at the edge', async () => {
    await concernCall('c1');
    const base = { expectedVersion: 0, ownerUserId: null, dueDate: null, status: 'open', note: '' };
    for (const body of [
      { ...base, status: 'finished' },
      { ...base, dueDate: '2026-02-30' },
      { ...base, expectedVersion: -1 },
      { ...base, note: 'x'.repeat(2001) },
      { ...base, note: 'Steuer\u0007zeichen' },
      { ...base, ownerUserId: 'a b' },
    ]) {
      expect((await put('concern', 'c1', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await put('nonsense', 'c1', base)).statusCode).toBe(400);
    // Only entries with a concern are concerns; unknown ids are not found.
    expect((await put('concern', 'unknown', base)).statusCode).toBe(404);
  });

  it('flags a call partner after three unanswered calls; done keeps it away until a newer one', async () => {
    const { shop, tablet, next, pushOk, anna, erika, petra } = world();
    await pushOk(shop, [entryCreate('partner', next(shop), anna, partnerArgs('p1', [erika]))]);
    const unanswered = (id: string, day: string) =>
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs(id, 'p1', { occurredAt: berlin(day, '10:00'), reached: false }),
      });
    await pushOk(tablet, [unanswered('u1', '2026-11-20'), unanswered('u2', '2026-11-22')]);
    expect(await attention()).toEqual([]);
    await pushOk(tablet, [unanswered('u3', '2026-11-24')]);

    const flagged = item(await attention(), 'p1');
    expect(flagged).toMatchObject({
      subjectType: 'partner',
      kind: 'partner',
      partnerName: 'Frau K.',
      unansweredInARow: 3,
      occurredAt: berlin('2026-11-24', '10:00'),
      authorName: null,
      reopened: false,
    });
    expect(JSON.stringify(flagged)).not.toContain('02151');

    const done = await put('partner', 'p1', {
      expectedVersion: 0,
      ownerUserId: petra,
      dueDate: null,
      status: 'done',
      note: 'Tochter sagt: im Urlaub bis Mitte Dezember.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(item(await attention(), 'p1')).toBeUndefined();

    // A call made before it was closed, delivered late: still closed.
    await pushOk(tablet, [unanswered('u4', '2026-11-30')]);
    expect(item(await attention(), 'p1')).toBeUndefined();
    // A newer attempt that did not reach her: back, shown as open again.
    await pushOk(tablet, [unanswered('u5', '2026-12-02')]);
    expect(item(await attention(), 'p1')).toMatchObject({
      unansweredInARow: 5,
      reopened: true,
      followUp: { status: 'open', version: 1, ownerUserId: petra },
    });
  });

  it('lets staff of another quarter neither see nor change any of it', async () => {
    const { ottoCookie, otto, db } = world();
    await concernCall('c1');
    expect(await attention(ottoCookie)).toEqual([]);
    const attempt = await put(
      'concern',
      'c1',
      { expectedVersion: 0, ownerUserId: otto, dueDate: null, status: 'open', note: '' },
      ottoCookie,
    );
    expect(attempt.statusCode).toBe(404);
    expect(item(await attention(), 'c1')?.followUp.version).toBe(0);
    expect(await listAudit(db, OTHER_QUARTER.id)).not.toContainEqual(
      expect.objectContaining({ action: 'follow_up.update' }),
    );
  });
});
