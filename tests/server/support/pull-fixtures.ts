// Pull as a device does it: with its `Authorization` header, validated against the shared
// schema the device uses, so every test also checks the exact contract.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as v from 'valibot';
import { expect } from 'vitest';
import { pullResponseSchema, type PullResponse } from '../../../src/shared/protocol';
import { sessionHeaders } from './identity-fixtures';

export type PullQuery = Record<string, string>;

export function pullRaw(
  app: FastifyInstance,
  authorization: string | undefined,
  query: PullQuery | string = {},
): Promise<LightMyRequestResponse> {
  const headers =
    authorization === undefined ? {} : { authorization, ...sessionHeaders(authorization) };
  return typeof query === 'string'
    ? app.inject({ method: 'GET', url: `/api/v1/pull?${query}`, headers })
    : app.inject({ method: 'GET', url: '/api/v1/pull', query, headers });
}

/** A successful pull, parsed with `pullResponseSchema`. */
export async function pullAs(
  app: FastifyInstance,
  authorization: string,
  query: PullQuery = {},
): Promise<PullResponse> {
  const response = await pullRaw(app, authorization, query);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['cache-control']).toBe('no-store');
  return v.parse(pullResponseSchema, response.json());
}

export const EMPTY_DELETED = {
  themes: [],
  institutions: [],
  activities: [],
  storefronts: [],
  openingExceptions: [],
  topics: [],
  calls: [],
  advice: [],
  walks: [],
  observations: [],
  partners: [],
};
