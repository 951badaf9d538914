// Mutations of every entry kind (calls, advice sessions, walks, observations, call partners) and
// of route chunks as a device sends them, for server tests. Their values come from the one set of test data (tests/support/entry-builders.ts), so
// a change of a kind's fields is a change in one place.
import type { ChangesOf, EntryKindName, ValuesOf } from '../../../src/shared/entry-kinds';
import type { CallCreateV1 } from '../../../src/shared/kinds/call-kind';
import { currentVersion, type Mutation } from '../../../src/shared/push-protocol';
import type { TrackPoint, TrackPointV2 } from '../../../src/shared/walk-track';
import {
  adviceValues,
  callValues,
  observationValues,
  partnerValues,
  walkValues,
} from '../../support/entry-builders';

export type CallArgs = { id: string } & ValuesOf<'call'>;
export type AdviceArgs = { id: string } & ValuesOf<'advice'>;

/** call.create v1 args (app 0.1: no `reached`): the shared builders' call, on a 2030 date. */
export function callArgs(id: string, overrides: Partial<CallCreateV1> = {}): CallCreateV1 {
  const values: Partial<ValuesOf<'call'>> = callValues('Frau K.', {
    occurredAt: '2030-11-25T09:02:00.000Z',
    note: 'Hat sich über den Anruf gefreut.',
    activity: { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' },
  });
  delete values.reached;
  return { id, ...(values as Omit<ValuesOf<'call'>, 'reached'>), ...overrides };
}

/** A call.create v1 with seq `seq` and the call id `call-<seq>` unless `args` say otherwise. */
export function callCreate(
  seq: number,
  author: string,
  args: unknown = callArgs(`call-${seq}`),
): Mutation {
  return { seq, name: 'call.create', v: 1, author, args };
}

/** call.create v2 (app 0.2 … 0.4: `reached` given, no call partner). */
export function callCreateV2(
  seq: number,
  author: string,
  args: Omit<CallArgs, 'partnerId'> = { ...callArgs(`call-${seq}`), reached: true },
): Mutation {
  return { seq, name: 'call.create', v: 2, author, args };
}

/** call.create as apps write it today (v3: with `partnerId`, null for a call typed by hand). */
export function callCreateV3(seq: number, author: string, args: CallArgs): Mutation {
  return { seq, name: 'call.create', v: currentVersion('call', 'create'), author, args };
}

/** A call of partner `partnerId` (name as the partner's), reached unless said otherwise. */
export function partnerCallArgs(
  id: string,
  partnerId: string | null,
  overrides: Partial<CallArgs> = {},
): CallArgs {
  return { id, ...callValues('Frau K.', { partnerId, durationMinutes: 20 }), ...overrides };
}

/** call.update v1 of call `id` from `baseVersion`. */
export function callUpdate(
  seq: number,
  author: string,
  id: string,
  baseVersion: number | null,
  fields: ChangesOf<'call'>,
): Mutation {
  return entryUpdate('call', seq, author, id, baseVersion, fields);
}

export function callDelete(seq: number, author: string, id: string): Mutation {
  return entryDelete('call', seq, author, id);
}

/** An advice session at the shop about two topics, nobody named (the shared builders' one). */
export function adviceArgs(id: string, overrides: Partial<AdviceArgs> = {}): AdviceArgs {
  return {
    id,
    ...adviceValues({
      occurredAt: '2030-11-26T10:30:00.000Z',
      topics: [
        { id: 'wohnen', name: 'Wohnen' },
        { id: 'geld-antraege', name: 'Geld und Anträge' },
      ],
      referral: { id: 'i1', name: 'Seniorenbeirat Stadt Krefeld' },
      followUp: '2030-12-03',
      note: 'Wohngeldantrag besprochen, Unterlagen fehlen noch.',
    }),
    ...overrides,
  };
}

/** advice.create with seq `seq` and the id `advice-<seq>` unless `args` say otherwise. */
export function adviceCreate(
  seq: number,
  author: string,
  args: unknown = adviceArgs(`advice-${seq}`),
): Mutation {
  return { seq, name: 'advice.create', v: currentVersion('advice', 'create'), author, args };
}

export function adviceUpdate(
  seq: number,
  author: string,
  id: string,
  baseVersion: number | null,
  fields: ChangesOf<'advice'>,
): Mutation {
  return entryUpdate('advice', seq, author, id, baseVersion, fields);
}

export function adviceDelete(seq: number, author: string, id: string): Mutation {
  return entryDelete('advice', seq, author, id);
}

/** `<kind>.update` of entry `id` from `baseVersion`, changing `fields`. */
export function entryUpdate<K extends EntryKindName>(
  kind: K,
  seq: number,
  author: string,
  id: string,
  baseVersion: number | null,
  fields: ChangesOf<K>,
): Mutation {
  const v = currentVersion(kind, 'update');
  return { seq, name: `${kind}.update`, v, author, args: { id, baseVersion, fields } };
}

export function entryDelete(kind: EntryKindName, seq: number, author: string, id: string) {
  const v = currentVersion(kind, 'delete');
  return { seq, name: `${kind}.delete`, v, author, args: { id } } satisfies Mutation;
}

/** The values of create args: everything but the id. */
export function valuesOf<T extends { id: string }>(args: T): Omit<T, 'id'> {
  return Object.fromEntries(Object.entries(args).filter(([key]) => key !== 'id')) as Omit<T, 'id'>;
}

export type WalkArgs = { id: string } & ValuesOf<'walk'>;
export type ObservationArgs = { id: string } & ValuesOf<'observation'>;
export type PartnerArgs = { id: string } & ValuesOf<'partner'>;

/** `<kind>.create` with the app's current version. */
export function entryCreate(
  kind: EntryKindName,
  seq: number,
  author: string,
  args: { id: string } & Record<string, unknown>,
): Mutation {
  return { seq, name: `${kind}.create`, v: currentVersion(kind, 'create'), author, args };
}

export function walkArgs(id: string, overrides: Partial<ValuesOf<'walk'>> = {}): WalkArgs {
  return { id, ...walkValues(overrides) };
}

export function observationArgs(
  id: string,
  walkId: string,
  overrides: Partial<ValuesOf<'observation'>> = {},
): ObservationArgs {
  return { id, ...observationValues(walkId, overrides) };
}

export function partnerArgs(
  id: string,
  callers: string[],
  overrides: Partial<ValuesOf<'partner'>> = {},
): PartnerArgs {
  return { id, ...partnerValues('Frau K.', callers, overrides) };
}

/** `count` fixes of a route going north from Krefeld's Hansa Centrum, one a second. */
export function trackPoints(count: number, from = 0): TrackPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    t: new Date(Date.UTC(2026, 10, 25, 9, 0, from + i)).toISOString(),
    lat: 51.3262 + (from + i) / 100_000,
    lon: 6.5662,
    accuracy: 5,
  }));
}

/** walk.track chunk `chunk` of walk `walkId` (v2 unless said otherwise). */
export function walkTrack(
  seq: number,
  author: string,
  walkId: string,
  chunk: number,
  points: readonly (TrackPoint | TrackPointV2)[],
  v: 1 | 2 = 2,
): Mutation {
  return { seq, name: 'walk.track', v, author, args: { walkId, chunk, points } };
}
