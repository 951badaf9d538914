// The entry screens, loaded together on first use (src/views/lazy-screen.tsx). Their styles
// come with them, so the start screen's CSS stays small too.
import './entries.css';

export { CallScreen } from './call-form';
export { CallsScreen } from './calls';
export { EnrolScreen } from './enrol';
export { SignInScreen } from './sign-in';
export { SyncScreen } from './sync-state';
