// Writers for the catalogue: themes, institutions, activities, and the topics of advice
// sessions. `put*` functions run inside a
// `writeInQuarter` transaction (so several rows can share one version, like the demo seed);
// `upsert*` are the one-row conveniences. Every write is validated against the shared schema
// first, so the server never stores what a device would refuse on pull.
// Offline/conflict: these are staff edits on the server; with `expectedVersion` a stale edit
// gets a VersionConflictError instead of silently overwriting (G6).
import * as v from 'valibot';
import {
  activitySchema,
  institutionSchema,
  themeSchema,
  topicSchema,
} from '../../src/shared/catalogue';
import { parseOrThrow } from '../validation';
import type { WriteContext } from './quarter-version.repo';
import {
  checkExpectedVersion,
  requireFreeNumber,
  requireLive,
  stamp,
  toFlag,
  upsertWith,
  writeRow,
  type PutOptions,
} from './synced-row.repo';

export const themeInputSchema = v.omit(themeSchema, ['version']);
export const institutionInputSchema = v.omit(institutionSchema, ['version']);
export const activityInputSchema = v.omit(activitySchema, ['version', 'updatedAt']);
export const topicInputSchema = v.omit(topicSchema, ['version']);
export type ThemeInput = v.InferInput<typeof themeInputSchema>;
export type InstitutionInput = v.InferInput<typeof institutionInputSchema>;
export type ActivityInput = v.InferInput<typeof activityInputSchema>;
export type TopicInput = v.InferInput<typeof topicInputSchema>;

export async function putTheme(w: WriteContext, input: ThemeInput, options: PutOptions = {}) {
  const theme = parseOrThrow(themeInputSchema, input, 'Themenfeld');
  await checkExpectedVersion(w, 'themes', theme.id, options.expectedVersion);
  await requireFreeNumber(w, 'themes', theme.id, theme.number, 'das Themenfeld');
  const row = { number: theme.number, name: theme.name, ...stamp(w) };
  await writeRow(w, 'themes', theme.id, row);
}

/**
 * A topic of advice sessions. Sessions keep the topic's id and name as they were (G11), so a
 * renamed or deleted topic changes no entry.
 */
export async function putTopic(w: WriteContext, input: TopicInput, options: PutOptions = {}) {
  const topic = parseOrThrow(topicInputSchema, input, 'Thema');
  await checkExpectedVersion(w, 'topics', topic.id, options.expectedVersion);
  await requireFreeNumber(w, 'topics', topic.id, topic.number, 'das Thema');
  const row = { number: topic.number, name: topic.name, ...stamp(w) };
  await writeRow(w, 'topics', topic.id, row);
}

export async function putInstitution(
  w: WriteContext,
  input: InstitutionInput,
  options: PutOptions = {},
) {
  const institution = parseOrThrow(institutionInputSchema, input, 'Einrichtung');
  await checkExpectedVersion(w, 'institutions', institution.id, options.expectedVersion);
  const row = { name: institution.name, ...stamp(w) };
  await writeRow(w, 'institutions', institution.id, row);
}

export async function putActivity(w: WriteContext, input: ActivityInput, options: PutOptions = {}) {
  const activity = parseOrThrow(activityInputSchema, input, 'Angebot');
  await checkExpectedVersion(w, 'activities', activity.id, options.expectedVersion);
  await requireLive(w, 'themes', activity.themeId, 'Das Themenfeld');
  for (const actorId of activity.actorIds) {
    await requireLive(w, 'institutions', actorId, 'Die Einrichtung');
  }
  const row = {
    theme_id: activity.themeId,
    name: activity.name,
    description: activity.description,
    actor_ids: JSON.stringify(activity.actorIds),
    schedule: activity.schedule,
    place: activity.place,
    contact: activity.contact,
    ampel: activity.ampel,
    ampel_condition: activity.ampelCondition,
    ampel_as_of: activity.ampelAsOf ?? null,
    is_example: toFlag(activity.isExample),
    ...stamp(w),
  };
  await writeRow(w, 'activities', activity.id, row);
}

export const upsertTheme = upsertWith(putTheme);
export const upsertInstitution = upsertWith(putInstitution);
export const upsertActivity = upsertWith(putActivity);
export const upsertTopic = upsertWith(putTopic);
