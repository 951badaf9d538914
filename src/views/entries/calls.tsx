// "Meine Anrufe": the signed-in person's calls, newest first, each with where it stands.
// Reads only through a live query, so a sync in this or another tab updates it in place.
import { useCalls } from '../../db/use-entries';
import { useSession } from '../../db/use-identity';
import { formatInstantBerlin } from '../../domain/dates';
import { Page } from '../page';
import { useSettings } from '../settings-context';
import { href } from '../use-route';
import { StateBadge } from './state-badge';
import { useEntriesT } from './use-entries-t';

export function CallsScreen() {
  const t = useEntriesT();
  const { lang } = useSettings().settings;
  const session = useSession();
  const calls = useCalls(session?.userId ?? '');
  if (session === undefined || calls === undefined) return null;
  if (session === null) {
    return (
      <Page title={t('calls.title')}>
        <p class="lead">{t('call.needSignIn')}</p>
        <a class="button primary" href={href.signIn}>
          {t('signin.title')}
        </a>
      </Page>
    );
  }
  return (
    <Page title={t('calls.title')}>
      <p>
        <a class="button primary" href={href.call}>
          {t('calls.new')}
        </a>
      </p>
      {calls.length === 0 ? (
        <p class="lead">{t('calls.empty')}</p>
      ) : (
        <ul class="entry-list">
          {calls.map((call) => (
            <li key={call.id} class="card entry">
              <a class="card-title" href={href.callDetail(call.id)}>
                {call.partner}
                <span class="visually-hidden"> – {t('calls.edit')}</span>
              </a>
              <span>
                {formatInstantBerlin(Date.parse(call.occurredAt), lang)} ·{' '}
                {call.reached
                  ? t('calls.minutes', { count: call.durationMinutes })
                  : t('calls.notReached')}
                {call.concern && ` · ${t('calls.concern')}`}
              </span>
              <StateBadge state={call.state} />
              {call.rejection && <span class="entry-reason">{call.rejection.message}</span>}
              {call.conflict && <span class="hint">{t('calls.conflict')}</span>}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
