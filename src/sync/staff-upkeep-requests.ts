// Requests of the staff screens for reports, upkeep, people, devices and the audit log (issue
// 10; the paths are the "Reports", "Upkeep" and "People, devices, audit log" sections of
// src/shared/staff/staff-endpoints.ts), on `staffGet` / `staffSend` of staff-requests.ts.
// Staff act online: nothing is queued, a failure is thrown for the screen to show where it
// happened. Edits of catalogue rows, hours and partners carry the version the editor saw; when
// someone saved the row since, the server changes nothing and answers 409 with the row as it
// is now. That answer is not an error here but a `Saved` with `ok: false` and `current`, so
// every form can put both versions side by side (upkeep-conflict.tsx) and never overwrites
// silently: "Meine übernehmen" sends the same values again with `current.version`.
import { eraseResponseSchema, type EraseResponse } from '../shared/staff/staff-erasure';
import * as v from 'valibot';
import {
  activitySchema,
  institutionSchema,
  openingExceptionSchema,
  storefrontSchema,
  themeSchema,
} from '../shared/catalogue';
import type { AuditShow } from '../shared/staff/audit-actions';
import { STAFF_PREFIX } from '../shared/staff/staff-endpoints';
import {
  auditResponseSchema,
  enrolmentCodeResponseSchema,
  staffDeviceSchema,
  staffDevicesResponseSchema,
  staffPeopleResponseSchema,
  staffPersonSchema,
  type AuditResponse,
  type CreatePersonRequest,
  type EnrolmentCodeResponse,
  type StaffDevice,
  type StaffPerson,
} from '../shared/staff/staff-people';
import {
  monthlyReportSchema,
  type ExportQuery,
  type MonthlyReport,
} from '../shared/staff/staff-reports';
import {
  activityConflictSchema,
  deletedRowSchema,
  institutionConflictSchema,
  openingExceptionConflictSchema,
  partnerConflictSchema,
  staffCatalogueSchema,
  staffPartnerSchema,
  staffPartnersSchema,
  storefrontConflictSchema,
  themeConflictSchema,
  type ActivityCreate,
  type ActivityUpdate,
  type InstitutionCreate,
  type InstitutionUpdate,
  type OpeningExceptionDelete,
  type OpeningExceptionUpdate,
  type PartnerCreate,
  type PartnerUpdate,
  type StaffCatalogue,
  type StaffPartner,
  type StaffPartners,
  type StorefrontUpdate,
  type ThemeCreate,
  type ThemeUpdate,
} from '../shared/staff/staff-upkeep';
import type {
  Activity,
  Institution,
  OpeningException,
  Storefront,
  Theme,
} from '../shared/catalogue';
import { appStaffDeps, staffGet, staffSend, type StaffDeps } from './staff-requests';
import { SyncError } from './transport';

/** An edit's outcome: saved, or refused because the row changed meanwhile (nothing saved). */
export type Saved<T, Row = T> =
  | { ok: true; row: T }
  /** `current`: the row as the server holds it now; null when it is gone. */
  | { ok: false; current: Row | null; message: string };

type ConflictSchema<Row> = v.GenericSchema<
  unknown,
  { error: 'version_conflict'; message: string; current: Row | null }
>;

/** Turns a 409 `version_conflict` into `{ ok: false, current }`; other failures stay thrown. */
async function versioned<T, Row>(
  request: Promise<T>,
  conflict: ConflictSchema<Row>,
): Promise<Saved<T, Row>> {
  try {
    return { ok: true, row: await request };
  } catch (error) {
    if (error instanceof SyncError && error.status === 409 && error.code === 'version_conflict') {
      const parsed = v.safeParse(conflict, error.body);
      if (parsed.success) {
        return { ok: false, current: parsed.output.current, message: parsed.output.message };
      }
    }
    throw error;
  }
}

const idPath = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

// ---- Reports ------------------------------------------------------------------------------

/**
 * The address of a CSV export, for a plain link: the browser downloads it with the staff
 * cookie and saves it under the server's file name (a fetch would hold the whole file).
 */
export function exportCsvHref(query: ExportQuery, baseUrl = ''): string {
  const params = new URLSearchParams({ kind: query.kind, from: query.from, to: query.to });
  return `${baseUrl}${STAFF_PREFIX}/export.csv?${params.toString()}`;
}

