// "Auskunft herunterladen" on a call partner's and a person's card (issue 11): fetches
// everything held about them (GET …/:id/export, which leaves an audit line) and saves it as a
// JSON file under the server's name, the way other files are saved (download-file.ts). While
// it loads the button says so; a failure is said beside it. A session that ended brings the
// sign-in back (problemText then says nothing). Beside it, "Auskunft ansehen und drucken" opens
// the readable page of the same data (auskunft-screen.tsx).
import { useState } from 'preact/hooks';
import { loadPersonExport } from '../../sync/staff-upkeep-requests';
import { downloadFile } from '../entries/download-file';
import { href } from '../use-route';
import { useStaffDeps } from './staff-context';
import { FormProblem } from './upkeep-fields';
import { problemText } from './upkeep-load';
import { useStaffT } from './use-staff-t';

export function PrivacyExportButton(props: {
  collection: 'partners' | 'people';
  id: string;
  name: string;
}) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const file = await loadPersonExport(props.collection, props.id, deps);
      downloadFile(file.fileName, 'application/json', file.text);
    } catch (error) {
      setProblem(problemText(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="upkeep-actions">
      <button class="button" type="button" disabled={busy} onClick={() => void download()}>
        {t(busy ? 'privacyExport.loading' : 'privacyExport.download', { name: props.name })}
      </button>
      <a
        class="button"
        href={href.staff(
          'auskunft',
          props.collection === 'partners' ? 'partner' : 'person',
          props.id,
        )}
      >
        {t('privacyExport.view', { name: props.name })}
      </a>
      <FormProblem text={problem} />
    </div>
  );
}
