// Call partners: staff register them and assign them to callers; callers see them as cards
// under "Meine Gesprächspartner" (src/views/entries/partners/), not in "Meine Einträge". Their
// line names them; their "form" only points to those cards.
import type { EntryOf } from '../../../db/use-entries';
import { href } from '../../use-route';
import { useEntriesT } from '../use-entries-t';
import type { KindFormProps } from '../use-entry-save';
import { joinParts, type KindView } from './kind-view';

function PartnerLine(props: { entry: EntryOf<'partner'> }) {
  const partner = props.entry;
  return <>{joinParts([partner.name, partner.preferredTimes])}</>;
}

function PartnerForm(_props: KindFormProps<'partner'>) {
  const t = useEntriesT();
  return (
    <>
      <p class="lead">{t('partner.here')}</p>
      <p>
        <a class="button primary" href={href.partners}>
          {t('partners.title')}
        </a>
      </p>
    </>
  );
}

export const PARTNER_VIEW: KindView<'partner'> = {
  Line: PartnerLine,
  Form: PartnerForm,
  newHref: href.partners,
  words: {
    one: 'kind.partner',
    many: 'kind.partner.many',
    newTitle: 'partner.title',
    editTitle: 'partner.title',
    newEntry: 'partners.title',
  },
};
