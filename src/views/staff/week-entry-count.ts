// What "Einträge" counts on the week's per-theme and per-activity lines: the volunteers'
// contacts — calls (reached or not), walks and advice sessions. Observations belong to a walk
// that already counts, so they are not added again.
import type { FigureCounts } from '../../domain/entry-figures';

export const entryCount = (counts: FigureCounts): number =>
  counts.callsReached + counts.callsNotReached + counts.walks + counts.adviceSessions;
