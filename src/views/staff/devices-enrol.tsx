// "Neues Tablet einrichten": asks the server for a one-time code, then shows the enrol link
// (`<origin>/#/geraet/<code>`, what a tablet's camera opens) as a QR code drawn as inline SVG
// by qrcode-generator, the code in large letters for typing it in instead, and until when it
// works. The QR code is an image with a name; the code beside it is the same information as
// text, so nobody depends on the camera.
import qrcode from 'qrcode-generator';
import { useState } from 'preact/hooks';
import { formatInstantBerlin } from '../../domain/dates';
import type { EnrolmentCodeResponse } from '../../shared/staff/staff-people';
import { createEnrolmentCode } from '../../sync/staff-upkeep-requests';
import { useSettings } from '../settings-context';
import { href } from '../use-route';
import { useStaffDeps } from './staff-context';
import { FormProblem } from './upkeep-fields';
import { problemText } from './upkeep-load';
import { useStaffT } from './use-staff-t';

/** The quiet zone around the code, in modules (the standard asks for 4). */
const MARGIN = 4;

/** The enrol link of a code, as the tablet opens it. */
export function enrolLink(origin: string, code: string): string {
  return `${origin}/${href.enrolWith(code)}`;
}

/** A QR code of `text` as SVG: one path of dark squares on white, sharp at any size. */
export function QrCode(props: { text: string; label: string }) {
  const qr = qrcode(0, 'M');
  qr.addData(props.text);
  qr.make();
  const size = qr.getModuleCount();
  let path = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
    }
  }
  const full = size + 2 * MARGIN;
  return (
    <svg
      class="enrol-qr"
      role="img"
      aria-label={props.label}
      viewBox={`${-MARGIN} ${-MARGIN} ${full} ${full}`}
      shape-rendering="crispEdges"
    >
      <rect x={-MARGIN} y={-MARGIN} width={full} height={full} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}

export function EnrolNewTablet() {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  const [issued, setIssued] = useState<EnrolmentCodeResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const issue = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setIssued(await createEnrolmentCode(deps));
    } catch (error) {
      setProblem(problemText(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="enrol-new" aria-labelledby="enrol-new-title">
      <h2 id="enrol-new-title">{t('staffDevices.enrolTitle')}</h2>
      <p>{t('staffDevices.enrolLead')}</p>
      <FormProblem text={problem} />
      {issued && (
        <div class="enrol-issued" role="status">
          <QrCode
            text={enrolLink(location.origin, issued.code)}
            label={t('staffDevices.qrLabel', { code: issued.code })}
          />
          <div class="enrol-code-box">
            <p>{t('staffDevices.codeLabel')}</p>
            <p class="enrol-code">{issued.code}</p>
            <p>
              {t('staffDevices.expires', {
                when: formatInstantBerlin(Date.parse(issued.expiresAt), lang),
              })}
            </p>
            <p class="hint">{t('staffDevices.enrolSteps')}</p>
          </div>
        </div>
      )}
      <button class="button primary" type="button" disabled={busy} onClick={() => void issue()}>
        {issued ? t('staffDevices.enrolAnother') : t('staffDevices.enrol')}
      </button>
    </section>
  );
}
