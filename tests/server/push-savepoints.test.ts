// Push's fast path and its fallback (G2, G7), on SQLite and PostgreSQL: the mutations of a push
// first run without a savepoint, plain new entries collected and written together; a rejection
// anywhere, or a collected entry's id found taken, rolls that transaction back and the push
// runs again in a new one with a savepoint per mutation. Whatever is rejected in the middle of
// a full batch, exactly its writes are missing, nothing is written twice, a mutation after a
// collected create finds its entry, and a transient error after a rejection still leaves
// nothing behind.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { readEntryHistory } from '../../server/repos/entry-history.repo';
import { findQuarter } from '../../server/repos/quarter.repo';
import { MutationRejection } from '../../server/sync/mutation-rejection';
import { applyMutation, type ApplyMutation } from '../../server/sync/mutation.registry';
import { PUSH_MAX_MUTATIONS, type Mutation } from '../../src/shared/push-protocol';
import { QUARTER } from './support/fixtures';
import {
  adviceCreate,
  callArgs,
  callCreate,
  callUpdate,
  entryCreate,
  observationArgs,
  partnerArgs,
  walkArgs,
} from './support/entry-mutations';
import {
  createPerson,
  pushAs,
  setUpPushDevice,
  storedLastSeq,
  storedLog,
  type PushSetup,
  signInOn,
} from './support/push-fixtures';
import { storedEntry, storedEntryIds } from './support/stored-entries';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const CLIENT = 'client-a';