/** GET /staff/report?month=yyyy-MM: the month's figures for funders (no personal data). */
export function loadMonthlyReport(month: string, deps?: StaffDeps): Promise<MonthlyReport> {
  const query = new URLSearchParams({ month }).toString();
  return staffGet(`/report?${query}`, monthlyReportSchema, deps);
}

// ---- Catalogue and hours ------------------------------------------------------------------

export function loadStaffCatalogue(deps?: StaffDeps): Promise<StaffCatalogue> {
  return staffGet('/catalogue', staffCatalogueSchema, deps);
}

export function createTheme(body: ThemeCreate, deps?: StaffDeps): Promise<Saved<Theme>> {
  return versioned(staffSend('POST', '/themes', body, themeSchema, deps), themeConflictSchema);
}

export function updateTheme(id: string, body: ThemeUpdate, deps?: StaffDeps) {
  return versioned(
    staffSend('PUT', idPath('/themes', id), body, themeSchema, deps),
    themeConflictSchema,
  );
}

export function createInstitution(
  body: InstitutionCreate,
  deps?: StaffDeps,
): Promise<Saved<Institution>> {
  return versioned(
    staffSend('POST', '/institutions', body, institutionSchema, deps),
    institutionConflictSchema,
  );
}

export function updateInstitution(id: string, body: InstitutionUpdate, deps?: StaffDeps) {
  return versioned(
    staffSend('PUT', idPath('/institutions', id), body, institutionSchema, deps),
    institutionConflictSchema,
  );
}

export function createActivity(body: ActivityCreate, deps?: StaffDeps): Promise<Saved<Activity>> {
  return versioned(
    staffSend('POST', '/activities', body, activitySchema, deps),
    activityConflictSchema,
  );
}

export function updateActivity(
  id: string,
  body: ActivityUpdate,
  deps?: StaffDeps,
): Promise<Saved<Activity>> {
  return versioned(
    staffSend('PUT', idPath('/activities', id), body, activitySchema, deps),
    activityConflictSchema,
  );
}

/** The storefront with its weekly hours (version 0: the quarter has none yet). */
export function saveStorefront(
  body: StorefrontUpdate,
  deps?: StaffDeps,
): Promise<Saved<Storefront>> {
  return versioned(
    staffSend('PUT', '/storefront', body, storefrontSchema, deps),
    storefrontConflictSchema,
  );
}

/** Creates (version 0, a new id of the client's) or changes a dated exception. */
export function saveOpeningException(
  id: string,
  body: OpeningExceptionUpdate,
  deps?: StaffDeps,
): Promise<Saved<OpeningException>> {
  return versioned(
    staffSend('PUT', idPath('/opening-exceptions', id), body, openingExceptionSchema, deps),
    openingExceptionConflictSchema,
  );
}

export function deleteOpeningException(
  id: string,
  body: OpeningExceptionDelete,
  deps?: StaffDeps,
): Promise<Saved<{ id: string; version: number }, OpeningException>> {
  return versioned(
    staffSend('DELETE', idPath('/opening-exceptions', id), body, deletedRowSchema, deps),
    openingExceptionConflictSchema,
  );
}

// ---- Call partners ------------------------------------------------------------------------

export function loadStaffPartners(deps?: StaffDeps): Promise<StaffPartners> {
  return staffGet('/partners', staffPartnersSchema, deps);
}

export function createPartner(body: PartnerCreate, deps?: StaffDeps): Promise<Saved<StaffPartner>> {
  return versioned(
    staffSend('POST', '/partners', body, staffPartnerSchema, deps),
    partnerConflictSchema,
  );
}

/** Changes some fields (pause or end with `status`, assign with `callers`). */
export function updatePartner(
  id: string,
  body: PartnerUpdate,
  deps?: StaffDeps,
): Promise<Saved<StaffPartner>> {
  return versioned(
    staffSend('PUT', idPath('/partners', id), body, staffPartnerSchema, deps),
    partnerConflictSchema,
  );
}

// ---- People, devices, audit log -----------------------------------------------------------

export async function loadPeople(deps?: StaffDeps): Promise<StaffPerson[]> {
  return (await staffGet('/people', staffPeopleResponseSchema, deps)).people;
}

