// The topics of advice sessions (Beratungsthemen) every new quarter starts with: written by
// `npm run admin -- create-quarter` and by the demo seed, in the quarter's first write. Staff
// may rename, add or remove topics later; sessions keep the id and name they were logged with
// (G11). Migration 0008 gave existing quarters the same list (written out there: migrations
// are frozen).
import type { TopicInput } from '../repos/catalogue.repo';
import { putTopic } from '../repos/catalogue.repo';
import type { WriteContext } from '../repos/quarter-version.repo';

/** [id, name]; the ids are stable, the order is the list's order on the device. */
const TOPICS: readonly (readonly [string, string])[] = [
  ['wohnen', 'Wohnen'],
  ['pflege-gesundheit', 'Pflege und Gesundheit'],
  ['geld-antraege', 'Geld und Anträge'],
  ['einsamkeit-kontakte', 'Einsamkeit und Kontakte'],
  ['mobilitaet', 'Mobilität'],
  ['digitales', 'Digitales'],
  ['recht-behoerden', 'Recht und Behörden'],
  ['sonstiges', 'Sonstiges'],
];

export const DEFAULT_TOPICS: readonly TopicInput[] = TOPICS.map(([id, name], index) => ({
  id,
  number: index + 1,
  name,
}));

/** Writes the default topics into the writer's quarter (inside its transaction). */
export async function putDefaultTopics(w: WriteContext): Promise<void> {
  for (const topic of DEFAULT_TOPICS) await putTopic(w, topic);
}
