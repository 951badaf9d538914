// A two-hour walk's route through the server (issue 9): one fix per second for two hours is
// 7,200 points, which the device sends as `walk.create`, 15 `walk.track` v2 chunks of 500 points
// and the `walk.update` that ends it, pushed as the device pushes its outbox (the whole route is
// more than one request may carry: a 413 halves the batch). Value: the time of that push
// through the real app on a local port (HTTP, auth, validation, the push transactions). Baseline, same run, same database: the same 15 chunk rows written by a bare
// loop of INSERTs into `walk_track_chunks` in one transaction. Median of ROUNDS walks each.
import { randomUUID } from 'node:crypto';
import { chunkTrack } from '../src/domain/track-chunks';
import type { TrackPointV2 } from '../src/shared/walk-track';
import { median } from './bench-support';
import type { PushServer } from './push-server';
import { rawInserter } from './push-throughput';

export const LONG_WALK_POINTS = 7_200;
const ROUNDS = 5;
const CLIENT_ID = 'bench-long-walk';
const START = Date.UTC(2026, 4, 12, 8, 0, 0);

export interface LongWalkPushResult {
  points: number;
  chunks: number;
  bodyBytes: number;
  /** HTTP requests one walk's push took (a 413 halves the batch, as on the device). */
  requests: number;
  pushMs: number[];
  rawMs: number[];
  pushMedian: number;
  rawMedian: number;
}

/** A walk of 7,200 fixes, 1 s apart, about 1.2 m apart, wandering gently north-east. */
function longRoute(): TrackPointV2[] {
  return Array.from({ length: LONG_WALK_POINTS }, (_, i) => ({
    t: new Date(START + i * 1000).toISOString(),
    lat: 51.3397 + i * 0.0000075 + Math.sin(i / 300) * 0.0004,
    lon: 12.3731 + i * 0.000009 + Math.cos(i / 250) * 0.0004,
    accuracy: 5 + (i % 7),
    ...(i === 3600 ? { gap: true as const } : {}),
  }));
}

function walkMutations(author: string, firstSeq: number, walkId: string, points: TrackPointV2[]) {
  const startedAt = points[0]?.t ?? new Date(START).toISOString();
  const endedAt = points.at(-1)?.t ?? startedAt;
  const walk = {
    title: 'Zwei Stunden durchs Quartier',
    activity: null,
    participants: 6,
    withWalkingAids: 2,
    withWheelchairs: 0,
    note: '',
    endedAt: null,
    distanceMetres: 0,
    walkingSeconds: 0,
  };
  const chunks = chunkTrack(points).map((chunk) => ({
    name: 'walk.track',
    v: 2,
    args: { walkId, chunk: chunk.chunk, points: chunk.points },
  }));
  return [
    {
      name: 'walk.create',
      v: 1,
      args: { id: walkId, occurredAt: startedAt, concern: false, ...walk },
    },
    ...chunks,
    {
      name: 'walk.update',
      v: 1,
      args: {
        id: walkId,
        baseVersion: null,
        fields: { endedAt, distanceMetres: 9000, walkingSeconds: 7199 },
      },
    },
  ].map((mutation, i) => ({ seq: firstSeq + i, author, ...mutation }));
}

const bodyOf = (mutations: unknown[]) =>
  JSON.stringify({ clientId: CLIENT_ID, appVersion: '0.1.0', mutations });

/**
 * Sends `mutations` as the device does: as many as one request takes, halving the batch on a
 * 413 (a whole two-hour route is more than PUSH_MAX_BYTES). Returns the requests it took.
 */
async function pushLikeTheDevice(
  server: PushServer,
  mutations: { seq: number }[],
): Promise<number> {
  let requests = 0;
  let size = mutations.length;
  for (let start = 0; start < mutations.length;) {
    const batch = mutations.slice(start, start + size);
    const response = await fetch(`${server.url}/api/v1/push`, {
      method: 'POST',
      headers: { ...server.headers, 'content-type': 'application/json' },
      body: bodyOf(batch),
    });
    requests += 1;
    if (response.status === 413 && size > 1) {
      await response.arrayBuffer();
      size = Math.ceil(size / 2);
      continue;
    }
    const answer = (await response.json()) as { lastSeq?: number; rejected?: unknown[] };
    const last = batch[batch.length - 1]?.seq;
    if (response.status !== 200 || answer.lastSeq !== last || answer.rejected?.length) {
      throw new Error(`push answered ${response.status} ${JSON.stringify(answer)}`);
    }
    start += batch.length;
  }
  return requests;
}

const CHUNK_COLUMNS = [
  'quarter_id',
  'walk_id',
  'chunk',
  'author_user_id',
  'device_id',
  'points',
  'point_count',
  'version',
  'created_at',
] as const;

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function measureLongWalkPush(server: PushServer): Promise<LongWalkPushResult> {
  const points = longRoute();
  const chunkCount = chunkTrack(points).length;
  const perWalk = chunkCount + 2;
  const device = await server.db
    .selectFrom('devices')
    .select('id')
    .executeTakeFirstOrThrow()
    .then((row) => row.id);
  const raw = await rawInserter(server, 'walk_track_chunks', CHUNK_COLUMNS);
  const result = { pushMs: [] as number[], rawMs: [] as number[] };
  let seq = 1;
  let bodyBytes = 0;
  let requests = 0;
  try {
    for (let round = 0; round <= ROUNDS; round += 1) {
      const mutations = walkMutations(server.authorId, seq, randomUUID(), points);
      bodyBytes = Buffer.byteLength(bodyOf(mutations));
      const push = () =>
        timed(async () => {
          requests = await pushLikeTheDevice(server, mutations);
        });
      const walkId = randomUUID();
      const rows: Record<string, unknown>[] = chunkTrack(points).map((chunk) => ({
        quarter_id: 'q-bench',
        walk_id: walkId,
        chunk: chunk.chunk,
        author_user_id: server.authorId,
        device_id: device,
        points: JSON.stringify(chunk.points),
        point_count: chunk.points.length,
        version: 1,
        created_at: new Date().toISOString(),
      }));
      const pushMs = await push();
      const rawMs = await timed(() => raw.insertBatch(rows));
      seq += perWalk;
      if (round === 0) continue; // warm-up: JIT, prepared statements
      result.pushMs.push(pushMs);
      result.rawMs.push(rawMs);
    }
  } finally {
    await raw.close();
  }
  return {
    points: points.length,
    chunks: chunkCount,
    bodyBytes,
    requests,
    ...result,
    pushMedian: median(result.pushMs),
    rawMedian: median(result.rawMs),
  };
}
