// What a month's advice sessions were about, for the funders' report (issue 10): how often each
// topic was named, where people were referred to, where the sessions took place, age groups and
// first contacts — counts only, nothing that describes one person. Pure: the caller passes the
// live advice entries' fields and the catalogue.
//
// A session names its topics and its referral by a snapshot `{ id, name }` (G11): one whose
// topic or institution has since left the catalogue still counts, under the snapshot's name;
// one still there counts under the catalogue's current name.
import { ADVICE_PLACES, AGE_BANDS } from '../shared/kinds/advice-kind';
import type { ReportAdvice } from '../shared/staff/staff-reports';

export interface AdviceCatalogue {
  topics: readonly { id: string; number: number; name: string }[];
  institutions: readonly { id: string; name: string }[];
}

interface Tally {
  id: string;
  name: string;
  count: number;
  /** Catalogue position (topics: number); unknown ones after, by name. */
  order: number;
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

function snapshot(value: unknown): { id: string; name: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, name } = value as { id?: unknown; name?: unknown };
  if (typeof id !== 'string' || id === '') return undefined;
  return { id, name: typeof name === 'string' ? name : id };
}

function isOneOf<K extends string>(keys: readonly K[], value: unknown): value is K {
  return (keys as readonly unknown[]).includes(value);
}

/** Most named first; equal counts in catalogue order, then by name. */
function ranked(tallies: Map<string, Tally>): { id: string; name: string; count: number }[] {
  return [...tallies.values()]
    .sort((a, b) => b.count - a.count || a.order - b.order || (a.name < b.name ? -1 : 1))
    .map(({ id, name, count }) => ({ id, name, count }));
}

/** `adviceFields`: the own fields of each live advice session in the period. */
export function summarizeAdvice(
  adviceFields: readonly Record<string, unknown>[],
  catalogue: AdviceCatalogue,
): ReportAdvice {
  const topicInfo = new Map(catalogue.topics.map((t) => [t.id, t]));
  const institutionInfo = new Map(
    catalogue.institutions.map((i, index) => [i.id, { ...i, index }]),
  );
  const topics = new Map<string, Tally>();
  const referrals = new Map<string, Tally>();
  const places = zeros(ADVICE_PLACES);
  const ageBands = zeros(AGE_BANDS);
  const firstContact = { yes: 0, no: 0, unknown: 0 };
  let withoutReferral = 0;

  const bump = (tallies: Map<string, Tally>, ref: { id: string; name: string }, known?: Tally) => {
    const tally = tallies.get(ref.id) ?? known ?? { ...ref, count: 0, order: Infinity };
    tally.count += 1;
    tallies.set(ref.id, tally);
  };

  for (const fields of adviceFields) {
    const seen = new Set<string>();
    for (const value of Array.isArray(fields.topics) ? fields.topics : []) {
      const ref = snapshot(value);
      // A session names a topic once (the schema says so); count it once even if not.
      if (!ref || seen.has(ref.id)) continue;
      seen.add(ref.id);
      const known = topicInfo.get(ref.id);
      bump(topics, ref, known && { id: known.id, name: known.name, count: 0, order: known.number });
    }
    const referral = snapshot(fields.referral);
    if (referral) {
      const known = institutionInfo.get(referral.id);
      bump(
        referrals,
        referral,
        known && { id: known.id, name: known.name, count: 0, order: known.index },
      );
    } else {
      withoutReferral += 1;
    }
    if (isOneOf(ADVICE_PLACES, fields.place)) places[fields.place] += 1;
    if (isOneOf(AGE_BANDS, fields.ageBand)) ageBands[fields.ageBand] += 1;
    if (fields.firstContact === true) firstContact.yes += 1;
    else if (fields.firstContact === false) firstContact.no += 1;
    else firstContact.unknown += 1;
  }

  return {
    sessions: adviceFields.length,
    topics: ranked(topics),
    referrals: ranked(referrals),
    withoutReferral,
    places,
    ageBands,
    firstContact,
  };
}
