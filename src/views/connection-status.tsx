// One calm line that always says whether the device is online and when data last arrived,
// plus how many entries still wait to be sent and whether any needs attention (G7).
import { useStart } from '../db/start-state';
import { formatInstantBerlin } from '../domain/dates';
import { useSyncPhase, useUpdateAdvised } from '../sync/status';
import { useOnline } from './use-online';
import { useT } from './settings-context';
import { href } from './use-route';

export function ConnectionStatus() {
  const t = useT();
  const online = useOnline();
  const phase = useSyncPhase();
  const pull = useStart('pull');
  const pending = useStart('pending');
  const attention = useStart('attention');
  const updateAdvised = useUpdateAdvised();
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
      {pending !== undefined && pending > 0 && (
        <p class="conn-pending">
          <a href={href.sync}>
            {pending === 1 ? t('conn.pendingOne') : t('conn.pending', { count: pending })}
          </a>
        </p>
      )}
      {updateAdvised && <p class="conn-attention">{t('conn.updateAdvised')}</p>}
      {attention !== undefined && attention > 0 && (
        <p class="conn-attention">
          <a href={href.sync}>
            <span aria-hidden="true">! </span>
            {t('conn.attention')} ({attention})
          </a>
        </p>
      )}
    </section>
  );
}
