// walk.track v1 through the real push, on SQLite and PostgreSQL: each chunk is stored once per
// (walk, chunk number) with the push's version, and a chunk the server refuses (too many
// points, a point off the globe, a chunk number out of range) is rejected as invalid_args
// while the other chunks of the batch apply (G7).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { readTrackChunks } from '../../server/repos/walk-track.repo';
import { pushResponseSchema, type Mutation } from '../../src/shared/push-protocol';
import type { TrackPoint } from '../../src/shared/walk-track';
import { QUARTER } from './support/fixtures';
import { pushAs, setUpPushDevice, storedLog } from './support/push-fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const CLIENT = 'client-walks';

function points(length: number, from = 0): TrackPoint[] {
  return Array.from({ length }, (_, i) => ({
    t: new Date(Date.UTC(2026, 10, 25, 9, 0, from + i)).toISOString(),
    lat: 52.5 + (from + i) / 100_000,
    lon: 13.4,
    accuracy: 5,
  }));
}

describeEachDialect('walk.track', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let db: Kysely<Database>;
  let authorization: string;
  let erika: string;

  beforeEach(async () => {
    db = fresh().db;
    app = (await buildTestApp(db)).app;
    const setup = await setUpPushDevice(app, db);
    authorization = setup.device.authorization;
    erika = setup.authorId;
  });

  const track = (seq: number, args: unknown): Mutation => ({
    seq,
    name: 'walk.track',
    v: 1,
    author: erika,
    args,
  });

  async function pushOk(mutations: Mutation[]) {
    const response = await pushAs(app, authorization, { clientId: CLIENT, mutations });
    expect(response.statusCode, response.body).toBe(200);
    return v.parse(pushResponseSchema, response.json());
  }

  const quarterVersion = async () =>
    (
      await db
        .selectFrom('quarters')
        .select('version')
        .where('id', '=', QUARTER.id)
        .executeTakeFirstOrThrow()
    ).version;

  it('stores each chunk with the push version; the route reads back in chunk order', async () => {
    const before = await quarterVersion();
    await pushOk([
      track(1, { walkId: 'w1', chunk: 1, points: points(3, 500) }),
      track(2, { walkId: 'w1', chunk: 0, points: points(500) }),
    ]);
    const version = await quarterVersion();
    expect(version).toBe(before + 1);
    const chunks = await readTrackChunks(db, QUARTER.id, 'w1');
    expect(chunks.map((c) => [c.chunk, c.pointCount])).toEqual([
      [0, 500],
      [1, 3],
    ]);
    expect(chunks.flatMap((c) => c.points)).toEqual(points(503));
    const rows = await db
      .selectFrom('walk_track_chunks')
      .select(['version', 'author_user_id'])
      .execute();
    expect(rows).toEqual([
      { version, author_user_id: erika },
      { version, author_user_id: erika },
    ]);
  });

  it('a chunk sent again keeps what was stored first, without an error', async () => {
    await pushOk([track(1, { walkId: 'w1', chunk: 0, points: points(2) })]);
    const first = await db.selectFrom('walk_track_chunks').selectAll().execute();
    const answer = await pushOk([track(2, { walkId: 'w1', chunk: 0, points: points(7, 100) })]);
    expect(answer).toMatchObject({ lastSeq: 2, rejected: [] });
    expect(await db.selectFrom('walk_track_chunks').selectAll().execute()).toEqual(first);
  });

  it('1,001 points, a bad latitude or a chunk number out of range: rejected, the rest applies', async () => {
    const badLatitude = points(10);
    badLatitude[4] = { ...badLatitude[4]!, lat: -90.5 };
    const answer = await pushOk([
      track(1, { walkId: 'w1', chunk: 0, points: points(1000) }),
      track(2, { walkId: 'w1', chunk: 1, points: points(1001, 1000) }),
      track(3, { walkId: 'w1', chunk: 2, points: badLatitude }),
      track(4, { walkId: 'w1', chunk: 3_000_000_000, points: points(1) }),
      track(5, { walkId: 'w1', chunk: 4, points: [] }),
      track(6, { walkId: 'w1', chunk: 5, points: points(1, 5000) }),
    ]);
    expect(answer.lastSeq).toBe(6);
    expect(answer.rejected.map((r) => [r.seq, r.code])).toEqual([
      [2, 'invalid_args'],
      [3, 'invalid_args'],
      [4, 'invalid_args'],
      [5, 'invalid_args'],
    ]);
    expect(answer.rejected[0]?.message).toContain('„Routenpunkte“');
    expect(answer.rejected[2]?.message).toContain('„Abschnittsnummer“');
    const chunks = await readTrackChunks(db, QUARTER.id, 'w1');
    expect(chunks.map((c) => [c.chunk, c.pointCount])).toEqual([
      [0, 1000],
      [5, 1],
    ]);
    expect((await storedLog(db, CLIENT)).map((row) => row.status)).toEqual([
      'applied',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'applied',
    ]);
  });
});
