// Hash routing: `#/angebote/abc`. Hash URLs need nothing from the server or the service
// worker, so every screen opens the same way online, offline and from the home screen.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { EntryKindName } from '../shared/entry-key';

export type Route =
  | { name: 'home' }
  | { name: 'catalogue' }
  | { name: 'activity'; id: string }
  | { name: 'hours' }
  | { name: 'settings' }
  | { name: 'walk' }
  | { name: 'partners' }
  | { name: 'enrol'; code?: string }
  | { name: 'signIn' }
  /** `partnerId`: a call with this registered partner ("Anders …" on the partner's card). */
  | { name: 'newEntry'; kind: EntryKindName; partnerId?: string }
  | { name: 'entries'; kind?: EntryKindName }
  | { name: 'entry'; id: string }
  | { name: 'sync' }
  /** The privacy notice (issue 11). */
  | { name: 'privacy' }
  /** Staff screens (`#/team/…`, issue 10): one lazy chunk that routes within `path`. */
  | { name: 'staff'; path: string[] };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (parts[0]) {
    case 'angebote':
      return parts[1] ? { name: 'activity', id: parts[1] } : { name: 'catalogue' };
    case 'oeffnungszeiten':
      return { name: 'hours' };
    case 'einstellungen':
      return { name: 'settings' };
    case 'anruf':
      return parts[1]
        ? { name: 'newEntry', kind: 'call', partnerId: parts[1] }
        : { name: 'newEntry', kind: 'call' };
    case 'beratung':
      return { name: 'newEntry', kind: 'advice' };
    case 'eintraege':
    case 'eintrag':
      return parts[1] ? { name: 'entry', id: parts[1] } : { name: 'entries' };
    case 'anrufe':
      // "Meine Anrufe" and its calls before entries of every kind (bookmarks, old links).
      return parts[1] ? { name: 'entry', id: parts[1] } : { name: 'entries', kind: 'call' };
    case 'geraet':
      // `#/geraet/<code>`: the link behind the QR code staff show, enrols at once.
      return parts[1] ? { name: 'enrol', code: parts[1] } : { name: 'enrol' };
    case 'anmelden':
      return { name: 'signIn' };
    case 'uebertragung':
      return { name: 'sync' };
    case 'datenschutz':
      return { name: 'privacy' };
    case 'spaziergang':
      return { name: 'walk' };
    case 'gespraeche':
      return { name: 'partners' };
    case 'team':
      return { name: 'staff', path: parts.slice(1).filter((part) => part !== '') };
    default:
      return { name: 'home' };
  }
}

export const href = {
  home: '#/',
  catalogue: '#/angebote',
  activity: (id: string) => `#/angebote/${encodeURIComponent(id)}`,
  hours: '#/oeffnungszeiten',
  settings: '#/einstellungen',
  call: '#/anruf',
  callWith: (partnerId: string) => `#/anruf/${encodeURIComponent(partnerId)}`,
  advice: '#/beratung',
  entries: '#/eintraege',
  entry: (id: string) => `#/eintrag/${encodeURIComponent(id)}`,
  enrol: '#/geraet',
  enrolWith: (code: string) => `#/geraet/${encodeURIComponent(code)}`,
  signIn: '#/anmelden',
  sync: '#/uebertragung',
  privacy: '#/datenschutz',
  walk: '#/spaziergang',
  partners: '#/gespraeche',
  /** `#/team/woche/2026-W48`: segments after `team`, each encoded. */
  staff: (...path: string[]) => ['#/team', ...path.map(encodeURIComponent)].join('/'),
};

export function useRoute(): Route {
  // The hash string is the state: setting the same string again does not re-render.
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    // The hash may have changed between the first render and this effect (a link opened while
    // the app was starting); that hashchange was missed, so read it once more now.
    onChange();
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return useMemo(() => parseRoute(hash), [hash]);
}
