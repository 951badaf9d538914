// Deleting deletes (issue 11), on SQLite and PostgreSQL: a deleted entry keeps its id and the
// fact of its deletion for sync, never its content. A call whose note was edited (its old note
// in the history), flagged as a conflict and followed up by staff, and a walk with its route,
// are deleted from the tablet: afterwards no table of the database holds any of their words,
// points or follow-up notes — checked over every table the schema has, so a table added later
// that keeps a copy fails here — the tablet's next pull lists both as deleted, and the figures
// no longer count them. Migration 0010 empties tombstones written before it.
import { expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/db/migrate';
import { Migrator } from 'kysely';
import { QUARTER } from './support/fixtures';
import {
  callCreateV3,
  entryCreate,
  entryDelete,
  entryUpdate,
  partnerCallArgs,
  trackPoints,
  walkArgs,
  walkTrack,
} from './support/entry-mutations';
import { everyRow } from './support/every-row';
import { pullAs } from './support/pull-fixtures';
import { berlin, getWeek, staffRequest, useStaffWeekWorld } from './support/staff-week-world';
import { describeEachDialect } from './support/test-database';

const SECRETS: readonly string[] & { 0: string; 1: string; 2: string; 3: string; 4: string } = [
  'Geheime Notiz: braucht Hilfe beim Einkaufen',
  'Neue Notiz nach dem Rückruf',
  'Notiz vom Handy',
  'Tochter angerufen, sie kümmert sich',
  'Runde am Stadtgarten',
];

describeEachDialect('deleting deletes', (dialect) => {
  const world = useStaffWeekWorld(dialect);

  it('leaves the id and the fact, and no word, point or note of the entry anywhere', async () => {
    const { app, db, tablet, phone, next, pushOk, erika, petraCookie } = world();
    const at = (time: string) => berlin('2026-11-25', time);
    await pushOk(tablet, [
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs('c1', null, { occurredAt: at('09:00'), durationMinutes: 20 }),
        concern: true,
        note: SECRETS[0],
      }),
      entryCreate(
        'walk',
        next(tablet),
        erika,
        walkArgs('w1', { occurredAt: at('10:00'), title: SECRETS[4], participants: 6 }),
      ),
      walkTrack(next(tablet), erika, 'w1', 0, trackPoints(20)),
    ]);
    // Two devices change the note from the same version: the second is a conflict, and the
    // value it replaced stays in the history until the entry goes.
    await pushOk(tablet, [entryUpdate('call', next(tablet), erika, 'c1', 1, { note: SECRETS[1] })]);
    await pushOk(phone, [entryUpdate('call', next(phone), erika, 'c1', 1, { note: SECRETS[2] })]);
    const followUp = await staffRequest(app, petraCookie, 'PUT', '/follow-ups/concern/c1', {
      expectedVersion: 0,
      ownerUserId: null,
      dueDate: null,
      status: 'in_progress',
      note: SECRETS[3],
    });
    expect(followUp.statusCode, followUp.body).toBe(200);
    const seen = await pullAs(app, tablet.authorization);
    const before = await everyRow(db);
    for (const secret of SECRETS) expect(before).toContain(secret);
    expect(before).toContain(String(trackPoints(20)[7]?.lat));
    const week = await getWeek(app, petraCookie, '2026-W48');
    expect(week.figures.total).toMatchObject({ callsReached: 1, walks: 1, participants: 6 });

    await pushOk(tablet, [
      entryDelete('call', next(tablet), erika, 'c1'),
      entryDelete('walk', next(tablet), erika, 'w1'),
    ]);

    const after = await everyRow(db);
    for (const secret of SECRETS) expect(after).not.toContain(secret);
    expect(after).not.toContain(String(trackPoints(20)[7]?.lat));
    const rows = await db
      .selectFrom('entries')
      .select(['id', 'kind', 'author_user_id', 'deleted', 'fields', 'concern', 'conflict'])
      .select(['fig_activity_id', 'fig_seconds', 'fig_participants', 'fig_week'])
      .where('quarter_id', '=', QUARTER.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual(
      ['c1', 'w1'].map((id) => ({
        id,
        kind: id === 'c1' ? 'call' : 'walk',
        author_user_id: erika,
        deleted: 1,
        fields: '{}',
        concern: 0,
        conflict: 0,
        fig_activity_id: null,
        fig_seconds: 0,
        fig_participants: 0,
        fig_week: null,
      })),
    );
    // The tablet learns both deletions from its next pull; the figures no longer count them.
    const pulled = await pullAs(app, tablet.authorization, { cookie: seen.cookie });
    expect(pulled.deleted.calls).toContain('c1');
    expect(pulled.deleted.walks).toContain('w1');
    const later = await getWeek(app, petraCookie, '2026-W48');
    expect(later.figures.total).toMatchObject({ callsReached: 0, walks: 0, participants: 0 });
    expect(later.attention.map((item) => item.subjectId)).not.toContain('c1');

    // A late update or route chunk of a deleted entry stays without effect (delete wins).
    await pushOk(tablet, [
      entryUpdate('call', next(tablet), erika, 'c1', null, { note: SECRETS[0] }),
      walkTrack(next(tablet), erika, 'w1', 1, trackPoints(5, 20)),
    ]);
    expect(await everyRow(db)).not.toContain(SECRETS[0]);
  });
});

