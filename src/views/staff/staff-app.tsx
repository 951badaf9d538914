// The staff screens' shell (`#/team/…`, issue 10): asks the server who is signed in, shows
// the sign-in when nobody is, else the menu and the screen of the route. A 401 from any staff
// request (the session ran out or was ended) brings the sign-in back with "Bitte neu
// anmelden"; the route stays, so after signing in the same screen opens again. Without a
// connection the last viewed week stays readable from this device (week-screen.tsx); the
// other screens say they need a connection.
import '../entries/entries.css';
import './staff.css';
import { useEffect, useState } from 'preact/hooks';
import { clearCachedStaffWeek, readCachedStaffWeek } from '../../db/staff-week-cache';
import type { StaffMe } from '../../shared/staff/staff-session';
import {
  isUnreachable,
  onStaffSignedOut,
  StaffSignedOut,
  staffMe,
  staffSignOut,
} from '../../sync/staff-requests';
import { Notice } from '../entries/form-field';
import { useOnline } from '../use-online';
import { useStaffDeps } from './staff-context';
import { StaffNav } from './staff-nav';
import { StaffScreen } from './staff-screen';
import { StaffSignIn } from './staff-sign-in';
import { useStaffT } from './use-staff-t';

type Shell =
  | { kind: 'checking' }
  | { kind: 'signedOut'; expired: boolean; note?: 'signedOut' | 'signedOutOffline' }
  | { kind: 'signedIn'; me: StaffMe }
  /** No connection: `me` is who loaded the kept week, if there is one. */
  | { kind: 'offline'; me: StaffMe | null };

export function StaffApp(props: { path: string[] }) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const online = useOnline();
  const [shell, setShell] = useState<Shell>({ kind: 'checking' });
  const [signingOut, setSigningOut] = useState(false);
  const [signOutFailed, setSignOutFailed] = useState(false);

  // Who is signed in: asked on opening and again when the connection comes back.
  useEffect(() => {
    let current = true;
    staffMe(deps).then(
      (me) => current && setShell({ kind: 'signedIn', me }),
      async (error: unknown) => {
        if (!current) return;
        if (error instanceof StaffSignedOut) return setShell({ kind: 'signedOut', expired: false });
        if (!isUnreachable(error)) console.error('Teamseiten: Anmeldung prüfen', error);
        const kept = await readCachedStaffWeek();
        if (current) setShell({ kind: 'offline', me: kept?.me ?? null });
      },
    );
    return () => {
      current = false;
    };
  }, [deps, online]);

  // Any staff request that finds the session gone brings the sign-in back.
  useEffect(() => onStaffSignedOut(() => setShell({ kind: 'signedOut', expired: true })), []);

  const signedIn = async (me: StaffMe) => {
    // Someone else's kept week must not stay readable under this person's name.
    const kept = await readCachedStaffWeek();
    if (kept && kept.me?.userId !== me.userId) await clearCachedStaffWeek();
    setShell({ kind: 'signedIn', me });
  };

  const signOut = async () => {
    setSigningOut(true);
    setSignOutFailed(false);
    try {
      await staffSignOut(deps);
    } catch (error) {
      if (!(error instanceof StaffSignedOut)) {
        setSignOutFailed(true);
        setSigningOut(false);
        return;
      }
    }
    await clearCachedStaffWeek();
    setSigningOut(false);
    setShell({ kind: 'signedOut', expired: false, note: 'signedOut' });
  };

  // Offline the server cannot be told; what this device keeps is deleted, and the session
  // ends on the server by itself after its idle time.
  const forgetOffline = async () => {
    await clearCachedStaffWeek();
    setShell({ kind: 'signedOut', expired: false, note: 'signedOutOffline' });
  };

  switch (shell.kind) {
    case 'checking':
      return <p role="status">{t('app.loading')}</p>;
    case 'signedOut':
      return (
        <>
          {shell.note === 'signedOut' && <Notice kind="ok">{t('staff.signOut.done')}</Notice>}
          {shell.note === 'signedOutOffline' && (
            <Notice kind="ok">{t('staff.signOut.offline')}</Notice>
          )}
          <StaffSignIn expired={shell.expired} onSignedIn={(me) => void signedIn(me)} />
        </>
      );
    case 'signedIn':
    case 'offline': {
      const me = shell.me;
      const offline = shell.kind === 'offline';
      return (
        <div class="staff">
          <StaffNav
            current={props.path[0] === 'eintrag' ? 'woche' : (props.path[0] ?? 'woche')}
            who={me && { name: me.name, quarter: me.quarter.name }}
            onSignOut={offline ? () => void forgetOffline() : () => void signOut()}
            busy={signingOut}
          />
          {signOutFailed && <Notice kind="error">{t('staff.signOut.failed')}</Notice>}
          <StaffScreen path={props.path} me={me} offline={offline} />
        </div>
      );
    }
  }
}
