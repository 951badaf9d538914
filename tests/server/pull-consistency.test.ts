// G4: a pull is one consistent snapshot — head, rows, the view's calls and the client's
// lastSeq with its rejections — and writers of a quarter are serialised so that commit order
// equals version order.
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/shared/protocol';
import { putTheme, upsertTheme } from '../../server/repos/catalogue.repo';
import { beginWrite } from '../../server/repos/quarter-version.repo';
import { softDelete, tombstoneRow } from '../../server/repos/tombstone.repo';
import { QUARTER, seedSmallQuarter } from './support/fixtures';
import { enrolDevice, type EnrolledTestDevice } from './support/identity-fixtures';
import { pullAs } from './support/pull-fixtures';
import { callCreate } from './support/entry-mutations';
import { createPerson, pushAs, signInOn } from './support/push-fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';
import { waitForLockWait } from '../support/wait-until';

describeEachDialect('pull consistency', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let device: EnrolledTestDevice;

  beforeEach(async () => {
    await seedSmallQuarter(fresh().db);
    app = (await buildTestApp(fresh().db)).app;
    device = await enrolDevice(app, fresh().db);
  });

  const pull = (cookie?: string): Promise<PullResponse> =>
    pullAs(app, device.authorization, cookie ? { cookie } : {});

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
    // PostgreSQL: the second writer queues for the quarter's lock. SQLite: for the one
    // connection, which the open transaction holds. Either way it cannot finish before the
    // commit, and the version it gets (3, after the first's 2) shows it went second.
    if (dialect === 'postgres') await waitForLockWait(db);
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
        // Numbers are unique per quarter (the seed's theme has 1): each write a new one.
        else await upsertTheme(db, QUARTER.id, { id, number: i + 10, name: `Thema ${i}` });
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
    // Ends on failure too: `await writes` below then reports it (an endless pull loop would
    // only run out of memory).
    const finish = () => (done = true);
    void writes.then(finish, finish);
    while (!done) apply(await pull(cookie));
    await writes;
    apply(await pull(cookie));

    const full = await pull();
    expect(head).toBe(full.head);
    expect(Object.fromEntries(replica)).toEqual(
      Object.fromEntries(full.changes.themes.map((t) => [t.id, t.number])),
    );
  });

  describe('with pushes of the device', () => {
    let erika: string;
    /** An app on its own database connection, like another server instance. */
    let elsewhere: FastifyInstance;

    beforeEach(async () => {
      erika = await createPerson(fresh().db, 'Erika M.');
      await signInOn(app, device.authorization, 'Erika M.');
      elsewhere = (await buildTestApp(fresh().openAnother())).app;
    });

    async function pushElsewhere(mutations: unknown[]) {
      const response = await pushAs(elsewhere, device.authorization, { clientId: 'c1', mutations });
      expect(response.statusCode, response.body).toBe(200);
    }

    const bad = (seq: number) => callCreate(seq, erika, { id: `bad-${seq}` });

    it('reads calls and the client position from the same snapshot as the head', async () => {
      await pushElsewhere([callCreate(1, erika)]);
      const before = await pullAs(app, device.authorization, { client: 'c1' });
      expect(before.client).toEqual({ lastSeq: 1, rejected: [] });
      let committed = false;
      // A push (a call and a rejection) commits right after the pull has read the head.
      const interrupting: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          if (!committed && args.result.rows.some((row) => 'tombstone_horizon' in row)) {
            committed = true;
            await pushElsewhere([callCreate(2, erika), bad(3)]);
          }
          return args.result;
        },
      };
      app = (await buildTestApp(fresh().db.withPlugin(interrupting))).app;
      const query = { cookie: before.cookie, client: 'c1' };

      const during = await pullAs(app, device.authorization, query);
      expect(committed).toBe(true);
      expect(during).toMatchObject({ head: before.head, cookie: before.cookie });
      expect(during.changes.calls).toEqual([]);
      expect(during.client).toEqual({ lastSeq: 1, rejected: [] });

      const after = await pullAs(app, device.authorization, query);
      expect(after.head).toBe(before.head + 1);
      expect(after.changes.calls.map((call) => call.id)).toEqual(['call-2']);
      expect(after.client).toEqual({
        lastSeq: 3,
        rejected: [expect.objectContaining({ seq: 3, code: 'invalid_args' })],
      });
    });

    it('never shows a lastSeq without its calls, or calls without their lastSeq', async () => {
      const pushes = (async () => {
        for (let seq = 1; seq <= 24; seq += 1) {
          await pushElsewhere([seq % 6 === 0 ? bad(seq) : callCreate(seq, erika)]);
        }
      })();
      let finished = false;
      void pushes.then(
        () => (finished = true),
        () => (finished = true), // the failure surfaces at `await pushes` below
      );
      const replica = new Set<string>();
      const seen = new Set<number>();
      let cookie: string | undefined;
      const check = (response: PullResponse) => {
        if (response.reset) replica.clear();
        for (const call of response.changes.calls) replica.add(call.id);
        cookie = response.cookie;
        const lastSeq = response.client?.lastSeq ?? 0;
        seen.add(lastSeq);
        // Exactly the calls of the seqs up to lastSeq, and exactly their rejections.
        const done = Array.from({ length: lastSeq }, (_, i) => i + 1);
        const created = done.filter((seq) => seq % 6 !== 0).map((seq) => `call-${seq}`);
        expect([...replica].sort()).toEqual(created.sort());
        const rejected = response.client?.rejected.map((r) => r.seq) ?? [];
        expect(rejected).toEqual(done.filter((seq) => seq % 6 === 0));
      };
      const pull = () => pullAs(app, device.authorization, { client: 'c1', cookie: cookie ?? '' });
      while (!finished) {
        check(await pull());
        // On SQLite every step of a pull settles at once: let the pushes' I/O callbacks run too.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await pushes;
      const last = await pull();
      check(last);
      expect(last.client?.lastSeq).toBe(24);
      // The pulls really ran between the pushes, not only before or after them.
      expect(seen.size).toBeGreaterThan(2);
    });
  });
});
