// "Geräte": every tablet of the quarter with its label, last contact, app version, entries it
// said still wait and its last delivery. A tablet that has not delivered for days stands out
// with a sign and words saying what is wrong (src/domain/device-delivery.ts, the server's own
// rule), never by colour alone. "Sperren" (after a "Ja") revokes it: its next request is
// refused, and what it has not delivered stays on it until it is set up again. New tablets
// are set up with a code and its QR code (devices-enrol.tsx).
import { useState } from 'preact/hooks';
import { deliveryState } from '../../domain/device-delivery';
import { formatInstantBerlin } from '../../domain/dates';
import type { StaffDevice } from '../../shared/staff/staff-people';
import type { StaffMe } from '../../shared/staff/staff-session';
import { loadDevices, revokeDevice } from '../../sync/staff-upkeep-requests';
import { ConfirmStep } from '../entries/confirm-step';
import { Notice } from '../entries/form-field';
import { useSettings } from '../settings-context';
import { useStaffDeps } from './staff-context';
import { StaffPage } from './staff-page';
import { EnrolNewTablet } from './devices-enrol';
import { problemText, useStaffLoad } from './upkeep-load';
import { LoadState } from './upkeep-state';
import { useStaffT, type StaffT } from './use-staff-t';

/** Why a tablet stands out, in words. */
function staleText(t: StaffT, device: StaffDevice, nowMs: number): string {
  const state = deliveryState(device, nowMs);
  if (state.state === 'silent') {
    return state.days === null
      ? t('staffDevices.neverSeen')
      : t('staffDevices.silent', { days: state.days });
  }
  if (state.state === 'stuck') {
    const waiting = device.waitingCount ?? 0;
    return state.days === null
      ? t('staffDevices.neverDelivered', { waiting })
      : t('staffDevices.stuck', { waiting, days: state.days });
  }
  return t('staffDevices.staleGeneric');
}

export function StaffDevicesScreen(_props: { me: StaffMe }) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  const load = useStaffLoad(loadDevices);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const title = t('staffDevices.title');
  if (load.state.status !== 'ready') {
    return <LoadState title={title} state={load.state} onRetry={load.reload} />;
  }
  const when = (instant: string | null, never: string) =>
    instant ? formatInstantBerlin(Date.parse(instant), lang) : never;
  const devices = load.state.data;
  const active = devices.filter((d) => d.revokedAt === null);
  const revoked = devices.filter((d) => d.revokedAt !== null);

  const revoke = async (device: StaffDevice) => {
    setNotice(null);
    try {
      const changed = await revokeDevice(device.id, deps);
      load.set((list) => list.map((d) => (d.id === changed.id ? changed : d)));
      setNotice({ kind: 'ok', text: t('staffDevices.revoked', { label: nameOf(device) }) });
    } catch (error) {
      const text = problemText(t, error);
      if (text) setNotice({ kind: 'error', text });
    }
  };

  // A tablet enrolled without a name is still named in its buttons ("Tablet ohne Namen sperren").
  const nameOf = (device: StaffDevice) => device.label || t('staffDevices.noLabel');
  const card = (device: StaffDevice) => (
    <li key={device.id} class={`upkeep-item${device.stale ? ' upkeep-item-flagged' : ''}`}>
      <p class="upkeep-item-title">{nameOf(device)}</p>
      {device.stale && device.revokedAt === null && (
        <p class="upkeep-flag">
          <span aria-hidden="true">⚠ </span>
          {staleText(t, device, deps.now())}
        </p>
      )}
      <dl class="upkeep-facts">
        <div>
          <dt>{t('staffDevices.lastSeen')}</dt>
          <dd>{when(device.lastSeenAt, t('staffDevices.never'))}</dd>
        </div>
        <div>
          <dt>{t('staffDevices.appVersion')}</dt>
          <dd>{device.appVersion ?? t('staffDevices.unknown')}</dd>
        </div>
        <div>
          <dt>{t('staffDevices.waiting')}</dt>
          <dd>{device.waitingCount === null ? t('staffDevices.unknown') : device.waitingCount}</dd>
        </div>
        <div>
          <dt>{t('staffDevices.lastDelivered')}</dt>
          <dd>{when(device.lastDeliveredAt, t('staffDevices.never'))}</dd>
        </div>
        {device.revokedAt && (
          <div>
            <dt>{t('staffDevices.revokedAt')}</dt>
            <dd>{when(device.revokedAt, '')}</dd>
          </div>
        )}
      </dl>
      {device.revokedAt === null && (
        <ConfirmStep
          id={`revoke-${device.id}`}
          label={t('staffDevices.revoke', { label: nameOf(device) })}
          question={t('staffDevices.revokeQuestion', { label: nameOf(device) })}
          yes={t('staffDevices.revokeYes')}
          no={t('upkeep.no')}
          onConfirm={() => void revoke(device)}
        />
      )}
    </li>
  );

  return (
    <StaffPage title={title}>
      <EnrolNewTablet />
      <h2>{t('staffDevices.listTitle', { count: active.length })}</h2>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {active.length === 0 && <p>{t('staffDevices.none')}</p>}
      <ul class="upkeep-list">{active.map(card)}</ul>
      {revoked.length > 0 && (
        <details class="upkeep-past">
          <summary>{t('staffDevices.revokedTitle', { count: revoked.length })}</summary>
          <ul class="upkeep-list">{revoked.map(card)}</ul>
        </details>
      )}
    </StaffPage>
  );
}
