// Walks (Stadtspaziergänge): their line in "Meine Einträge" (title, distance, walking time,
// participants) and their page — route, observations, downloads and the details form
// (src/views/entries/walk/). A new walk starts on the recorder screen, never as a blank form.
import type { EntryOf } from '../../../db/use-entries';
import { useSettings } from '../../settings-context';
import { href } from '../../use-route';
import { useEntriesT } from '../use-entries-t';
import type { KindFormProps } from '../use-entry-save';
import { WalkPage } from '../walk/walk-page';
import { kmText, walkingTimeText } from '../walk/walk-words';
import { joinParts, type KindView } from './kind-view';

function WalkLine(props: { entry: EntryOf<'walk'> }) {
  const t = useEntriesT();
  const { lang } = useSettings().settings;
  const walk = props.entry;
  if (walk.endedAt === null) return <>{joinParts([walk.title, t('walk.recordingNow')])}</>;
  return (
    <>
      {joinParts([
        walk.title,
        kmText(t, lang, walk.distanceMetres),
        walkingTimeText(t, walk.walkingSeconds),
        walk.participants > 0 && t('walk.people', { count: walk.participants }),
        walk.concern && t('entries.concern'),
      ])}
    </>
  );
}

function WalkForm(props: KindFormProps<'walk'>) {
  const t = useEntriesT();
  if (!props.existing) {
    return (
      <p>
        <a class="button primary" href={href.walk}>
          {t('walk.new')}
        </a>
      </p>
    );
  }
  return <WalkPage existing={props.existing} author={props.author} />;
}

export const WALK_VIEW: KindView<'walk'> = {
  Line: WalkLine,
  Form: WalkForm,
  newHref: href.walk,
  words: {
    one: 'kind.walk',
    many: 'kind.walk.many',
    newTitle: 'walk.title',
    editTitle: 'walk.editTitle',
    newEntry: 'walk.new',
  },
};
