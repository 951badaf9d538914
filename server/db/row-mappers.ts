// Database rows → protocol objects (src/shared/catalogue.ts). The only place that knows how
// booleans (0/1) and arrays (JSON text) are stored.
import type { Selectable } from 'kysely';
import type {
  Activity,
  Institution,
  OpeningException,
  Storefront,
  Theme,
  Topic,
} from '../../src/shared/catalogue';
import type {
  ActivitiesTable,
  InstitutionsTable,
  OpeningExceptionsTable,
  StorefrontsTable,
  ThemesTable,
  TopicsTable,
} from '../db/tables';

export function toTheme(row: Selectable<ThemesTable>): Theme {
  return { id: row.id, number: row.number, name: row.name, version: row.version };
}

export function toTopic(row: Selectable<TopicsTable>): Topic {
  return { id: row.id, number: row.number, name: row.name, version: row.version };
}

export function toInstitution(row: Selectable<InstitutionsTable>): Institution {
  return { id: row.id, name: row.name, version: row.version };
}

export function toActivity(row: Selectable<ActivitiesTable>): Activity {
  return {
    id: row.id,
    themeId: row.theme_id,
    name: row.name,
    description: row.description,
    actorIds: JSON.parse(row.actor_ids) as Activity['actorIds'],
    schedule: row.schedule,
    place: row.place,
    contact: row.contact,
    ampel: row.ampel,
    ampelCondition: row.ampel_condition,
    ampelAsOf: row.ampel_as_of,
    isExample: row.is_example === 1,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toStorefront(row: Selectable<StorefrontsTable>): Storefront {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    weekly: JSON.parse(row.weekly) as Storefront['weekly'],
    holidaysClosed: row.holidays_closed === 1,
    isExample: row.is_example === 1,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toOpeningException(row: Selectable<OpeningExceptionsTable>): OpeningException {
  return {
    id: row.id,
    storefrontId: row.storefront_id,
    date: row.date,
    closed: row.closed === 1,
    intervals: JSON.parse(row.intervals) as OpeningException['intervals'],
    note: row.note,
    isExample: row.is_example === 1,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
