// Offers a new app version; never reloads while a form holds unsaved input.
import { useEffect, useState } from 'preact/hooks';
import { anyFormDirty, onDirtyChange } from '../sw/dirty-forms';
import type { UpdateFlow } from '../sw/update-flow';
import { useT } from './settings-context';

export function UpdateBanner(props: { flow: UpdateFlow | null; available: boolean }) {
  const t = useT();
  const [dismissed, setDismissed] = useState(false);
  const [dirty, setDirty] = useState(anyFormDirty());
  useEffect(() => onDirtyChange(() => setDirty(anyFormDirty())), []);
  if (!props.flow || !props.available || dismissed) return null;
  const flow = props.flow;
  return (
    <div class="update" role="alert">
      <p>{t('update.available')}</p>
      {dirty ? (
        <p>{t('update.blocked')}</p>
      ) : (
        <button type="button" class="button primary" onClick={() => flow.apply()}>
          {t('update.apply')}
        </button>
      )}
      <button type="button" class="button" onClick={() => setDismissed(true)}>
        {t('update.later')}
      </button>
    </div>
  );
}
