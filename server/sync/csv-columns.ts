// The columns of the CSV export (issue 10), per entry kind: a German header and how a stored
// entry becomes the cell's text. Formats are those German Excel reads as they are: dates
// `dd.MM.yyyy` and times `HH:mm` in Europe/Berlin (src/domain/dates.ts), decimal comma
// (`2,4` km), `ja`/`nein`. The words for places, age groups and categories are the app's own
// (src/i18n), written out here because the server does not load the app's message catalogue.
// Quoting is csv-stringify's (csv-export.ts); this module only makes the texts. Pure.
import { berlinWallClock, formatDayShort, minutesToTime } from '../../src/domain/dates';
import type { ExportKind } from '../../src/shared/staff/staff-reports';

/** A stored entry as the columns read it. */
export interface CsvEntry {
  id: string;
  occurredAt: string;
  concern: boolean;
  conflict: boolean;
  fields: Record<string, unknown>;
  /** The author's name; '' when the person no longer exists. */
  authorName: string;
}

export interface CsvColumn {
  header: string;
  cell: (entry: CsvEntry) => string;
}

const PLACES: Record<string, string> = {
  shop: 'Im Laden',
  home: 'Zu Hause bei der Person',
  phone: 'Am Telefon',
  elsewhere: 'Woanders',
};
const AGE_BANDS: Record<string, string> = {
  under60: 'unter 60',
  '60to69': '60 bis 69',
  '70to79': '70 bis 79',
  '80to89': '80 bis 89',
  '90plus': '90 oder älter',
  unknown: 'Weiß nicht',
};
const CATEGORIES: Record<string, string> = {
  barrier: 'Barriere',
  bench: 'Sitzbank',
  toilet: 'Toilette',
  meetingPoint: 'Treffpunkt',
  hazard: 'Gefahrenstelle',
  other: 'Sonstiges',
};

/**
 * Text typed by people, made safe for a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`
 * (or a tab or carriage return) would be read by Excel as a formula — a note like
 * `=HYPERLINK(…)` could then act when the file is opened. Such a cell gets a leading `'`, which
 * Excel shows as text (OWASP's advice on CSV injection). Everything else stays as typed.
 */
