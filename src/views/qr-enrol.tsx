// The QR link staff show (`#/geraet/<code>`): the device enrols at once and goes on to the start
// screen. This screen is on the start path and says only that it is busy: what it needs to enrol
// is the data code (Dexie, the schemas), which main.tsx starts loading first, beside the early
// requests (src/sync/early-requests.ts) — not the entry screens' chunk, which a new tablet then
// loads only when someone opens one (issue 12). If enrolling fails, the full enrol screen takes
// over, with the code filled in and the reason said, so the person can try again.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadPatiently } from '../shared/load-patiently';
import { Page } from './page';
import { useT } from './settings-context';
import { href } from './use-route';

const enrolments = new Map<string, Promise<void>>();

/**
 * Enrols with the QR link's code, once per code and page: main.tsx starts it at once, so it
 * does not depend on this screen still being open (the start screen may already show the first
 * answers); the screen only waits for it. A failed one is not tried again by itself.
 */
export function enrolFromQr(code: string): Promise<void> {
  let enrolment = enrolments.get(code);
  if (!enrolment) {
    enrolment = loadPatiently(() => import('../sync/identity-requests'))
      .then((identity) => identity.enrolDevice(code))
      .then(() => undefined);
    enrolments.set(code, enrolment);
  }
  return enrolment;
}

export function QrEnrol(props: { code: string; failed: (error: unknown) => ComponentChildren }) {
  const t = useT();
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  useEffect(() => {
    let here = true;
    setFailure(null);
    enrolFromQr(props.code).then(
      () => here && location.replace(href.home),
      (error: unknown) => here && setFailure({ error }),
    );
    return () => {
      here = false;
    };
  }, [props.code]);
  if (failure) return <>{props.failed(failure.error)}</>;
  return (
    <Page title={t('qr.title')}>
      <p class="lead" role="status">
        {t('qr.busy')}
      </p>
    </Page>
  );
}
