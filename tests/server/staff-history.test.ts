// An entry's history and the resolution of a conflict (SQLite and PostgreSQL): two devices
// change the same field of a call from the same base (G6), so the later one wins and the
// entry is flagged; staff see who changed what when on which device and the value that was
// lost; resolving brings it back as a normal change (a device's next pull gets it, unflagged),
// writes a history row and an audit line, and closes the conflict's follow-up. A stale version
// is a 409 with nothing changed; staff of another quarter get 404 for all of it.
import { expect, it } from 'vitest';
import { listAudit } from '../../server/repos/audit.repo';
import { readFollowUp } from '../../server/repos/follow-up.repo';
import { RESOLVED_NOTE } from '../../server/sync/entry-resolve.service';
import { QUARTER } from './support/fixtures';
import { callCreateV3, callUpdate, partnerCallArgs } from './support/entry-mutations';
import { pullAs } from './support/pull-fixtures';
import {
  berlin,
  getHistory,
  getWeek,
  staffRequest,
  useStaffWeekWorld,
} from './support/staff-week-world';
import { storedEntry } from './support/stored-entries';
import { describeEachDialect } from './support/test-database';

describeEachDialect('entry history and conflicts', (dialect) => {
  const world = useStaffWeekWorld(dialect);

  /** Call c1 by Erika, then the tablet and the phone change its note from the same base. */
  async function conflicted(): Promise<{ cookie: string }> {
    const { app, tablet, phone, next, pushOk, erika } = world();
    await pushOk(tablet, [
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs('c1', null, { occurredAt: berlin('2026-11-25', '10:00') }),
        note: 'erste Fassung',
      }),
    ]);
    const base = (await storedEntry(world().db, 'c1')).version;
    const before = await pullAs(app, tablet.authorization);
    await pushOk(tablet, [callUpdate(next(tablet), erika, 'c1', base, { note: 'vom Tablet' })]);
    await pushOk(phone, [callUpdate(next(phone), erika, 'c1', base, { note: 'vom Handy' })]);
    return { cookie: before.cookie };
  }

  const resolve = (id: string, body: unknown, cookie = world().petraCookie) =>
    staffRequest(world().app, cookie, 'POST', `/entries/${id}/resolve`, body);

  it('shows who changed which field when, on which device, and the lost value', async () => {
    const { app, petraCookie } = world();
    await conflicted();
    const history = await getHistory(app, petraCookie, 'c1');
    expect(history.entry).toMatchObject({
      id: 'c1',
      kind: 'call',
      authorName: 'Erika M.',
      deviceLabel: 'Tablet Laden',
      conflict: true,
      values: { note: 'vom Handy', partner: 'Frau K.' },
    });
    expect(
      history.changes.map((c) => [
        c.field,
        c.label,
        c.oldValue,
        c.newValue,
        c.deviceLabel,
        c.conflict,
      ]),
    ).toEqual([
      ['note', 'Notiz', 'erste Fassung', 'vom Tablet', 'Tablet Laden', false],
      ['note', 'Notiz', 'vom Tablet', 'vom Handy', 'Handy Erika', true],
    ]);
    expect(history.changes.every((c) => c.authorName === 'Erika M.')).toBe(true);
    expect(history.lost).toEqual([
      {
        field: 'note',
        label: 'Notiz',
        value: 'vom Tablet',
        current: 'vom Handy',
        recordedAt: history.changes[1]!.recordedAt,
        lostBy: 'Erika M.',
      },
    ]);
    // On the week, the conflict needs a person.
    const items = (await getWeek(app, petraCookie, '2026-W48')).attention;
    expect(items.map((i) => [i.subjectType, i.subjectId, i.notePreview])).toEqual([
      ['conflict', 'c1', null],
    ]);
  });

  it('brings the lost value back as a change every device pulls, and clears the flag', async () => {
    const { app, db, tablet, petra, petraCookie } = world();
    const { cookie } = await conflicted();
    // A follow-up in progress for the conflict; "erledigt" is not how a conflict is closed.
    const base = { expectedVersion: 0, ownerUserId: petra, dueDate: null, note: '' };
    const put = (body: unknown) =>
      staffRequest(app, petraCookie, 'PUT', '/follow-ups/conflict/c1', body);
    expect((await put({ ...base, status: 'done', note: 'passt' })).statusCode).toBe(400);
    expect((await put({ ...base, status: 'in_progress' })).statusCode).toBe(200);

    const { version } = await getHistory(app, petraCookie, 'c1').then((h) => h.entry);
    const stale = await resolve('c1', { expectedVersion: version - 1, restore: ['note'] });
    expect(stale.statusCode).toBe(409);
    expect(await storedEntry(db, 'c1')).toMatchObject({ note: 'vom Handy', conflict: 1, version });
    expect(
      (await resolve('c1', { expectedVersion: version, restore: ['partner'] })).statusCode,
    ).toBe(400);

    const resolved = await resolve('c1', { expectedVersion: version, restore: ['note'] });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const stored = await storedEntry(db, 'c1');
    expect(stored).toMatchObject({ note: 'vom Tablet', conflict: 0 });
    expect(stored.version).toBeGreaterThan(version);

    const history = await getHistory(app, petraCookie, 'c1');
    expect(history.entry).toMatchObject({ conflict: false, version: stored.version });
    expect(history.lost).toEqual([]);
    expect(history.changes.slice(2).map((c) => [c.field, c.newValue, c.authorName])).toEqual([
      ['note', 'vom Tablet', 'Petra L.'],
      ['conflict', false, 'Petra L.'],
    ]);

    // The tablet's next pull brings the restored note, no longer flagged.
    const pulled = await pullAs(app, tablet.authorization, { cookie });
    expect(pulled.changes.calls).toEqual([
      expect.objectContaining({
        id: 'c1',
        note: 'vom Tablet',
        conflict: false,
        version: stored.version,
      }),
    ]);
    // It leaves the list; its follow-up is done.
    expect((await getWeek(app, petraCookie, '2026-W48')).attention).toEqual([]);
    expect(await readFollowUp(db, QUARTER.id, 'conflict', 'c1')).toMatchObject({
      status: 'done',
      note: RESOLVED_NOTE,
      version: 2,
      owner_user_id: petra,
    });
    const lines = await listAudit(db, QUARTER.id);
    const resolutions = lines.filter((l) => l.action === 'entry.resolve_conflict');
    expect(resolutions.map((l) => [l.actor_name, l.subject_type, l.subject_id])).toEqual([
      ['Petra L.', 'entry', 'c1'],
    ]);
    expect(JSON.parse(resolutions[0]!.detail)).toEqual({ restored: ['note'] });
    // Nothing left to resolve.
    expect((await resolve('c1', { expectedVersion: stored.version, restore: [] })).statusCode).toBe(
      400,
    );
  });

  it('keeps the current values when nothing is restored, and a new conflict comes back', async () => {
    const { app, db, tablet, phone, next, pushOk, erika, petraCookie } = world();
    await conflicted();
    const { version } = (await getHistory(app, petraCookie, 'c1')).entry;
    expect((await resolve('c1', { expectedVersion: version, restore: [] })).statusCode).toBe(200);
    expect(await storedEntry(db, 'c1')).toMatchObject({ note: 'vom Handy', conflict: 0 });

    // Later the two devices clash again, over the duration: only that is lost now.
    const base = (await storedEntry(db, 'c1')).version;
    await pushOk(tablet, [callUpdate(next(tablet), erika, 'c1', base, { durationMinutes: 30 })]);
    await pushOk(phone, [callUpdate(next(phone), erika, 'c1', base, { durationMinutes: 45 })]);
    const history = await getHistory(app, petraCookie, 'c1');
    expect(history.lost.map((l) => [l.field, l.value, l.current])).toEqual([
      ['durationMinutes', 30, 45],
    ]);
    const items = (await getWeek(app, petraCookie, '2026-W48')).attention;
    expect(items.map((i) => [i.subjectType, i.subjectId])).toEqual([['conflict', 'c1']]);
  });

  it('answers staff of another quarter 404 for all of it, and changes nothing', async () => {
    const { app, db, ottoCookie } = world();
    await conflicted();
    const { version } = await storedEntry(db, 'c1');
    expect((await staffRequest(app, ottoCookie, 'GET', '/entries/c1/history')).statusCode).toBe(
      404,
    );
    expect(
      (await resolve('c1', { expectedVersion: version, restore: ['note'] }, ottoCookie)).statusCode,
    ).toBe(404);
    expect(
      (
        await staffRequest(app, ottoCookie, 'PUT', '/follow-ups/conflict/c1', {
          expectedVersion: 0,
          ownerUserId: null,
          dueDate: null,
          status: 'in_progress',
          note: '',
        })
      ).statusCode,
    ).toBe(404);
    expect(await storedEntry(db, 'c1')).toMatchObject({ conflict: 1, version });
    expect((await getWeek(app, ottoCookie, '2026-W48')).attention).toEqual([]);
    expect(
      (await staffRequest(app, world().petraCookie, 'GET', '/entries/nope/history')).statusCode,
    ).toBe(404);
  });

  it('refuses bad resolve requests at the edge', async () => {
    await conflicted();
    for (const body of [
      {},
      { expectedVersion: 1 },
      { expectedVersion: 'x', restore: [] },
      { expectedVersion: 1, restore: ['note', 'note'] },
      { expectedVersion: 1, restore: ['no-te'] },
    ]) {
      expect((await resolve('c1', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
  });
});
