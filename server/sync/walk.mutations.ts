// Mutations of walks' routes: `walk.track` v1 and v2, one chunk of a walk's GPS route (v2
// points may carry `gap`: the first point after a pause or a hidden page), written through
// repos/walk-track.repo.ts inside the push transaction, so it commits with its mutation_log row
// (G2). Points are stored as sent; a v1 chunk simply has no gap flags. The walk itself is an
// entry (`walk.create`, entry.mutations.ts).
// Offline/conflict rules (docs/sync-protocol.md):
// - a chunk is stored once per (walk, chunk number); a chunk sent again — under the same or a
//   new seq — is accepted without effect and the first stored points stay;
// - when the walk entry exists, only its author or staff and admins of the quarter may add
//   chunks (`forbidden`, shown to their author, never answered as success and dropped); chunks
//   of a deleted walk are accepted without effect (delete wins); an id that belongs to an
//   entry of another kind is `id_in_use`;
// - when no walk entry exists (old apps sent routes before walks were entries), the walk
//   belongs to whoever sent its first chunk: chunks of anyone else are `forbidden` (issue 7).
import type * as v from 'valibot';
import { walkTrackV1, walkTrackV2, type TrackPointV2 } from '../../src/shared/walk-track';
import { findEntry } from '../repos/entry.repo';
import type { WriteContext } from '../repos/quarter-version.repo';
import { findTrackOwner, insertTrackChunk } from '../repos/walk-track.repo';
import { defineMutation, type MutationHandler, type MutationOrigin } from './mutation-handler';
import { MutationRejection } from './mutation-rejection';

const WHAT = 'Der Abschnitt der Route';
const LABELS = { walkId: 'Spaziergang', chunk: 'Abschnittsnummer', points: 'Routenpunkte' };

interface TrackChunkArgs {
  walkId: string;
  chunk: number;
  points: readonly TrackPointV2[];
}

async function storeChunk(
  w: WriteContext,
  args: TrackChunkArgs,
  origin: MutationOrigin,
): Promise<void> {
  const walk = await findEntry(w, args.walkId);
  if (walk && walk.kind !== 'walk') {
    throw new MutationRejection(
      'id_in_use',
      `${WHAT} wurde nicht übernommen: Die Kennung des Spaziergangs gehört zu einem anderen Eintrag. Bitte im Laden melden.`,
    );
  }
  if (walk) {
    if (walk.deleted === 1) return; // delete wins: accepted, nothing stored
    if (origin.authorRole === 'volunteer' && walk.author_user_id !== origin.authorId) {
      throw new MutationRejection(
        'forbidden',
        'Diese Route gehört zu einem Spaziergang, den jemand anderes eingetragen hat. Der Abschnitt wurde nicht übernommen.',
      );
    }
  } else {
    const owner = await findTrackOwner(w, args.walkId);
    if (owner !== undefined && owner !== origin.authorId) {
      throw new MutationRejection(
        'forbidden',
        'Diese Route gehört zu einem Spaziergang, den jemand anderes aufgezeichnet hat. Der Abschnitt wurde nicht übernommen.',
      );
    }
  }
  await insertTrackChunk(w, {
    walkId: args.walkId,
    chunk: args.chunk,
    authorId: origin.authorId,
    deviceId: origin.deviceId,
    points: args.points,
  });
}

function trackHandler(schema: typeof walkTrackV1 | typeof walkTrackV2): MutationHandler {
  return defineMutation({
    schema: schema as v.GenericSchema<unknown, TrackChunkArgs>,
    what: WHAT,
    labels: LABELS,
    apply: storeChunk,
  });
}

/** `walk.track` v1 (points without gaps) and v2 (points may start a new segment). */
export const walkTrackHandlers: Record<number, MutationHandler> = {
  1: trackHandler(walkTrackV1),
  2: trackHandler(walkTrackV2),
};
