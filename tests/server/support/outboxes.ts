// Devices' outboxes for tests that push from several devices: each device pushes under its own
// client id with seqs 1, 2, 3, … (as a real outbox does), and the push must answer 200.
// Build the mutations with `next(device)` for the seq; `pushOk` returns the parsed answer.
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { beforeEach, expect } from 'vitest';
import {
  pushResponseSchema,
  type Mutation,
  type PushResponse,
} from '../../../src/shared/push-protocol';
import type { EnrolledTestDevice } from './identity-fixtures';
import { pushAs } from './push-fixtures';

export interface Outboxes {
  /** The next seq of the device's client. */
  next(device: EnrolledTestDevice): number;
  pushOk(device: EnrolledTestDevice, mutations: Mutation[]): Promise<PushResponse>;
}

/** Fresh outboxes for every test; `app` is read when a test pushes. */
export function useOutboxes(app: () => FastifyInstance): Outboxes {
  const seqs = new Map<string, number>();
  beforeEach(() => seqs.clear());
  return {
    next(device) {
      const seq = (seqs.get(device.deviceId) ?? 0) + 1;
      seqs.set(device.deviceId, seq);
      return seq;
    },
    async pushOk(device, mutations) {
      const response = await pushAs(app(), device.authorization, {
        clientId: `client-${device.deviceId}`,
        mutations,
      });
      expect(response.statusCode, response.body).toBe(200);
      return v.parse(pushResponseSchema, response.json());
    },
  };
}

/** `[seq, code]` of each rejection, for short assertions. */
export function rejectionCodes(answer: PushResponse): [number, string][] {
  return answer.rejected.map((rejection) => [rejection.seq, rejection.code]);
}
