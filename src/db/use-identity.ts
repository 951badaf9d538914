// Live-query hooks for the device's enrolment and the person signed in. `undefined` while
// loading, `null` when there is none; any tab's sign-in, sign-out or enrolment re-renders.
import { readDevice, readSession } from './identity';
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

export const useDevice = () => useLiveQuery(() => readDevice(db), []);
export const useSession = () => useLiveQuery(() => readSession(db), []);