export function safeText(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** `1234.5` → `'1234,5'` with `digits` decimals (no thousands separator: Excel needs none). */
export function germanDecimal(value: number, digits: number): string {
  return value.toFixed(digits).replace('.', ',');
}

const yesNo = (value: unknown) => (value === true ? 'ja' : value === false ? 'nein' : '');
const whole = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? String(Math.round(value)) : '';

/** Berlin day and time of a stored instant; empty for anything unreadable. */
function berlin(instant: unknown): { day: string; time: string } | undefined {
  const ms = typeof instant === 'string' ? Date.parse(instant) : NaN;
  if (!Number.isFinite(ms)) return undefined;
  const { day, minutes } = berlinWallClock(ms);
  return { day, time: minutesToTime(minutes) };
}

const dateOf = (instant: unknown) => {
  const at = berlin(instant);
  return at ? formatDayShort(at.day, 'de') : '';
};
const timeOf = (instant: unknown) => berlin(instant)?.time ?? '';

/** `{ id, name, themeName }` of an entry's activity snapshot (G11), or undefined. */
function activityOf(entry: CsvEntry): { name?: unknown; themeName?: unknown } | undefined {
  const activity = entry.fields.activity;
  return typeof activity === 'object' && activity !== null
    ? (activity as { name?: unknown; themeName?: unknown })
    : undefined;
}

const nameOf = (value: unknown): string =>
  typeof value === 'object' && value !== null ? safeText((value as { name?: unknown }).name) : '';

// ---- Columns every kind has ------------------------------------------------------------------

const DATE: CsvColumn = { header: 'Datum', cell: (e) => dateOf(e.occurredAt) };
const TIME: CsvColumn = { header: 'Uhrzeit', cell: (e) => timeOf(e.occurredAt) };
const NOTE: CsvColumn = { header: 'Notiz', cell: (e) => safeText(e.fields.note) };
const CONCERN: CsvColumn = { header: 'Sorge', cell: (e) => yesNo(e.concern) };
const CONFLICT: CsvColumn = { header: 'Gleichzeitig geändert', cell: (e) => yesNo(e.conflict) };
const AUTHOR: CsvColumn = { header: 'Erfasst von', cell: (e) => safeText(e.authorName) };
/** The entry's id: finds it again in the history (`#/team/eintrag/<id>`). */
const ID: CsvColumn = { header: 'Eintrag (ID)', cell: (e) => e.id };
const MINUTES: CsvColumn = { header: 'Dauer (Min.)', cell: (e) => whole(e.fields.durationMinutes) };
const ACTIVITY: CsvColumn = { header: 'Angebot', cell: (e) => safeText(activityOf(e)?.name) };
const THEME: CsvColumn = { header: 'Themenfeld', cell: (e) => safeText(activityOf(e)?.themeName) };

const CLOSING = [NOTE, CONCERN, CONFLICT, AUTHOR, ID];

export const CSV_COLUMNS: Record<ExportKind, readonly CsvColumn[]> = {
  call: [
    DATE,
    TIME,
    MINUTES,
    { header: 'Erreicht', cell: (e) => yesNo(e.fields.reached) },
    { header: 'Gesprächsperson', cell: (e) => safeText(e.fields.partner) },
    ACTIVITY,
    THEME,
    ...CLOSING,
  ],
  advice: [
    DATE,
    TIME,
    MINUTES,
    { header: 'Ort', cell: (e) => PLACES[String(e.fields.place)] ?? '' },
    {
      header: 'Themen',
      cell: (e) => (Array.isArray(e.fields.topics) ? e.fields.topics.map(nameOf).join(', ') : ''),
    },
    { header: 'Altersgruppe', cell: (e) => AGE_BANDS[String(e.fields.ageBand)] ?? '' },
    {
      header: 'Erstkontakt',
      cell: (e) => (e.fields.firstContact === null ? 'weiß nicht' : yesNo(e.fields.firstContact)),
    },
    { header: 'Weitervermittelt an', cell: (e) => nameOf(e.fields.referral) },
    {
      header: 'Wiedervorlage',
      cell: (e) =>
        typeof e.fields.followUp === 'string' ? formatDayShort(e.fields.followUp, 'de') : '',
    },
    ...CLOSING,
  ],
  walk: [
    DATE,
    { header: 'Beginn', cell: (e) => timeOf(e.occurredAt) },
    { header: 'Ende', cell: (e) => walkEnd(e) },
    { header: 'Titel', cell: (e) => safeText(e.fields.title) },
    ACTIVITY,
    THEME,
    { header: 'Teilnehmende', cell: (e) => whole(e.fields.participants) },
    { header: 'mit Gehhilfe', cell: (e) => whole(e.fields.withWalkingAids) },
    { header: 'im Rollstuhl', cell: (e) => whole(e.fields.withWheelchairs) },
    { header: 'Strecke (km)', cell: (e) => kilometres(e.fields.distanceMetres) },
    {
      header: 'Gehzeit (Min.)',
      cell: (e) => {
        const seconds = e.fields.walkingSeconds;
        return typeof seconds === 'number' ? String(Math.round(seconds / 60)) : '';
      },
    },
    ...CLOSING,
  ],
  observation: [
    DATE,
    TIME,
    { header: 'Art', cell: (e) => CATEGORIES[String(e.fields.category)] ?? '' },
    { header: 'Breitengrad', cell: (e) => coordinate(e, 'lat') },
    { header: 'Längengrad', cell: (e) => coordinate(e, 'lon') },
    {
      header: 'Genauigkeit (m)',
      cell: (e) => whole(positionOf(e)?.accuracy),
    },
    { header: 'Spaziergang (ID)', cell: (e) => safeText(e.fields.walkId) },
    ...CLOSING,
  ],
};

/** Metres as kilometres with one decimal, `2400` → `2,4`. */
function kilometres(metres: unknown): string {
  return typeof metres === 'number' && Number.isFinite(metres)
    ? germanDecimal(metres / 1000, 1)
    : '';
}

/** The end's time; with its date in front when the walk ended on a later day. */
function walkEnd(entry: CsvEntry): string {
  const start = berlin(entry.occurredAt);
  const end = berlin(entry.fields.endedAt);
  if (!end) return '';
  return start?.day === end.day ? end.time : `${formatDayShort(end.day, 'de')} ${end.time}`;
}

function positionOf(entry: CsvEntry): { lat?: unknown; lon?: unknown; accuracy?: unknown } | null {
  const position = entry.fields.position;
  return typeof position === 'object' && position !== null ? position : null;
}

/** Five decimals: about a metre, as precise as a phone's fix. */
function coordinate(entry: CsvEntry, axis: 'lat' | 'lon'): string {
  const value = positionOf(entry)?.[axis];
  return typeof value === 'number' && Number.isFinite(value) ? germanDecimal(value, 5) : '';
}
