// Mutations of walks. For now only `walk.track` v1: one chunk of a walk's GPS route, written
// through repos/walk-track.repo.ts inside the push transaction, so it commits with its
// mutation_log row (G2).
// Offline/conflict rules (docs/sync-protocol.md): a chunk is stored once per (walk, chunk
// number); a chunk sent again — under the same or a new seq — is accepted without effect. Any
// active person of the quarter may send chunks (the registry checks the author); who may
// change a walk is decided with the walk entity (walk logging).
import { walkTrackV1 } from '../../src/shared/push';
import { insertTrackChunk } from '../repos/walk-track.repo';
import { defineMutation } from './mutation-handler';

export const walkTrackV1Handler = defineMutation({
  schema: walkTrackV1,
  what: 'Der Abschnitt der Route',
  labels: { walkId: 'Spaziergang', chunk: 'Abschnittsnummer', points: 'Routenpunkte' },
  apply: async (w, args, origin) => {
    await insertTrackChunk(w, {
      walkId: args.walkId,
      chunk: args.chunk,
      authorId: origin.authorId,
      deviceId: origin.deviceId,
      points: args.points,
    });
  },
});
