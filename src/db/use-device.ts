// This device's enrolment as a live query (src/db/device-identity.ts). `undefined` while loading.
import { readDevice } from './device-identity';
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

/** The device record, or null before enrolment. */
export const useDevice = () => useLiveQuery(() => readDevice(db), []);
