// The repository writers: one version per transaction, validation, references, optimistic
// concurrency (G6), tombstones and their purge (G8).
import { expect, it } from 'vitest';
import { InvalidInputError, UnknownQuarterError, VersionConflictError } from '../../server/errors';
import {
  putTheme,
  upsertActivity,
  upsertInstitution,
  upsertTheme,
} from '../../server/repos/catalogue.repo';
import { upsertOpeningException, upsertStorefront } from '../../server/repos/opening-hours.repo';
import { createQuarter, findQuarter } from '../../server/repos/quarter.repo';
import { writeInQuarter } from '../../server/repos/quarter-version.repo';
import { purgeTombstones, softDelete } from '../../server/repos/tombstone.repo';
import {
  ACTIVITY,
  EXCEPTION,
  QUARTER,
  STOREFRONT,
  THEME,
  seedSmallQuarter,
} from './support/fixtures';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

describeEachDialect('writers', (dialect) => {
  const fresh = useFreshDatabase(dialect);

  async function row(table: 'themes' | 'activities' | 'opening_exceptions', id: string) {
    return fresh()
      .db.selectFrom(table as 'themes')
      .select(['version', 'deleted'])
      .where('quarter_id', '=', QUARTER.id)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  it('gives every row of one transaction the same new version', async () => {
    const { db } = fresh();
    await createQuarter(db, QUARTER);
    const version = await writeInQuarter(db, QUARTER.id, async (w) => {
      await putTheme(w, THEME);
      await putTheme(w, { id: 't2', number: 2, name: 'Zwei' });
      return w.version;
    });
    expect(version).toBe(1);
    expect(await row('themes', 't1')).toEqual({ version: 1, deleted: 0 });
    expect(await row('themes', 't2')).toEqual({ version: 1, deleted: 0 });
    expect(await upsertTheme(db, QUARTER.id, THEME)).toBe(2);
    expect((await findQuarter(db, QUARTER.id))?.version).toBe(2);
  });

  it('rolls the version back with a failed write', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db);
    await expect(
      upsertActivity(db, QUARTER.id, { ...ACTIVITY, themeId: 'gibt-es-nicht' }),
    ).rejects.toThrow(InvalidInputError);
    expect((await findQuarter(db, QUARTER.id))?.version).toBe(1);
  });

  it('refuses invalid rows with a German message', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db);
    await expect(upsertTheme(db, QUARTER.id, { ...THEME, number: 0 })).rejects.toThrow(
      /Themenfeld: das Feld „number“ ist ungültig/,
    );
    await expect(
      upsertActivity(db, QUARTER.id, { ...ACTIVITY, actorIds: ['i1', 'unbekannt'] }),
    ).rejects.toThrow(/Einrichtung „unbekannt“ gibt es in diesem Quartier nicht/);
    await expect(
      upsertStorefront(db, QUARTER.id, {
        ...STOREFRONT,
        weekly: [{ weekday: 2, opens: '16:00', closes: '10:00' }],
      }),
    ).rejects.toThrow(/16:00–10:00/);
    await expect(
      upsertOpeningException(db, QUARTER.id, { ...EXCEPTION, id: 'e2' }),
    ).rejects.toThrow(/schon eine Ausnahme/);
    await expect(
      upsertOpeningException(db, QUARTER.id, {
        ...EXCEPTION,
        intervals: [{ opens: '10:00', closes: '12:00' }],
      }),
    ).rejects.toThrow(/geschlossener Tag/);
    await expect(
      upsertOpeningException(db, QUARTER.id, { ...EXCEPTION, id: 'e3', storefrontId: 'x' }),
    ).rejects.toThrow(/Anlaufstelle „x“/);
  });

  it('refuses writes to an unknown quarter', async () => {
    await expect(upsertInstitution(fresh().db, 'nirgends', { id: 'i', name: 'X' })).rejects.toThrow(
      UnknownQuarterError,
    );
  });

  it('keeps quarters apart even with equal ids', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db);
    await seedSmallQuarter(db, { id: 'q-other', name: 'Anderes' });
    await upsertTheme(db, 'q-other', { ...THEME, name: 'Geändert' });
    const names = await db
      .selectFrom('themes')
      .select(['quarter_id', 'name'])
      .orderBy('quarter_id')
      .execute();
    expect(names).toEqual([
      { quarter_id: 'q-other', name: 'Geändert' },
      { quarter_id: QUARTER.id, name: THEME.name },
    ]);
  });

  it('detects a stale edit with expectedVersion', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db);
    expect(await upsertTheme(db, QUARTER.id, THEME, { expectedVersion: 1 })).toBe(2);
    const stale = upsertTheme(db, QUARTER.id, { ...THEME, name: 'alt' }, { expectedVersion: 1 });
    await expect(stale).rejects.toThrow(VersionConflictError);
    await expect(stale).rejects.toMatchObject({ currentVersion: 2 });
    // 0 means "must be new".
    await expect(upsertTheme(db, QUARTER.id, THEME, { expectedVersion: 0 })).rejects.toThrow(
      VersionConflictError,
    );
    const other = { ...THEME, id: 'neu', number: 2 };
    expect(await upsertTheme(db, QUARTER.id, other, { expectedVersion: 0 })).toBe(3);
  });

  it('tombstones a storefront together with its exceptions', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db);
    expect(await softDelete(db, QUARTER.id, 'storefronts', 's1')).toBe(2);
    expect(await row('opening_exceptions', 'e1')).toEqual({ version: 2, deleted: 1 });
    // Deleting again changes nothing.
    expect(await softDelete(db, QUARTER.id, 'storefronts', 's1')).toBe(0);
    expect(await row('opening_exceptions', 'e1')).toEqual({ version: 2, deleted: 1 });
  });

  it('revives a tombstoned row on upsert', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db);
    await softDelete(db, QUARTER.id, 'themes', 't1');
    await upsertTheme(db, QUARTER.id, THEME);
    expect(await row('themes', 't1')).toEqual({ version: 3, deleted: 0 });
  });

  it('purges tombstones up to a version and raises the horizon, capped at the head', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db);
    await softDelete(db, QUARTER.id, 'openingExceptions', 'e1'); // version 2
    await softDelete(db, QUARTER.id, 'activities', 'a1'); // version 3

    expect(await purgeTombstones(db, QUARTER.id, 2)).toBe(1);
    expect(await row('opening_exceptions', 'e1')).toBeUndefined();
    expect(await row('activities', 'a1')).toEqual({ version: 3, deleted: 1 });
    expect((await findQuarter(db, QUARTER.id))?.tombstone_horizon).toBe(2);

    // Never lowers the horizon, never raises it past the head, never removes live rows.
    expect(await purgeTombstones(db, QUARTER.id, 1)).toBe(0);
    expect((await findQuarter(db, QUARTER.id))?.tombstone_horizon).toBe(2);
    expect(await purgeTombstones(db, QUARTER.id, 1000)).toBe(1);
    expect(await findQuarter(db, QUARTER.id)).toMatchObject({ version: 3, tombstone_horizon: 3 });
    expect(await row('themes', 't1')).toEqual({ version: 1, deleted: 0 });
    expect(await purgeTombstones(db, 'nirgends', 5)).toBe(0);
  });
});
