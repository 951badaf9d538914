// Upkeep of the catalogue, the storefront's hours and call partners (issue 10, docs/api.md
// "Upkeep"). Thin: parse with the shared schemas (src/shared/staff/staff-upkeep.ts), call the
// services with the staff member, reply. Every route needs a staff session (`requireStaff`);
// every read and write is scoped by `staffOf(request).quarterId`, so another quarter's ids
// answer 404 like unknown ones. Edits carry `expectedVersion`: a stale one is a 409 with the
// row as it is now; every write leaves an audit line (in the services).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
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
import type { Database } from '../db/tables';
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
} from '../quarters/catalogue-upkeep';
import { readStaffCatalogue } from '../quarters/staff-catalogue';
import { createStaffPartner, listStaffPartners, updateStaffPartner } from '../sync/staff-partners';
import { parseOrThrow } from '../validation';

const idParams = v.object({ id: plainId(64) });

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

  // ---- Themes and institutions --------------------------------------------------------------

  app.post(url('/themes'), guarded, async (request, reply) => {
    const { id, expectedVersion, ...fields } = parseOrThrow(
      themeCreateSchema,
      request.body,
      'Themenfeld',
    );
    const saved = await saveRow(
      db,
      staffOf(request),
      {
        target: THEMES,
        mode: 'create',
        id: id ?? randomUUID(),
        expectedVersion,
        build: async () => fields,
      },
      clock(),
    );
    return reply.code(201).send(saved.row);
  });

  app.put(url('/themes/:id'), guarded, async (request) => {
    const id = idOf(request.params);
    const { expectedVersion, ...fields } = parseOrThrow(
      themeUpdateSchema,
      request.body,
      'Themenfeld',
    );
    const saved = await saveRow(
      db,
      staffOf(request),
      { target: THEMES, mode: 'update', id, expectedVersion, build: async () => fields },
      clock(),
    );
    return saved.row;
  });

  app.post(url('/institutions'), guarded, async (request, reply) => {
    const body = parseOrThrow(institutionCreateSchema, request.body, 'Einrichtung');
    const id = body.id ?? randomUUID();
    const saved = await saveRow(
      db,
      staffOf(request),
      {
        target: INSTITUTIONS,
        mode: 'create',
        id,
        expectedVersion: body.expectedVersion,
        build: async () => ({ name: body.name }),
      },
      clock(),
    );
    return reply.code(201).send(saved.row);
  });

  app.put(url('/institutions/:id'), guarded, async (request) => {
    const id = idOf(request.params);
    const body = parseOrThrow(institutionUpdateSchema, request.body, 'Einrichtung');
    const saved = await saveRow(
      db,
      staffOf(request),
      {
        target: INSTITUTIONS,
        mode: 'update',
        id,
        expectedVersion: body.expectedVersion,
        build: async () => ({ name: body.name }),
      },
      clock(),
    );
    return saved.row;
  });

  // ---- Activities (with their Ampel) --------------------------------------------------------

  app.post(url('/activities'), guarded, async (request, reply) => {
    const { id, expectedVersion, ...fields } = parseOrThrow(
      activityCreateSchema,
      request.body,
      'Angebot',
    );
    const saved = await saveRow(
      db,
      staffOf(request),
      {
        target: ACTIVITIES,
        mode: 'create',
        id: id ?? randomUUID(),
        expectedVersion,
        build: async () => ({ ...fields, isExample: false }),
      },
      clock(),
    );
    return reply.code(201).send(saved.row);
  });

  app.put(url('/activities/:id'), guarded, async (request) => {
    const id = idOf(request.params);
    const { expectedVersion, ...fields } = parseOrThrow(
      activityUpdateSchema,
      request.body,
      'Angebot',
    );
    const saved = await saveRow(
      db,
      staffOf(request),
      {
        target: ACTIVITIES,
        mode: 'update',
        id,
        expectedVersion,
        // An example stays marked as one until `npm run demo:remove`.
        build: async (before) => ({ ...fields, isExample: before?.isExample ?? false }),
      },
      clock(),
    );
    return saved.row;
  });

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

  app.get(url('/partners'), guarded, async (request) =>
    listStaffPartners(db, staffOf(request).quarterId),
  );

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
