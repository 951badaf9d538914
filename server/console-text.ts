// Text for the console (the admin commands, the start-up line with the demo's enrolment code):
// times the way staff read them (Europe/Berlin, e.g. "Mittwoch, 2. Dezember 2026 um 14:30"), and
// text that came from elsewhere (a device's label, a name) made safe to print: control
// characters (C0, DEL, C1), line and paragraph separators, bidi overrides and lone surrogates
// are shown as `\u001b`, so a label can neither recolour the screen, move the cursor, reorder
// text nor fake a line of its own.

const dateTime = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  dateStyle: 'full',
  timeStyle: 'short',
});

const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A date and time in German, Europe/Berlin. */
export function formatDateTime(at: Date | string): string {
  return dateTime.format(typeof at === 'string' ? new Date(at) : at);
}

/** `text` safe for a terminal: every unprintable character as `\uXXXX`. */
export function printable(text: string): string {
  return text.replace(
    UNPRINTABLE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
