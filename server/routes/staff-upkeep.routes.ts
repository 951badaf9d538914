// Upkeep of the catalogue, the storefront's hours and call partners (issue 10, docs/api.md
// "Upkeep"). Thin: parse with the shared schemas (src/shared/staff/staff-upkeep.ts), call the
// services with the staff member, reply. Every route needs a staff session (`requireStaff`);
// every read and write is scoped by `staffOf(request).quarterId`, so another quarter's ids
// answer 404 like unknown ones. Edits carry `expectedVersion`: a stale one is a 409 with the
// row as it is now; every write leaves an audit line (in the services).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import {
  activityCreateSchema,
  activityUpdateSchema,
  institutionCreateSchema,
  institutionUpdateSchema,
  openingExceptionDeleteSchema,
  openingExceptionUpdateSchema,
  partnerCreateSchema,
  partnerUpdateSchema,
  storefrontUpdateSchema,
  themeCreateSchema,
  themeUpdateSchema,
} from '../../src/shared/staff/staff-upkeep';
import { plainId } from '../../src/shared/text';
import type { Database, SyncedTableName } from '../db/tables';
import { staffOf, type Clock } from '../http/staff-auth';
import {
  ACTIVITIES,
  deleteOpeningException,
  exceptionStorefront,
  INSTITUTIONS,
  OPENING_EXCEPTIONS,
  saveRow,
  STOREFRONTS,
  storefrontId,
  THEMES,
  type SaveMode,
  type Target,
} from '../quarters/catalogue-upkeep';
import type { UpkeepRows } from '../repos/upkeep-rows.repo';
import { readStaffCatalogue } from '../quarters/staff-catalogue';
import { auditPartnersRead } from '../sync/read-audit';
import { createStaffPartner, listStaffPartners, updateStaffPartner } from '../sync/staff-partners';
import { parseOrThrow, type AnySchema } from '../validation';

const idParams = v.object({ id: plainId(64) });

/** A parsed create or update body of a catalogue row. */
type RowBody = { id?: string; expectedVersion: number } & Record<string, unknown>;
/** The row's own fields of a parsed update body. */
type FieldsOf<S extends AnySchema> = Omit<v.InferOutput<S>, 'expectedVersion'>;
/** What a catalogue row's build returns (saveRow adds id, version and time). */
type BuiltRow<T extends SyncedTableName> = Omit<UpkeepRows[T], 'id' | 'version' | 'updatedAt'>;

