// "Gesprächspartner" for staff: every call partner of the quarter with their callers, status
// and whether they need looking after (three unanswered calls in a row: said in words with a
// sign, not by colour) and their consent in one line (or a calm "noch nicht erfasst"); register
// one, edit one (partners-admin-form.tsx), pause or resume, and
// end (after a "Ja"). Status changes name the version they saw: a partner someone changed
// meanwhile is shown as they are now, and nothing is changed. Callers' tablets get every change
// with their next pull (ended partners leave them).
import { useState } from 'preact/hooks';
import { formatInstantBerlin } from '../../domain/dates';
import { formatDayMedium } from '../../domain/date-words';
import type { ConsentForm, PartnerStatus } from '../../shared/kinds/partner-kind';
import type { StaffMe } from '../../shared/staff/staff-session';
import type { StaffPartner, StaffPartners } from '../../shared/staff/staff-upkeep';
import { loadStaffPartners, updatePartner } from '../../sync/staff-upkeep-requests';
import { ConfirmStep } from '../entries/confirm-step';
import { Notice } from '../entries/form-field';
import { useSettings } from '../settings-context';
import { useStaffDeps } from './staff-context';
import { StaffPage } from './staff-page';
import { PartnerForm } from './partners-admin-form';
import { PrivacyErase } from './privacy-erase';
import { PrivacyExportButton } from './privacy-export-button';
import { problemText, useStaffLoad } from './upkeep-load';
import { LoadState } from './upkeep-state';
import { useStaffT, type StaffKey } from './use-staff-t';

const STATUS: Record<PartnerStatus, StaffKey> = {
  active: 'staffPartners.status.active',
  paused: 'staffPartners.status.paused',
  ended: 'staffPartners.status.ended',
};

const CONSENT_SAID: Record<ConsentForm, StaffKey> = {
  written: 'staffPartners.consentSaid.written',
  oral: 'staffPartners.consentSaid.oral',
  electronic: 'staffPartners.consentSaid.electronic',
};

