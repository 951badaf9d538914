// The stored values of an Auskunft (issue 11, Art. 15 DSGVO) in words for the person they are
// about: a column's German name, yes/no for flags, a time on the Berlin clock, a day as
// 30.11.2026, roles and states in words, an entry's fields by the labels of its kind
// (src/shared/entry-kinds.ts, so fields added to a kind later show without code here). Rows
// come as the database stores them (snake_case, JSON columns as text, flags 0/1). A column or
// value this page does not know is shown as it is stored, never hidden. Pure.
import { formatDayShort, formatInstantBerlin, type Lang } from '../../domain/dates';
import { auskunftDe, type AuskunftMessageKey } from '../../i18n/messages-auskunft';
import type { PrivacyMessageKey } from '../../i18n/messages-privacy';
import type { Translate } from '../../i18n/translate';
import { ENTRY_KINDS, isEntryKind } from '../../shared/entry-kinds';

export type AuskunftT = Translate<AuskunftMessageKey | PrivacyMessageKey>;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Columns (and entry fields) that are yes or no, stored as 0/1 or true/false. */
const FLAGS = new Set(['deleted', 'concern', 'conflict', 'is_example', 'fig_reached']);
/** "Has a PIN / password": said to exist, the secret itself is never in the export. */
const SECRETS = new Set(['has_pin', 'has_password']);
/** Columns and fields whose stored values are words of the app (`active`, `volunteer`). */
const WORDED = new Set(['role', 'status', 'subject_type', 'consentForm']);

const isKey = (key: string): key is AuskunftMessageKey => key in auskunftDe;

/** Ids are for staff to find a row again: shown apart and small. */
export function isIdColumn(column: string): boolean {
  return column === 'id' || column.endsWith('_id');
}

/** The column's name in words, or as stored. */
export function columnLabel(t: AuskunftT, column: string): string {
  const key = `auskunft.col.${column}`;
  return isKey(key) ? t(key) : column;
}

/** An entry kind's name in words ("Anruf"), or as stored. */
export function kindWord(t: AuskunftT, kind: unknown): string {
  const key = `auskunft.kind.${String(kind)}`;
  return isKey(key) ? t(key) : String(kind);
}

/** An entry field's label from its kind's declaration; else any kind's; else as stored. */
export function fieldLabel(kind: unknown, field: string): string {
  if (typeof kind === 'string' && isEntryKind(kind)) {
    const label = ENTRY_KINDS[kind].allLabels[field];
    if (label) return label;
  }
  for (const declared of Object.values(ENTRY_KINDS)) {
    const label = declared.allLabels[field];
    if (label) return label;
  }
  return field;
}

/** JSON text as stored (`fields`, `detail`, history values), read; anything else as it is. */
export function parseStored(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Any value in words: empty, yes/no, a Berlin time, a day, a list, a place, a named thing. */
export function valueText(t: AuskunftT, lang: Lang, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('auskunft.none');
  if (typeof value === 'boolean') return t(value ? 'auskunft.yes' : 'auskunft.no');
  if (typeof value === 'number') return value.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB');
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value)) return formatInstantBerlin(Date.parse(value), lang);
    if (DAY.test(value)) return formatDayShort(value, lang);
    return value;
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? t('auskunft.none')
      : value.map((item) => valueText(t, lang, item)).join(', ');
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string') return record.name;
    if (typeof record.lat === 'number' && typeof record.lon === 'number') {
      return t('auskunft.place', { lat: record.lat.toFixed(5), lon: record.lon.toFixed(5) });
    }
    return Object.entries(record)
      .map(([key, inner]) => `${key}: ${valueText(t, lang, inner)}`)
      .join('; ');
  }
  return String(value);
}

/** A column's (or an entry field's) value in words, knowing what the column holds. */
export function cellText(t: AuskunftT, lang: Lang, column: string, value: unknown): string {
  const yes = value === true || value === 1 || value === '1';
  const no = value === false || value === 0 || value === '0';
  if (SECRETS.has(column) && (yes || no)) return t(yes ? 'auskunft.secret.yes' : 'auskunft.no');
  if (FLAGS.has(column) && (yes || no)) return t(yes ? 'auskunft.yes' : 'auskunft.no');
  if (column === 'kind') return kindWord(t, value);
  if (WORDED.has(column) && typeof value === 'string') {
    const key = `auskunft.value.${value}`;
    if (isKey(key)) return t(key);
  }
  return valueText(t, lang, value);
}

/** A route piece's points (`[{ t, lat, lon, accuracy }]`) as how many, from when to when. */
export function pointsText(t: AuskunftT, lang: Lang, value: unknown): string {
  const points = parseStored(value);
  if (!Array.isArray(points)) return valueText(t, lang, points);
  if (points.length === 0) return t('auskunft.pointsNone');
  const time = (point: unknown) => valueText(t, lang, (point as { t?: unknown } | null)?.t ?? null);
  return t('auskunft.points', {
    count: points.length,
    from: time(points[0]),
    to: time(points[points.length - 1]),
  });
}
