// One table of an Auskunft (auskunft-screen.tsx) as a section: a heading saying what it is, one
// sentence, then each row as a short list of labelled lines ("Zeitpunkt: 25.11.2026, 11:00"),
// its ids apart and small. JSON columns are unpacked: an entry's `fields` by its kind's labels,
// an audit line's `detail` as the audit log words it (audit-words.ts), a history value as it
// read before and after, a route piece as how many points from when to when.
import * as v from 'valibot';
import type { Lang } from '../../domain/dates';
import { auskunftDe } from '../../i18n/messages-auskunft';
import { actionWords, detailWords } from './audit-words';
import {
  cellText,
  columnLabel,
  fieldLabel,
  isIdColumn,
  kindWord,
  parseStored,
  pointsText,
  valueText,
  type AuskunftT,
} from './auskunft-words';
import type { StaffT } from './use-staff-t';

type Row = Record<string, unknown>;

const auskunftSchema = v.object({
  subject: v.object({ type: v.picklist(['partner', 'person']), id: v.string(), name: v.string() }),
  exportedAt: v.string(),
  tables: v.record(v.string(), v.array(v.record(v.string(), v.unknown()))),
});
export type Auskunft = v.InferOutput<typeof auskunftSchema>;

/** The export's JSON text, checked for its shape (what the server sends, docs/api.md). */
export function parseAuskunft(text: string): Auskunft {
  return v.parse(auskunftSchema, JSON.parse(text));
}

interface Line {
  label: string;
  value: string;
}

interface SectionProps {
  t: AuskunftT;
  st: StaffT;
  lang: Lang;
  subject: 'partner' | 'person';
  table: string;
  rows: Row[];
  /** The export's entries, for the kind of an entry a history row names. */
  entries: Row[];
}

function sectionWords(t: AuskunftT, table: string, subject: 'partner' | 'person') {
  const base = `auskunft.table.${table}`;
  const pick = (part: 'title' | 'text') => {
    const own = `${base}.${part}.${subject}`;
    if (own in auskunftDe) return t(own as keyof typeof auskunftDe);
    const key = `${base}.${part}`;
    if (key in auskunftDe) return t(key as keyof typeof auskunftDe);
    return part === 'title' ? table : t('auskunft.table.unknown.text');
  };
  return { title: pick('title'), text: pick('text') };
}

export function AuskunftSection(props: SectionProps) {
  const { t, table, rows } = props;
  const words = sectionWords(t, table, props.subject);
  const headingId = `auskunft-${table}`;
  return (
    <section class="auskunft-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{words.title}</h2>
      <p>{words.text}</p>
      {rows.length === 0 ? (
        <p class="auskunft-empty">{t('auskunft.empty')}</p>
      ) : (
        <>
          <p class="hint">
            {rows.length === 1
              ? t('auskunft.countOne')
              : t('auskunft.count', { count: rows.length })}
          </p>
          <ol class="auskunft-rows">
            {rows.map((row, index) => (
              <AuskunftRow key={index} {...props} row={row} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function AuskunftRow(props: SectionProps & { row: Row }) {
  const { t, st, lang, table, row } = props;
  const lines: Line[] = [];
  const ids: string[] = [];
  const kindOfEntry = (id: unknown) => props.entries.find((entry) => entry.id === id)?.kind;
  for (const [column, value] of Object.entries(row)) {
    if (table === 'entries' && column === 'kind') {
      // Said in the row's title.
    } else if (isIdColumn(column)) {
      if (value !== null && value !== undefined && value !== '') {
        ids.push(`${columnLabel(t, column)} ${String(value)}`);
      }
    } else if (column === 'fields') {
      const fields = parseStored(value);
      if (fields && typeof fields === 'object' && !Array.isArray(fields)) {
        for (const [field, inner] of Object.entries(fields as Row)) {
          lines.push({
            label: fieldLabel(row.kind, field),
            value: cellText(t, lang, field, inner),
          });
        }
      } else {
        lines.push({ label: columnLabel(t, column), value: valueText(t, lang, fields) });
      }
    } else if (column === 'detail') {
      const detail = parseStored(value);
      const words =
        detail && typeof detail === 'object' && !Array.isArray(detail)
          ? detailWords(st, detail as Row)
          : [valueText(t, lang, detail)];
      lines.push({
        label: columnLabel(t, column),
        value: words.length > 0 ? words.join('; ') : t('auskunft.none'),
      });
    } else if (table === 'entry_history' && column === 'field') {
      lines.push({
        label: columnLabel(t, column),
        value: fieldLabel(kindOfEntry(row.entry_id), String(value)),
      });
    } else if (column === 'old_value' || column === 'new_value') {
      lines.push({ label: columnLabel(t, column), value: valueText(t, lang, parseStored(value)) });
    } else if (column === 'points') {
      lines.push({ label: columnLabel(t, column), value: pointsText(t, lang, value) });
    } else if (table === 'audit_log' && column === 'action') {
      lines.push({ label: columnLabel(t, column), value: actionWords(st, String(value)) });
    } else {
      lines.push({ label: columnLabel(t, column), value: cellText(t, lang, column, value) });
    }
  }
  const title =
    table === 'entries'
      ? `${kindWord(t, row.kind)} – ${valueText(t, lang, row.occurred_at)}`
      : null;
  return (
    <li class="auskunft-row">
      {title && <p class="auskunft-row-title">{title}</p>}
      <dl class="auskunft-facts">
        {lines.map((line, index) => (
          <div key={index}>
            <dt>{line.label}</dt>
            <dd>{line.value}</dd>
          </div>
        ))}
      </dl>
      {ids.length > 0 && (
        <p class="auskunft-ids">
          {t('auskunft.ids')} {ids.join(' · ')}
        </p>
      )}
    </li>
  );
}
