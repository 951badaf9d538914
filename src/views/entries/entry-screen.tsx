// One entry's screen: a new entry of a kind (`#/anruf`, `#/beratung`, a call with a partner
// `#/anruf/<partnerId>`) or an existing one (`#/eintrag/<id>`), whose kind picks the form. Also what is left once it is deleted: the
// short undo while the deletion is held, then the plain word that it is gone.
import type { ComponentType } from 'preact';
import { useRef } from 'preact/hooks';
import { useEntry } from '../../db/use-entry';
import { useSession } from '../../db/use-session';
import type { EntryKindName } from '../../shared/entry-kinds';
import { Page } from '../page';
import { href } from '../use-route';
import { UndoDeletes } from './delete-section';
import type { KindFormProps } from './use-entry-save';
import { Notice } from './form-field';
import { KIND_VIEWS } from './kinds/kind-views';
import { useDeletePhases } from './pending-deletes';
import { useEntriesT } from './use-entries-t';

export function EntryScreen(props: { kind?: EntryKindName; id?: string; partnerId?: string }) {
  const t = useEntriesT();
  const session = useSession();
  const entry = useEntry(props.id ?? '');
  const phase = useDeletePhases().get(props.id ?? '');
  // The kind stays known after the entry is gone, so the title does not change under the undo.
  const kind = useRef(props.kind);
  if (entry) kind.current = entry.kind;

  if (session === undefined || (props.id && entry === undefined)) return null;
  const words = kind.current && KIND_VIEWS[kind.current].words;
  const title = words ? t(props.id ? words.editTitle : words.newTitle) : t('entry.title');
  const toList = (
    <p>
      <a class="button" href={href.entries}>
        {t('entry.toList')}
      </a>
    </p>
  );
  if (session === null) {
    return (
      <Page title={title}>
        <p class="lead">{t('entry.needSignIn')}</p>
        <a class="button primary" href={href.signIn}>
          {t('signin.title')}
        </a>
      </Page>
    );
  }
  if (props.id && phase) {
    return (
      <Page title={title}>
        {phase === 'held' ? (
          <UndoDeletes only={props.id} focus />
        ) : (
          <Notice kind="ok">{t('entry.deleted')}</Notice>
        )}
        {toList}
      </Page>
    );
  }
  // Only one's own entries open here (a shared tablet shows nobody else's).
  if ((props.id && (!entry || entry.author !== session.userId)) || !kind.current) {
    return (
      <Page title={title}>
        <p class="lead">{t('entry.notFound')}</p>
        {toList}
      </Page>
    );
  }
  const Form = KIND_VIEWS[kind.current].Form as ComponentType<KindFormProps<EntryKindName>>;
  return (
    <Page title={title}>
      <Form existing={entry ?? undefined} author={session.userId} partnerId={props.partnerId} />
    </Page>
  );
}
