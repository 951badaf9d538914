// What every staff screen needs from the shell: the request dependencies (the app's fetch and
// clock; tests hand in a fetch to the real server in-process) through context, so screens
// never reach for a global. C2's screens take them with `useStaffDeps()` too.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { appStaffDeps, type StaffDeps } from '../../sync/staff-requests';

export const StaffDepsContext = createContext<StaffDeps>(appStaffDeps());

export const useStaffDeps = () => useContext(StaffDepsContext);
