// One entry in a list: its kind and time (a link to open it, or plain), its line, where it
// stands (state-badge.tsx), and the server's reason or a conflict when there is one.
import type { ComponentChildren } from 'preact';
import type { Entry } from '../../db/use-entries';
import { formatInstantBerlin } from '../../domain/dates';
import { useSettings } from '../settings-context';
import { href } from '../use-route';
import { EntryLine, KIND_VIEWS } from './kinds/kind-views';
import { StateBadge } from './state-badge';
import { useEntriesT } from './use-entries-t';

export function EntryCard(props: { entry: Entry; link?: boolean; children?: ComponentChildren }) {
  const t = useEntriesT();
  const { lang } = useSettings().settings;
  const { entry } = props;
  const title = `${t(KIND_VIEWS[entry.kind].words.one)} · ${formatInstantBerlin(Date.parse(entry.occurredAt), lang)}`;
  return (
    <li class={`card entry${entry.state === 'rejected' ? ' entry-rejected' : ''}`}>
      {props.link === false ? (
        <span class="card-title plain">{title}</span>
      ) : (
        <a class="card-title" href={href.entry(entry.id)}>
          {title}
          <span class="visually-hidden"> – {t('entries.open')}</span>
        </a>
      )}
      <span class="entry-line">
        <EntryLine entry={entry} />
      </span>
      <StateBadge state={entry.state} />
      {entry.rejection && (
        <span id={`reason-${entry.id}`} class="entry-reason">
          {entry.rejection.message}
        </span>
      )}
      {entry.conflict && <span class="hint">{t('entries.conflict')}</span>}
      {props.children}
    </li>
  );
}
