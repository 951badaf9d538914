// The walk a person is recording on this device, as a live query: the recorder screen
// re-renders with every kept or dropped fix, pause and resume, in this tab or another.
// `undefined` while loading, null when nothing is being recorded. Read-only.
import { db } from './instance';
import { useLiveQuery } from './use-live-query';
import { activeRecording } from './walk-queries';

/** `author`'s recording (status, start, pauses, kept and dropped fixes, distance so far). */
export const useRecording = (author: string) =>
  useLiveQuery(() => activeRecording(db, author), [author]);

export type { Recording } from './db';
