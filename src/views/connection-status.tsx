// One calm line that always says whether the device is online and when data last arrived.
import { usePullState } from '../db/use-catalogue';
import { formatInstantBerlin } from '../domain/dates';
import { useSyncPhase } from '../sync/status';
import { useOnline } from './use-now';
import { useT } from './settings-context';

export function ConnectionStatus() {
  const t = useT();
  const online = useOnline();
  const phase = useSyncPhase();
  const pull = usePullState();
  const updated = pull
    ? t('conn.lastUpdated', { when: formatInstantBerlin(pull.pulledAt) })
    : t('conn.neverUpdated');
  return (
    <section
      class={`conn ${online ? 'conn-online' : 'conn-offline'}`}
      aria-label={t('conn.region')}
    >
      <p role="status" class="conn-state">
        <span aria-hidden="true">{online ? '✓ ' : '⚠ '}</span>
        {online ? (phase === 'syncing' ? t('conn.syncing') : t('conn.online')) : t('conn.offline')}
      </p>
      {pull !== undefined && <p class="conn-updated">{updated}</p>}
      {online && phase === 'failed' && <p class="conn-error">{t('conn.error')}</p>}
    </section>
  );
}