export function StaffPartnersScreen(_props: { me: StaffMe }) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  const load = useStaffLoad(loadStaffPartners);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const title = t('staffPartners.title');
  if (load.state.status !== 'ready') {
    return <LoadState title={title} state={load.state} onRetry={load.reload} />;
  }
  const { partners, people } = load.state.data;
  const put = (row: StaffPartner) =>
    load.set((data: StaffPartners) => ({
      ...data,
      partners: data.partners.some((p) => p.id === row.id)
        ? data.partners.map((p) => (p.id === row.id ? row : p))
        : [...data.partners, row],
    }));
  const byName = (a: StaffPartner, b: StaffPartner) => a.name.localeCompare(b.name, 'de');
  const current = partners.filter((p) => p.status !== 'ended').sort(byName);
  const ended = partners.filter((p) => p.status === 'ended').sort(byName);

  const openForm = (key: string) => {
    setNotice(null);
    setOpen(key);
  };

  const setStatus = async (partner: StaffPartner, status: PartnerStatus) => {
    setBusy(true);
    setNotice(null);
    try {
      const result = await updatePartner(
        partner.id,
        { expectedVersion: partner.version, status },
        deps,
      );
      if (result.ok) {
        put(result.row);
        setNotice({ kind: 'ok', text: t(`staffPartners.done.${status}`, { name: partner.name }) });
      } else if (result.current) {
        put(result.current);
        setNotice({
          kind: 'error',
          text: t('staffPartners.changedMeanwhile', { name: partner.name }),
        });
      } else {
        load.reload();
      }
    } catch (error) {
      const text = problemText(t, error);
      if (text) setNotice({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  };

  const form = (partner: StaffPartner | null) => (
    <PartnerForm
      key={partner?.id ?? 'new'}
      partner={partner}
      people={people}
      onSaved={(row) => {
        put(row);
        setOpen(null);
        setNotice({ kind: 'ok', text: t('upkeep.savedNamed', { name: row.name }) });
      }}
      onRefreshed={put}
      onGone={() => {
        setOpen(null);
        load.reload();
      }}
      onClose={() => setOpen(null)}
    />
  );

  const card = (partner: StaffPartner) => (
    <li key={partner.id} class="upkeep-item">
      {open === partner.id ? (
        form(partner)
      ) : (
        <>
          <p class="upkeep-item-title">{partner.name}</p>
          {partner.flagged && (
            <p class="upkeep-flag">
              <span aria-hidden="true">⚠ </span>
              {t('staffPartners.flagged', { count: partner.unansweredInARow })}
            </p>
          )}
          <dl class="upkeep-facts">
            <div>
              <dt>{t('staffPartners.statusLabel')}</dt>
              <dd>{t(STATUS[partner.status])}</dd>
            </div>
            <div>
              <dt>{t('staffPartners.callers')}</dt>
              <dd>
                {partner.callers.length > 0
                  ? partner.callers.map((caller) => caller.name).join(', ')
                  : t('staffPartners.noCallers')}
              </dd>
            </div>
            <div>
              <dt>{t('staffPartners.lastCall')}</dt>
              <dd>
                {partner.lastCallAt
                  ? formatInstantBerlin(Date.parse(partner.lastCallAt), lang)
                  : t('staffPartners.noCallYet')}
              </dd>
            </div>
            {partner.consentForm !== '' && partner.consentOn !== '' && (
              <div>
                <dt>{t('staffPartners.consentLabel')}</dt>
                <dd>
                  {t(
                    partner.consentScope
                      ? 'staffPartners.consentSaidScope'
                      : 'staffPartners.consentSaid',
                    {
                      form: t(CONSENT_SAID[partner.consentForm]),
                      date: formatDayMedium(partner.consentOn, lang),
                      scope: partner.consentScope,
                    },
                  )}
                </dd>
              </div>
            )}
          </dl>
          {(partner.consentForm === '' || partner.consentOn === '') && (
            <p class="hint">{t('staffPartners.consentMissing')}</p>
          )}
          <div class="upkeep-actions">
            <button class="button" type="button" onClick={() => openForm(partner.id)}>
              {t('upkeep.editNamed', { name: partner.name })}
            </button>
            {partner.status === 'active' && (
              <button
                class="button"
                type="button"
                disabled={busy}
                onClick={() => void setStatus(partner, 'paused')}
              >
                {t('staffPartners.pause', { name: partner.name })}
              </button>
            )}
            {partner.status !== 'active' && (
              <button
                class="button"
                type="button"
                disabled={busy}
                onClick={() => void setStatus(partner, 'active')}
              >
                {t('staffPartners.resume', { name: partner.name })}
              </button>
            )}
            {partner.status !== 'ended' && (
              <ConfirmStep
                id={`end-${partner.id}`}
                label={t('staffPartners.end', { name: partner.name })}
                question={t('staffPartners.endQuestion', { name: partner.name })}
                yes={t('staffPartners.endYes')}
                no={t('upkeep.no')}
                onConfirm={() => void setStatus(partner, 'ended')}
              />
            )}
          </div>
          <PrivacyExportButton collection="partners" id={partner.id} name={partner.name} />
          <PrivacyErase
            collection="partners"
            id={partner.id}
            name={partner.name}
            onErased={(text) => {
              load.set((data: StaffPartners) => ({
                ...data,
                partners: data.partners.filter((p) => p.id !== partner.id),
              }));
              setNotice({ kind: 'ok', text });
            }}
          />
        </>
      )}
    </li>
  );

  return (
    <StaffPage title={title}>
      <p class="hint">{t('staffPartners.lead')}</p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {open === 'new' ? (
        form(null)
      ) : (
        <button class="button primary" type="button" onClick={() => openForm('new')}>
          {t('staffPartners.add')}
        </button>
      )}
      {current.length === 0 && <p>{t('staffPartners.none')}</p>}
      <ul class="upkeep-list">{current.map(card)}</ul>
      {ended.length > 0 && (
        <details class="upkeep-past">
          <summary>{t('staffPartners.endedTitle', { count: ended.length })}</summary>
          <ul class="upkeep-list">{ended.map(card)}</ul>
        </details>
      )}
    </StaffPage>
  );
}
