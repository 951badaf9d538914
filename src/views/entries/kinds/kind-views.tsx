// Every kind's line, form and words, by kind name. The type makes a kind declared in
// src/shared/entry-kinds.ts but missing here a compile error.
import type { ComponentType } from 'preact';
import type { Entry } from '../../../db/use-entries';
import type { EntryKindName } from '../../../shared/entry-kinds';
import { ADVICE_VIEW } from './advice-views';
import { CALL_VIEW } from './call-views';
import type { KindView } from './kind-view';
import { OBSERVATION_VIEW } from './observation-views';
import { PARTNER_VIEW } from './partner-views';
import { WALK_VIEW } from './walk-views';

export const KIND_VIEWS: { readonly [K in EntryKindName]: KindView<K> } = {
  call: CALL_VIEW,
  advice: ADVICE_VIEW,
  walk: WALK_VIEW,
  observation: OBSERVATION_VIEW,
  partner: PARTNER_VIEW,
};

/**
 * The kinds in the order the filter and the start of "Meine Einträge" show them. Observations
 * are shown inside their walk, call partners on their own screen: neither is listed here.
 */
export const KIND_ORDER: readonly EntryKindName[] = ['call', 'advice', 'walk'];

/** The line of an entry of any kind. */
export function EntryLine(props: { entry: Entry }) {
  // One kind at a time: the entry's kind picks the line made for it.
  const Line = KIND_VIEWS[props.entry.kind].Line as ComponentType<{ entry: Entry }>;
  return <Line entry={props.entry} />;
}
