// The current time for views, refreshed every `everyMs`, so "Jetzt geöffnet" turns into
// "Geschlossen" on its own. The domain never reads the clock; views pass this in.
import { useEffect, useState } from 'preact/hooks';

export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
