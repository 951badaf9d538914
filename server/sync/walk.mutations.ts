// Mutations of walks. For now only `walk.track` v1: one chunk of a walk's GPS route, written
// through repos/walk-track.repo.ts inside the push transaction, so it commits with its
// mutation_log row (G2).
// Offline/conflict rules (docs/sync-protocol.md): a chunk is stored once per (walk, chunk
// number); a chunk sent again — under the same or a new seq — is accepted without effect. A
// walk belongs to whoever sent its first chunk: chunks of anyone else are rejected (`forbidden`,
// shown to their author), never answered as success and dropped (issue 7).
import { walkTrackV1 } from '../../src/shared/walk-track';
import { findTrackOwner, insertTrackChunk } from '../repos/walk-track.repo';
import { defineMutation } from './mutation-handler';
import { MutationRejection } from './mutation-rejection';

export const walkTrackV1Handler = defineMutation({
  schema: walkTrackV1,
  what: 'Der Abschnitt der Route',
  labels: { walkId: 'Spaziergang', chunk: 'Abschnittsnummer', points: 'Routenpunkte' },
  apply: async (w, args, origin) => {
    const owner = await findTrackOwner(w, args.walkId);
    if (owner !== undefined && owner !== origin.authorId) {
      throw new MutationRejection(
        'forbidden',
        'Diese Route gehört zu einem Spaziergang, den jemand anderes aufgezeichnet hat. Der Abschnitt wurde nicht übernommen.',
      );
    }
    await insertTrackChunk(w, {
      walkId: args.walkId,
      chunk: args.chunk,
      authorId: origin.authorId,
      deviceId: origin.deviceId,
      points: args.points,
    });
  },
});
