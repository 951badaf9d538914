// The real client push (src/sync/push.ts over src/db/outbox.ts on fake-indexeddb) against the
// real server app on a local port, on SQLite and PostgreSQL: entries made offline arrive
// exactly once, also when answers get lost or batches are too large. People sign in on the
// device through the real endpoint; their session tokens are stored as the app stores them.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { saveEntry, updateEntry } from '../../src/db/entries';
import { readAttention } from '../../src/db/entry-queries';
import { saveSession } from '../../src/db/device-identity';
import { pendingSummary } from '../../src/db/outbox';
import { pushOutbox } from '../../src/sync/push';
import type { FetchLike } from '../../src/sync/transport';
import { enrolDevice } from '../server/support/identity-fixtures';
import { createPerson, signInOn } from '../server/support/push-fixtures';
import { buildTestApp } from '../server/support/test-app';
import { describeEachDialect, useFreshDatabase } from '../server/support/test-database';
import { callValues } from '../support/entry-builders';
import { serverCalls as liveCalls } from './sync-world';

let n = 0;
const call = (partner: string) => callValues(partner);

describeEachDialect('client push against the server', (dialect) => {
  const database = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let baseUrl: string;
  let device: QuartiersbuchDb;
  let authorization: string;
  let erika: string;
  let hans: string;

  const serverCalls = () => liveCalls(database().db);
  const push = (fetchImpl: FetchLike = fetch) =>
    pushOutbox({ db: device, fetch: fetchImpl, authorization, baseUrl });

  beforeEach(async () => {
    ({ app } = await buildTestApp(database().db));
    authorization = (await enrolDevice(app, database().db)).authorization;
    device = new QuartiersbuchDb(`push-${dialect}-${++n}`);
    const person = async (name: string) => {
      const userId = await createPerson(database().db, name);
      const session = await signInOn(app, authorization, name);
      await saveSession(device, { userId, name, role: 'volunteer', session }, 0);
      return userId;
    };
    [erika, hans] = [await person('Erika'), await person('Hans')];
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await app.close();
    await device.delete();
  });

  it('30 calls made offline by two people on a shared tablet arrive once, with their authors', async () => {
    for (let i = 0; i < 30; i++) {
      await saveEntry(device, 'call', call(`P${String(i).padStart(2, '0')}`), {
        author: i % 2 ? hans : erika,
        now: i,
      });
    }
    expect((await pendingSummary(device)).count).toBe(30);
    expect(await push()).toMatchObject({ sent: 30 });
    const rows = await serverCalls();
    expect(rows).toHaveLength(30);
    expect(rows.filter((row) => row.author_user_id === hans)).toHaveLength(15);
    expect(await pendingSummary(device)).toEqual({ count: 0, oldestCreatedAt: null });
    expect(await device.entries.where('state').equals('delivered').count()).toBe(30);
  });

  it('an answer lost after the server committed: the retry does not duplicate', async () => {
    for (let i = 0; i < 5; i++)
      await saveEntry(device, 'call', call(`P${i}`), { author: erika, now: i });
    const dropAnswer: FetchLike = async (input, init) => {
      await fetch(input, init); // the server commits…
      throw new TypeError('Failed to fetch'); // …but the device never hears back
    };
    await expect(push(dropAnswer)).rejects.toMatchObject({ kind: 'network' });
    expect((await pendingSummary(device)).count).toBe(5);
    await push();
    expect(await serverCalls()).toHaveLength(5);
    expect((await pendingSummary(device)).count).toBe(0);
  });

  it('413 makes the device halve its batch until it fits', async () => {
    for (let i = 0; i < 20; i++)
      await saveEntry(device, 'call', call(`P${i}`), { author: erika, now: i });
    const sizes: number[] = [];
    const smallBodiesOnly: FetchLike = async (input, init) => {
      const size = (JSON.parse(String(init?.body)) as { mutations: unknown[] }).mutations.length;
      sizes.push(size);
      if (size > 6)
        return Response.json({ error: 'too_large', message: 'zu groß' }, { status: 413 });
      return fetch(input, init);
    };
    await push(smallBodiesOnly);
    expect(sizes.slice(0, 3)).toEqual([20, 10, 5]);
    expect(await serverCalls()).toHaveLength(20);
  });

  it('408 (a body too slow for the time limit of the server) halves the batch too', async () => {
    for (let i = 0; i < 8; i++)
      await saveEntry(device, 'call', call(`S${i}`), { author: erika, now: i });
    const sizes: number[] = [];
    const slowLink: FetchLike = async (input, init) => {
      const size = (JSON.parse(String(init?.body)) as { mutations: unknown[] }).mutations.length;
      sizes.push(size);
      if (size > 2) {
        return Response.json({ error: 'request_timeout', message: 'zu langsam' }, { status: 408 });
      }
      return fetch(input, init);
    };
    await push(slowLink);
    expect(sizes.slice(0, 3)).toEqual([8, 4, 2]);
    expect(await serverCalls()).toHaveLength(8);
  });

  it('a call the server refuses for good is marked for attention and the queue moves on', async () => {
    const first = await saveEntry(device, 'call', call('Gut 1'), { author: erika, now: 1 });
    // A volunteer may not change someone else's call: refused for good (forbidden).
    await updateEntry(device, 'call', first.id, { note: 'von Hans' }, { author: hans, now: 2 });
    await saveEntry(device, 'call', call('Gut 2'), { author: erika, now: 3 });
    await push();
    expect((await serverCalls()).map((row) => row.partner)).toEqual(['Gut 1', 'Gut 2']);
    const refused = (await readAttention(device)).entries;
    expect(refused.map((c) => [c.kind === 'call' && c.partner, c.rejection?.code])).toEqual([
      ['Gut 1', 'forbidden'],
    ]);
    expect(refused[0]?.rejection?.message).toMatch(/\w/);
    expect((await pendingSummary(device)).count).toBe(0);
  });
});