describeEachDialect('migration 0010', (dialect) => {
  const world = useStaffWeekWorld(dialect);

  it('empties the tombstones written before it, and leaves live entries alone', async () => {
    const { app, db, tablet, next, pushOk, erika, petraCookie } = world();
    const call = (id: string) =>
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs(id, null, { occurredAt: berlin('2026-11-25', '09:00') }),
        concern: true,
        note: `${SECRETS[0]} (${id})`,
      });
    await pushOk(tablet, [
      call('c-dead'),
      call('c-live'),
      entryCreate('walk', next(tablet), erika, walkArgs('w-dead', { title: SECRETS[4] })),
      walkTrack(next(tablet), erika, 'w-dead', 0, trackPoints(5)),
    ]);
    await pushOk(tablet, [
      entryUpdate('call', next(tablet), erika, 'c-dead', 1, { note: SECRETS[1] }),
      entryUpdate('call', next(tablet), erika, 'c-live', 1, { note: SECRETS[1] }),
    ]);
    for (const id of ['c-dead', 'c-live']) {
      const response = await staffRequest(app, petraCookie, 'PUT', `/follow-ups/concern/${id}`, {
        expectedVersion: 0,
        ownerUserId: null,
        dueDate: null,
        status: 'in_progress',
        note: SECRETS[3],
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    // Deleted the way the server did before 0010: the flag only, the content kept.
    await db
      .updateTable('entries')
      .set({ deleted: 1 })
      .where('id', 'in', ['c-dead', 'w-dead'])
      .execute();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    await migrator.migrateTo('0009-staff');
    expect((await migrator.migrateTo('0010-deleting-deletes')).error).toBeUndefined();

    const rows = await db
      .selectFrom('entries')
      .select(['id', 'fields', 'concern', 'fig_week'])
      .orderBy('id')
      .execute();
    expect(rows.map((row) => [row.id, row.fields === '{}', row.concern, row.fig_week])).toEqual([
      ['c-dead', true, 0, null],
      ['c-live', false, 1, '2026-W48'],
      ['w-dead', true, 0, null],
    ]);
    const ids = async (
      table: 'entry_history' | 'walk_track_chunks' | 'follow_ups',
      column: string,
    ) => [
      ...new Set(
        (
          await db
            .selectFrom(table)
            .select(column as 'quarter_id')
            .execute()
        ).map((row) => Object.values(row)[0]),
      ),
    ];
    expect(await ids('entry_history', 'entry_id')).toEqual(['c-live']);
    expect(await ids('walk_track_chunks', 'walk_id')).toEqual([]);
    expect(await ids('follow_ups', 'subject_id')).toEqual(['c-live']);
  });
});
