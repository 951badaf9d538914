// "Meine Gesprächspartner" (`#/gespraeche`): a card for each call partner assigned to the
// signed-in caller (the device holds exactly those, offline too), read through a live query so a
// logged call, a sync or another tab updates the cards in place. Calls with anyone else go
// through the call form, as before.
import { usePartners } from '../../../db/use-partners';
import { useSession } from '../../../db/use-session';
import { Page } from '../../page';
import { useNow } from '../../use-now';
import { href } from '../../use-route';
import { useEntriesT } from '../use-entries-t';
import { PartnerCard } from './partner-card';

export function PartnersScreen() {
  const t = useEntriesT();
  const session = useSession();
  const cards = usePartners(session?.userId ?? '');
  const now = useNow();
  if (session === undefined) return null;
  if (session === null) {
    return (
      <Page title={t('partners.title')}>
        <p class="lead">{t('entry.needSignIn')}</p>
        <a class="button primary" href={href.signIn}>
          {t('signin.title')}
        </a>
      </Page>
    );
  }
  if (cards === undefined) return null;
  return (
    <Page title={t('partners.title')}>
      {cards.length === 0 ? (
        <p class="lead">{t('partners.none')}</p>
      ) : (
        <>
          <p class="lead">{t('partners.intro')}</p>
          <ul class="entry-list partner-list">
            {cards.map((card) => (
              <PartnerCard key={card.partner.id} card={card} author={session.userId} now={now} />
            ))}
          </ul>
        </>
      )}
      <p class="actions">
        <a class="button" href={href.call}>
          {t('call.new')}
        </a>
      </p>
    </Page>
  );
}