describeEachDialect('push savepoints', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let db: Kysely<Database>;
  /** Replaced by a test to inject a fault; the real applyMutation otherwise. */
  let apply: ApplyMutation;
  let app: FastifyInstance;
  let setup: PushSetup;

  beforeEach(async () => {
    db = fresh().db;
    apply = applyMutation;
    ({ app } = await buildTestApp(db, {}, {}, { applyMutation: (...args) => apply(...args) }));
    setup = await setUpPushDevice(app, db);
  });

  const push = (mutations: Mutation[]) =>
    pushAs(app, setup.device.authorization, { clientId: CLIENT, mutations });
  const note = async (id: string) => (await storedEntry(db, id)).note;

  it('leaves none of the writes of a mutation rejected mid-batch, and every other write once', async () => {
    expect((await push([callCreate(1, setup.authorId, callArgs('before'))])).statusCode).toBe(200);
    const version = (await findQuarter(db, QUARTER.id))?.version ?? 0;
    // A full batch: creates, an update of a call created earlier in it, one update that is
    // rejected only after it wrote (as a later mutation kind may be), one create with bad args.
    const late = 60;
    const bad = 90;
    const mutations = Array.from({ length: PUSH_MAX_MUTATIONS }, (_, i): Mutation => {
      const seq = i + 2;
      if (seq === late) return callUpdate(seq, setup.authorId, 'before', version, { note: 'weg' });
      if (seq === late + 1) return callUpdate(seq, setup.authorId, 'call-2', null, { note: 'neu' });
      if (seq === bad)
        return callCreate(seq, setup.authorId, callArgs('call-bad', { partner: '' }));
      return callCreate(seq, setup.authorId);
    });
    apply = async (w, mutation, source) => {
      await applyMutation(w, mutation, source);
      if (mutation.seq === late) throw new MutationRejection('invalid_args', 'Zu spät erkannt.');
    };

    const response = await push(mutations);

    expect(response.statusCode, response.body).toBe(200);
    const lastSeq = PUSH_MAX_MUTATIONS + 1;
    expect(response.json()).toMatchObject({
      lastSeq,
      rejected: [
        { seq: late, code: 'invalid_args', message: 'Zu spät erkannt.' },
        { seq: bad, code: 'invalid_args' },
      ],
    });
    // The rejected update's field change and its history row are gone; the other update's
    // change and history row are there once, although the batch ran twice.
    expect(await note('before')).toBe(callArgs('x').note);
    expect(await readEntryHistory(db, QUARTER.id, 'before')).toEqual([]);
    expect(await note('call-2')).toBe('neu');
    expect(await readEntryHistory(db, QUARTER.id, 'call-2')).toEqual([
      expect.objectContaining({ field: 'note', newValue: 'neu', version: version + 1 }),
    ]);
    const created = mutations
      .filter((mutation) => mutation.name === 'call.create' && mutation.seq !== bad)
      .map((mutation) => `call-${mutation.seq}`);
    expect(await storedEntryIds(db)).toEqual(['before', ...created].sort());
    const versions = await db.selectFrom('entries').select('version').distinct().execute();
    expect(versions.map((row) => row.version).sort()).toEqual([version, version + 1]);
    const log = await storedLog(db, CLIENT);
    expect(log).toHaveLength(lastSeq);
    expect(log.filter((row) => row.status === 'rejected').map((row) => row.seq)).toEqual([
      late,
      bad,
    ]);
    expect(await storedLastSeq(db, CLIENT)).toBe(lastSeq);
  });

  it('collects plain creates, and a later mutation still finds their entries', async () => {
    const seen = new Map<number, boolean>();
    apply = async (w, mutation, source) => {
      await applyMutation(w, mutation, source);
      const id = (mutation.args as { id: string }).id;
      const row = await w.tx.selectFrom('entries').select('id').where('id', '=', id).execute();
      seen.set(mutation.seq, row.length > 0);
    };
    const author = setup.authorId;
    const response = await push([
      callCreate(1, author),
      entryCreate('walk', 2, author, walkArgs('walk-2')),
      // Links to the walk collected just before it: the link check must find it.
      entryCreate('observation', 3, author, observationArgs('obs-3', 'walk-2')),
      callUpdate(4, author, 'call-1', null, { note: 'geändert' }),
      callCreate(5, author),
    ]);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ lastSeq: 5, rejected: [] });
    // Collected, not written in their turn; written before the observation's and the update's.
    expect(Object.fromEntries(seen)).toEqual({ 1: false, 2: false, 3: true, 4: true, 5: false });
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-5', 'obs-3', 'walk-2']);
    expect(await note('call-1')).toBe('geändert');
    expect((await storedEntry(db, 'obs-3')).walkId).toBe('walk-2');
    expect(await storedLog(db, CLIENT)).toHaveLength(5);
  });

  it('sorts out collected creates whose id is taken, and refuses what the author may not create', async () => {
    const author = setup.authorId;
    const first = await push([callCreate(1, author), adviceCreate(2, author)]);
    expect(first.json()).toMatchObject({ lastSeq: 2, rejected: [] });
    const original = await note('call-1');

    const response = await push([
      callCreate(3, author),
      // Sent again under a new seq, with other values: no second effect.
      callCreate(4, author, callArgs('call-1', { note: 'zweimal' })),
      // The id of an advice session: never a call.
      callCreate(5, author, callArgs('advice-2')),
      // Twice in one push.
      callCreate(6, author, callArgs('call-3', { note: 'noch einmal' })),
      callCreate(7, author),
    ]);
    // Alone among plain creates, so that nothing else sends this push to the one-by-one run.
    const partner = await push([
      callCreate(8, author),
      // A volunteer may not create a call partner, however plain the create.
      entryCreate('partner', 9, author, partnerArgs('partner-9', [author])),
      callCreate(10, author),
    ]);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      lastSeq: 7,
      rejected: [{ seq: 5, code: 'id_in_use' }],
    });
    expect(partner.json()).toMatchObject({
      lastSeq: 10,
      rejected: [{ seq: 9, code: 'forbidden' }],
    });
    expect(await storedEntryIds(db)).toEqual([
      'advice-2',
      'call-1',
      'call-10',
      'call-3',
      'call-7',
      'call-8',
    ]);
    expect(await note('call-1')).toBe(original);
    expect(await note('call-3')).toBe(callArgs('x').note);
    expect((await storedEntry(db, 'advice-2')).kind).toBe('advice');
    expect(await storedLog(db, CLIENT)).toHaveLength(10);
  });

  it('rolls everything back on a transient error after a rejection (503)', async () => {
    expect((await push([callCreate(1, setup.authorId)])).statusCode).toBe(200);
    const version = (await findQuarter(db, QUARTER.id))?.version;
    apply = async (w, mutation, source) => {
      if (mutation.seq === 5) throw Object.assign(new Error('gone'), { code: 'ECONNRESET' });
      return applyMutation(w, mutation, source);
    };
    const bad = callCreate(3, setup.authorId, callArgs('call-3', { durationMinutes: -1 }));
    const seqs = [2, 4, 5, 6].map((seq) => callCreate(seq, setup.authorId));
    const response = await push([...seqs.slice(0, 1), bad, ...seqs.slice(1)]);

    expect(response.statusCode).toBe(503);
    expect(await storedEntryIds(db)).toEqual(['call-1']);
    expect(await storedLog(db, CLIENT)).toHaveLength(1);
    expect(await storedLastSeq(db, CLIENT)).toBe(1);
    expect((await findQuarter(db, QUARTER.id))?.version).toBe(version);
  });

  it('checks the author of every mutation, though each person is looked up once', async () => {
    const hans = await createPerson(db, 'Hans K.');
    await signInOn(app, setup.device.authorization, 'Hans K.');
    // Disabled after signing in: his session still says who wrote it, but he may not write.
    await db
      .updateTable('users')
      .set({ disabled_at: '2030-01-01T00:00:00.000Z' })
      .where('id', '=', hans)
      .execute();
    const authors = [setup.authorId, hans, setup.authorId, hans, setup.authorId];
    const response = await push(authors.map((author, i) => callCreate(i + 1, author)));

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      lastSeq: 5,
      rejected: [
        { seq: 2, code: 'unknown_author' },
        { seq: 4, code: 'unknown_author' },
      ],
    });
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-3', 'call-5']);
  });
});
