// Where an entry stands, in words and shape (not colour alone): on this device, sent, or
// needing attention.
import type { EntryState } from '../../db/use-entries';
import { useEntriesT } from './use-entries-t';

const ICON: Record<EntryState, string> = { saved: '◷', delivered: '✓', rejected: '!' };

export function StateBadge(props: { state: EntryState }) {
  const t = useEntriesT();
  return (
    <span class={`state state-${props.state}`}>
      <span aria-hidden="true">{ICON[props.state]} </span>
      {t(`state.${props.state}`)}
    </span>
  );
}
