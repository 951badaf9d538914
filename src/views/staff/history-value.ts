// A field's value in an entry's history, in words: empty as "(leer)", yes/no, an activity by
// its name, a place by its coordinates, a time on the Berlin clock; anything else as it is.
// The history answers with the stored values, whatever the kind, so this reads them loosely.
import { formatInstantBerlin, type Lang } from '../../domain/dates';
import type { StaffT } from './use-staff-t';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function historyValue(value: unknown, t: StaffT, lang: Lang): string {
  if (value === null || value === undefined || value === '') return t('staff.history.empty');
  if (typeof value === 'boolean') return t(value ? 'staff.history.yes' : 'staff.history.no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    return ISO_INSTANT.test(value) ? formatInstantBerlin(Date.parse(value), lang) : value;
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? t('staff.history.empty')
      : value.map((item) => historyValue(item, t, lang)).join(', ');
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string') return record.name;
    if (typeof record.lat === 'number' && typeof record.lon === 'number') {
      return t('staff.history.place', { lat: record.lat.toFixed(5), lon: record.lon.toFixed(5) });
    }
  }
  return JSON.stringify(value);
}
