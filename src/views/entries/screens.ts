// The entry screens, loaded together on first use (src/views/lazy-screen.tsx). Their styles
// come with them, so the start screen's CSS stays small too.
import './entries.css';
import './walk/walk.css';
import './partners/partners.css';

export { EntriesScreen } from './my-entries';
export { EntryScreen } from './entry-screen';
export { EnrolScreen } from './enrol';
export { SignInScreen } from './sign-in';
export { SyncScreen } from './sync-state';
export { WalkScreen } from './walk/walk-screen';
export { PartnersScreen } from './partners/partners-screen';
