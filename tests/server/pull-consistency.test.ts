// G4: a pull is one consistent snapshot, and writers of a quarter are serialised so that commit
// order equals version order.
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import { pullResponseSchema, type PullResponse } from '../../src/shared/protocol';
import { putTheme, upsertTheme } from '../../server/repos/catalogue.repo';
import { beginWrite } from '../../server/repos/quarter-version.repo';
import { softDelete, tombstoneRow } from '../../server/repos/tombstone.repo';
import { QUARTER, seedSmallQuarter } from './support/fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

describeEachDialect('pull consistency', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;

  beforeEach(async () => {
    await seedSmallQuarter(fresh().db);
    app = (await buildTestApp(fresh().db)).app;
  });

  async function pull(cookie?: string): Promise<PullResponse> {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/pull',
      query: cookie ? { cookie } : {},
    });
    expect(response.statusCode).toBe(200);
    return v.parse(pullResponseSchema, response.json());
  }

  it('does not see a write that has not committed yet', async () => {
    const before = await pull();
    // A writer on its own connection bumps the version and writes, but does not commit.
    const writer = fresh().openAnother();
    const trx = await writer.startTransaction().execute();
    const w = await beginWrite(trx, QUARTER.id, new Date());
    await putTheme(w, { id: 't-new', number: 2, name: 'Noch nicht sichtbar' });
    await tombstoneRow(w, 'activities', 'a1');

    const during = await pull(before.cookie);
    expect(during).toMatchObject({ head: 1, reset: false, cookie: before.cookie });
    expect(during.changes.themes).toEqual([]);
    expect(during.deleted.activities).toEqual([]);
    expect((await pull()).changes.activities).toHaveLength(1);

    await trx.commit().execute();
    const after = await pull(before.cookie);
    expect(after.head).toBe(2);
    expect(after.changes.themes.map((t) => t.id)).toEqual(['t-new']);
    expect(after.deleted.activities).toEqual(['a1']);
  });

  it('reads head and rows from one snapshot, even when a write commits in between', async () => {
    const before = await pull();
    const writer = fresh().openAnother();
    let committed = false;
    // Commit a write right after the pull has read the quarter's head, before it reads rows.
    const interrupting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        if (!committed && args.result.rows.some((row) => 'tombstone_horizon' in row)) {
          committed = true;
          await upsertTheme(writer, QUARTER.id, { id: 't-mid', number: 9, name: 'Dazwischen' });
        }
        return args.result;
      },
    };
    app = (await buildTestApp(fresh().db.withPlugin(interrupting))).app;

    const during = await pull(before.cookie);
    expect(committed).toBe(true);
    expect(during).toMatchObject({ head: 1, cookie: before.cookie });
    expect(during.changes.themes).toEqual([]);
    const after = await pull(during.cookie);
    expect(after.head).toBe(2);
    expect(after.changes.themes.map((t) => t.id)).toEqual(['t-mid']);
  });

  it('makes a second writer wait, so versions follow commit order', async () => {
    const { db } = fresh();
    const trx = await db.startTransaction().execute();
    const w = await beginWrite(trx, QUARTER.id, new Date());
    expect(w.version).toBe(2);

    let secondDone = false;
    const second = upsertTheme(db, QUARTER.id, { id: 't2', number: 2, name: 'Zweiter' }).then(
      (version) => ((secondDone = true), version),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(secondDone).toBe(false);

    await putTheme(w, { id: 't1b', number: 3, name: 'Erster' });
    await trx.commit().execute();
    expect(await second).toBe(3);
  });

  it('converges under concurrent writes, never listing a row above the head', async () => {
    const { db } = fresh();
    const writes = (async () => {
      for (let i = 0; i < 30; i += 1) {
        const id = `t${i % 7}`;
        if (i % 5 === 4) await softDelete(db, QUARTER.id, 'themes', id);
        else await upsertTheme(db, QUARTER.id, { id, number: i + 1, name: `Thema ${i}` });
      }
    })();
    const replica = new Map<string, number>();
    let cookie: string | undefined;
    let head = 0;
    const apply = (response: PullResponse) => {
      expect(response.head).toBeGreaterThanOrEqual(head);
      head = response.head;
      if (response.reset) replica.clear();
      for (const theme of response.changes.themes) {
        expect(theme.version).toBeLessThanOrEqual(response.head);
        replica.set(theme.id, theme.number);
      }
      for (const id of response.deleted.themes) replica.delete(id);
      cookie = response.cookie;
    };
    let done = false;
    void writes.then(() => (done = true));
    while (!done) apply(await pull(cookie));
    await writes;
    apply(await pull(cookie));

    const full = await pull();
    expect(head).toBe(full.head);
    expect(Object.fromEntries(replica)).toEqual(
      Object.fromEntries(full.changes.themes.map((t) => [t.id, t.number])),
    );
  });
});