export function staffUpkeepRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  requireStaff: preHandlerAsyncHookHandler,
  clock: Clock = () => new Date(),
): void {
  const guarded = { preHandler: requireStaff };
  const url = (path: string) => `${STAFF_PREFIX}${path}`;
  const idOf = (params: unknown) => parseOrThrow(idParams, params, 'Ungültige Kennung').id;

  app.get(url('/catalogue'), guarded, async (request) =>
    readStaffCatalogue(db, staffOf(request).quarterId),
  );

  /**
   * POST `path` (a new row, 201) and PUT `path/:id` (an edit) of one kind of catalogue row:
   * the body parsed with the kind's schema, the row built from its fields (and the stored row).
   */
  function rowRoutes<T extends 'themes' | 'institutions' | 'activities', U extends AnySchema>(
    path: string,
    target: Target<T>,
    what: string,
    schemas: { create: AnySchema; update: U },
    build: (fields: FieldsOf<U>, before: UpkeepRows[T] | undefined) => BuiltRow<T>,
  ): void {
    const save = async (request: FastifyRequest, mode: SaveMode, id: string, body: RowBody) => {
      const { expectedVersion, ...fields } = body;
      const saved = await saveRow(
        db,
        staffOf(request),
        {
          target,
          mode,
          id,
          expectedVersion,
          build: async (before) => build(fields as FieldsOf<U>, before),
        },
        clock(),
      );
      return saved.row;
    };
    app.post(url(path), guarded, async (request, reply) => {
      // The create schema is the update schema with an optional id: the same fields.
      const { id, ...body } = parseOrThrow(schemas.create, request.body, what) as RowBody;
      return reply.code(201).send(await save(request, 'create', id ?? randomUUID(), body));
    });
    app.put(url(`${path}/:id`), guarded, async (request) => {
      const id = idOf(request.params);
      return save(
        request,
        'update',
        id,
        parseOrThrow(schemas.update, request.body, what) as RowBody,
      );
    });
  }

  rowRoutes(
    '/themes',
    THEMES,
    'Themenfeld',
    { create: themeCreateSchema, update: themeUpdateSchema },
    (fields) => fields,
  );
  rowRoutes(
    '/institutions',
    INSTITUTIONS,
    'Einrichtung',
    { create: institutionCreateSchema, update: institutionUpdateSchema },
    (fields) => fields,
  );
  // An example stays marked as one until `npm run demo:remove`; a new activity is none.
  rowRoutes(
    '/activities',
    ACTIVITIES,
    'Angebot',
    { create: activityCreateSchema, update: activityUpdateSchema },
    (fields, before) => ({ ...fields, isExample: before?.isExample ?? false }),
  );

  // ---- Opening hours ------------------------------------------------------------------------

  app.put(url('/storefront'), guarded, async (request) => {
    const { expectedVersion, ...fields } = parseOrThrow(
      storefrontUpdateSchema,
      request.body,
      'Anlaufstelle',
    );
    const saved = await saveRow(
      db,
      staffOf(request),
      {
        target: STOREFRONTS,
        mode: 'upsert',
        id: storefrontId,
        expectedVersion,
        build: async (before) => ({ ...fields, isExample: before?.isExample ?? false }),
      },
      clock(),
    );
    return saved.row;
  });

  app.put(url('/opening-exceptions/:id'), guarded, async (request, reply) => {
    const id = idOf(request.params);
    const { expectedVersion, ...fields } = parseOrThrow(
      openingExceptionUpdateSchema,
      request.body,
      'Besonderer Tag',
    );
    const saved = await saveRow(
      db,
      staffOf(request),
      {
        target: OPENING_EXCEPTIONS,
        mode: 'upsert',
        id,
        expectedVersion,
        build: async (before, w) => ({
          storefrontId: await exceptionStorefront(w, before),
          ...fields,
          isExample: before?.isExample ?? false,
        }),
      },
      clock(),
    );
    return reply.code(saved.created ? 201 : 200).send(saved.row);
  });

  app.delete(url('/opening-exceptions/:id'), guarded, async (request) => {
    const id = idOf(request.params);
    const { expectedVersion } = parseOrThrow(
      openingExceptionDeleteSchema,
      request.body,
      'Besonderer Tag',
    );
    return deleteOpeningException(db, staffOf(request), id, expectedVersion, clock());
  });

  // ---- Call partners ------------------------------------------------------------------------

  // Names and phone numbers: the read leaves an audit line (issue 11, sync/read-audit.ts), and
  // there is no HEAD twin to write one without an answer.
  app.get(url('/partners'), { ...guarded, exposeHeadRoute: false }, async (request) => {
    const staff = staffOf(request);
    const shown = await listStaffPartners(db, staff.quarterId);
    await auditPartnersRead(db, staff, shown, clock());
    return shown;
  });

  app.post(url('/partners'), guarded, async (request, reply) => {
    const body = parseOrThrow(partnerCreateSchema, request.body, 'Gesprächsperson');
    const partner = await createStaffPartner(db, staffOf(request), body, clock());
    return reply.code(201).send(partner);
  });

  app.put(url('/partners/:id'), guarded, async (request) => {
    const id = idOf(request.params);
    const { expectedVersion, ...fields } = parseOrThrow(
      partnerUpdateSchema,
      request.body,
      'Gesprächsperson',
    );
    return updateStaffPartner(db, staffOf(request), id, expectedVersion, fields, clock());
  });
}