export function createPerson(body: CreatePersonRequest, deps?: StaffDeps): Promise<StaffPerson> {
  return staffSend('POST', '/people', body, staffPersonSchema, deps);
}

export function resetPersonPin(id: string, pin: string, deps?: StaffDeps): Promise<StaffPerson> {
  return staffSend('POST', `${idPath('/people', id)}/pin`, { pin }, staffPersonSchema, deps);
}

export function setPersonPassword(
  id: string,
  password: string,
  deps?: StaffDeps,
): Promise<StaffPerson> {
  return staffSend(
    'POST',
    `${idPath('/people', id)}/password`,
    { password },
    staffPersonSchema,
    deps,
  );
}

export function lockPerson(id: string, deps?: StaffDeps): Promise<StaffPerson> {
  return staffSend('POST', `${idPath('/people', id)}/lock`, undefined, staffPersonSchema, deps);
}

export function unlockPerson(id: string, deps?: StaffDeps): Promise<StaffPerson> {
  return staffSend('POST', `${idPath('/people', id)}/unlock`, undefined, staffPersonSchema, deps);
}

export async function loadDevices(deps?: StaffDeps): Promise<StaffDevice[]> {
  return (await staffGet('/devices', staffDevicesResponseSchema, deps)).devices;
}

/** A one-time code for a new tablet (shown as text and as a QR code of the enrol link). */
export function createEnrolmentCode(deps?: StaffDeps): Promise<EnrolmentCodeResponse> {
  return staffSend('POST', '/enrolment-codes', undefined, enrolmentCodeResponseSchema, deps);
}

export function revokeDevice(id: string, deps?: StaffDeps): Promise<StaffDevice> {
  return staffSend('POST', `${idPath('/devices', id)}/revoke`, undefined, staffDeviceSchema, deps);
}

/** The file name of a `content-disposition: attachment; filename="…"` header, if it has one. */
export function attachmentFileName(header: string | null): string | undefined {
  return header?.match(/filename="([^"]+)"/)?.[1];
}

/**
 * GET /staff/partners/:id/export or /staff/people/:id/export (issue 11, "Auskunft"):
 * everything held about one call partner or person, as the text of a JSON file and the file
 * name the server gave it. Through `staffGet`, so a 401 brings the sign-in back; the server
 * writes a `read.export_*` audit line. Fetched rather than linked so the screen can say that
 * it loads and what went wrong.
 */
export async function loadPersonExport(
  collection: 'partners' | 'people',
  id: string,
  deps: StaffDeps = appStaffDeps(),
): Promise<{ fileName: string; text: string }> {
  let fileName = `auskunft-${id}.json`;
  const body = await staffGet(`${idPath(`/${collection}`, id)}/export`, v.unknown(), {
    ...deps,
    // requestJson hands back only the body; the name is in a header.
    fetch: async (input, init) => {
      const response = await deps.fetch(input, init);
      fileName = attachmentFileName(response.headers.get('content-disposition')) ?? fileName;
      return response;
    },
  });
  return { fileName, text: JSON.stringify(body, null, 2) };
}

/**
 * Erases everything held about one call partner or one person (issue 11, Art. 17): `name` as
 * typed to confirm. Irreversible; the server refuses a name that does not match (400).
 */
export function erasePersonData(
  collection: 'partners' | 'people',
  id: string,
  name: string,
  deps?: StaffDeps,
): Promise<EraseResponse> {
  return staffSend(
    'POST',
    `${idPath(`/${collection}`, id)}/erase`,
    { name },
    eraseResponseSchema,
    deps,
  );
}

/**
 * One page of the audit log, newest first: every line, only changes or only reads (`show`);
 * `before` and `beforeId` are the last page's `nextBefore` and `nextBeforeId`.
 */
export function loadAudit(
  query: { show?: AuditShow; before?: string; beforeId?: string; limit?: number },
  deps?: StaffDeps,
): Promise<AuditResponse> {
  const params = new URLSearchParams();
  if (query.show !== undefined && query.show !== 'all') params.set('show', query.show);
  if (query.before !== undefined) params.set('before', query.before);
  if (query.beforeId !== undefined) params.set('beforeId', query.beforeId);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const search = params.toString();
  return staffGet(`/audit${search ? `?${search}` : ''}`, auditResponseSchema, deps);
}
