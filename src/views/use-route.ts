// Hash routing: `#/angebote/abc`. Hash URLs need nothing from the server or the service
// worker, so every screen opens the same way online, offline and from the home screen.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'home' }
  | { name: 'catalogue' }
  | { name: 'activity'; id: string }
  | { name: 'hours' }
  | { name: 'settings' }
  | { name: 'soon'; what: 'call' | 'walk' | 'advice' };

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
      return { name: 'soon', what: 'call' };
    case 'spaziergang':
      return { name: 'soon', what: 'walk' };
    case 'beratung':
      return { name: 'soon', what: 'advice' };
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
  walk: '#/spaziergang',
  advice: '#/beratung',
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
