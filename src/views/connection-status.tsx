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
  // A device can be "online" (Wi-Fi up) and still not reach the server; for the person both
  // mean the same: their data stays on the device, nothing is lost, we retry by ourselves.
  const reachable = online && phase !== 'failed';
  const text = !online
    ? t('conn.offline')
    : phase === 'failed'
      ? t('conn.unreachable')
      : phase === 'syncing'
        ? t('conn.syncing')
        : t('conn.online');
  return (
    <section
      class={`conn ${reachable ? 'conn-online' : 'conn-offline'}`}
      aria-label={t('conn.region')}
    >
      <p role="status" class="conn-state">
        <span aria-hidden="true">{reachable ? '✓ ' : '⚠ '}</span>
        {text}
      </p>
      {pull !== undefined && <p class="conn-updated">{updated}</p>}
    </section>
  );
}
