// Sign-in that withstands guessing (issue 7): wrong PINs are counted per name in the database;
// from the 3rd in a row on the next attempt waits (429 + Retry-After, 30 s doubling up to
// 15 min), after 10 the name is locked (423 account_locked) until staff unlock it or set a new
// PIN; a success starts the count again. A name nobody has gets exactly the same answers.
// Requests without a valid device credential do not use up the per-address sign-in budget.
// On SQLite and PostgreSQL.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { ApiError } from '../../server/errors';
import type { AuthenticatedDevice } from '../../server/identity/authenticated-device';
import { signIn } from '../../server/identity/sign-in.service';
import { signInDelayMs, unlockSignIn } from '../../server/repos/sign-in-guard.repo';
import { createUser, InvalidPinError, setUserPin } from '../../server/repos/user.repo';
import { QUARTER } from './support/fixtures';
import { enrolDevice, type EnrolledTestDevice } from './support/identity-fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const T0 = new Date('2030-03-04T09:00:00.000Z');
const later = (at: Date, ms: number) => new Date(at.getTime() + ms);

/** What a sign-in attempt got: 200, or the error's status, code and Retry-After. */
interface Outcome {
  status: number;
  code?: string;
  retryAfter?: number;
}

describeEachDialect('sign-in guard per name', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let enrolled: EnrolledTestDevice;
  let device: AuthenticatedDevice;

  beforeEach(async () => {
    const { db } = fresh();
    // A generous per-address budget: these tests are about the limit per name.
    app = (await buildTestApp(db, {}, { signInPerMinute: 1000 })).app;
    enrolled = await enrolDevice(app, db);
    await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    device = {
      id: enrolled.deviceId,
      quarterId: QUARTER.id,
      people: new Map(),
      invalidSessions: [],
      erasedPeople: [],
    };
  });

  /** The sign-in service at a chosen instant (the guard's clock), as the route calls it. */
  async function attempt(
    name: string,
    pin: string,
    at: Date,
    db?: Kysely<Database>,
  ): Promise<Outcome> {
    try {
      await signIn(db ?? fresh().db, device, name, pin, at);
      return { status: 200 } satisfies Outcome;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const retryAfter = error.headers['retry-after'];
      return {
        status: error.statusCode,
        code: error.code,
        ...(retryAfter === undefined ? {} : { retryAfter: Number(retryAfter) }),
      } satisfies Outcome;
    }
  }

  const guardRow = (name: string) =>
    fresh()
      .db.selectFrom('sign_in_guards')
      .selectAll()
      .where('quarter_id', '=', QUARTER.id)
      .where('name', '=', name)
      .executeTakeFirst();

  /**
   * Wrong PINs for `name`, each one as soon as the guard allows it; returns every answer,
   * the refusals in between included, until the name is locked.
   */
  async function guessUntilLocked(name: string): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let at = T0;
    for (let i = 0; i < 40; i++) {
      const outcome = await attempt(name, '0815', at);
      outcomes.push(outcome);
      if (outcome.status === 423) return outcomes;
      if (outcome.status === 429) at = later(at, (outcome.retryAfter ?? 0) * 1000);
    }
    throw new Error('never locked');
  }

  it('delays from the 3rd wrong PIN on, doubling up to 15 minutes, and locks after 10', async () => {
    const outcomes = await guessUntilLocked('Erika M.');
    const wrong = { status: 401, code: 'sign_in_failed' };
    const wait = (seconds: number) => ({
      status: 429,
      code: 'too_many_requests',
      retryAfter: seconds,
    });
    expect(outcomes).toEqual([
      wrong,
      wrong,
      wrong,
      wait(30),
      wrong,
      wait(60),
      wrong,
      wait(120),
      wrong,
      wait(240),
      wrong,
      wait(480),
      wrong,
      wait(900), // 960 s, capped
      wrong,
      wait(900),
      wrong, // the 10th in a row
      { status: 423, code: 'account_locked' },
    ]);
    expect(signInDelayMs(2)).toBe(0);
    expect(signInDelayMs(3)).toBe(30_000);
    expect((await guardRow('Erika M.'))?.failed).toBe(10);
  });

  it('refuses even the right PIN while waiting or locked; unlock or a new PIN lifts the lock', async () => {
    for (let i = 0; i < 3; i++) await attempt('Erika M.', '0815', T0);
    // The right PIN during the delay: still refused, and the refusal is not counted.
    expect(await attempt('Erika M.', '4711', later(T0, 29_000))).toMatchObject({
      status: 429,
      retryAfter: 1,
    });
    expect((await guardRow('Erika M.'))?.failed).toBe(3);
    expect((await attempt('Erika M.', '4711', later(T0, 30_000))).status).toBe(200);
    // A success starts the count again.
    expect(await guardRow('Erika M.')).toBeUndefined();

    await guessUntilLocked('Erika M.');
    // Locked for good: a day later, with the right PIN.
    const dayLater = later(T0, 24 * 3600_000);
    expect(await attempt('Erika M.', '4711', dayLater)).toEqual({
      status: 423,
      code: 'account_locked',
    });
    // Staff unlock: the right PIN works, the count starts again.
    expect(await unlockSignIn(fresh().db, QUARTER.id, 'Erika M.')).toBe(true);
    expect(await unlockSignIn(fresh().db, QUARTER.id, 'Erika M.')).toBe(false);
    expect((await attempt('Erika M.', '4711', dayLater)).status).toBe(200);

    // Locked again; a new PIN (set-pin) also lifts it.
    await guessUntilLocked('Erika M.');
    await setUserPin(fresh().db, QUARTER.id, 'Erika M.', '3952');
    expect((await attempt('Erika M.', '3952', dayLater)).status).toBe(200);
  });

  it('counts failures in a row only: a success in between starts again', async () => {
    for (const pin of ['0815', '0816', '4711', '0817', '0818', '0819']) {
      const expected = pin === '4711' ? 200 : 401;
      expect((await attempt('Erika M.', pin, T0)).status, pin).toBe(expected);
    }
    expect((await attempt('Erika M.', '4711', T0)).status).toBe(429);
  });

  it('answers a name nobody has exactly like a real one, so names cannot be probed', async () => {
    const real = await guessUntilLocked('Erika M.');
    const nobody = await guessUntilLocked('Niemand');
    expect(nobody).toEqual(real);
    // Another quarter's person, a disabled one, one without a PIN: the same too.
    await createUser(fresh().db, { quarterId: QUARTER.id, name: 'Ohne PIN', role: 'volunteer' });
    expect(await guessUntilLocked('Ohne PIN')).toEqual(real);
  });

  it('keys the count by the name, per quarter: guessing one person does not lock another', async () => {
    await guessUntilLocked('Erika M.');
    await createUser(fresh().db, {
      quarterId: QUARTER.id,
      name: 'Bernd',
      role: 'staff',
      pin: '5826',
    });
    expect((await attempt('Bernd', '5826', T0)).status).toBe(200);
    // Spaces around the name are the same name (sign-in trims it).
    expect((await attempt('  Erika M. ', '4711', T0)).status).toBe(423);
  });

  it('lets a burst of parallel guesses from two connections through only as far as the gate allows', async () => {
    const { db } = fresh();
    const other = fresh().openAnother();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        attempt('Erika M.', String(5000 + i), T0, i % 2 === 0 ? db : other),
      ),
    );
    const statuses = outcomes.map((outcome) => outcome.status).sort();
    // Exactly three attempts were checked; every other one waits. No count was lost.
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(17);
    expect((await guardRow('Erika M.'))?.failed).toBe(3);
  });

  it('answers 429 and 423 over HTTP in the documented format', async () => {
    const post = (payload: object, authorization = enrolled.authorization) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/device/sign-in',
        headers: { authorization },
        payload,
      });
    for (let i = 0; i < 3; i++) {
      expect((await post({ name: 'Erika M.', pin: '0815' })).statusCode).toBe(401);
    }
    const waiting = await post({ name: 'Erika M.', pin: '4711' });
    expect(waiting.statusCode).toBe(429);
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(25);
    expect(Number(waiting.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect(waiting.json()).toEqual({
      error: 'too_many_requests',
      message:
        'Zu viele falsche Versuche mit diesem Namen. Bitte eine Minute warten und dann noch einmal versuchen.',
    });
    // Locked (as after 10 failures in a row): 423 with what to do.
    await fresh()
      .db.updateTable('sign_in_guards')
      .set({ failed: 10, locked_at: T0.toISOString(), blocked_until: null })
      .execute();
    const locked = await post({ name: 'Erika M.', pin: '4711' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toEqual({
      error: 'account_locked',
      message:
        'Die Anmeldung mit diesem Namen ist nach zu vielen falschen PINs gesperrt. ' +
        'Bitte in der Anlaufstelle entsperren lassen.',
    });
    expect(locked.headers['retry-after']).toBeUndefined();
  });

  it('refuses trivial or malformed new PINs in the repo functions, and writes nothing', async () => {
    const { db } = fresh();
    for (const pin of ['1234', '0000', '1212', '1948', '12', '4711471', 'abcd']) {
      await expect(
        createUser(db, { quarterId: QUARTER.id, name: `P${pin}`, role: 'volunteer', pin }),
      ).rejects.toThrow(InvalidPinError);
      await expect(setUserPin(db, QUARTER.id, 'Erika M.', pin)).rejects.toThrow(InvalidPinError);
    }
    expect(await db.selectFrom('users').select('name').execute()).toEqual([{ name: 'Erika M.' }]);
    expect((await attempt('Erika M.', '4711', T0)).status).toBe(200);
  });
});

describeEachDialect('sign-in budget per address', (dialect) => {
  const fresh = useFreshDatabase(dialect);

  it('is not used up by requests without a valid device credential', async () => {
    const { db } = fresh();
    const { app } = await buildTestApp(db);
    const device = await enrolDevice(app, db);
    await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    const remoteAddress = '203.0.113.7';
    const post = (headers: Record<string, string>, payload: object) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/device/sign-in',
        remoteAddress,
        headers,
        payload,
      });
    // The attack from issue 7: ten empty requests without (or with a wrong) credential …
    for (let i = 0; i < 10; i++) {
      expect((await post({}, {})).statusCode).toBe(401);
      expect((await post({ authorization: 'Bearer nope.nope' }, {})).statusCode).toBe(401);
    }
    // … and the real tablet behind the same address still signs in.
    const real = await post(
      { authorization: device.authorization },
      { name: 'Erika M.', pin: '4711' },
    );
    expect(real.statusCode).toBe(200);
    // Authenticated attempts still count per address: 9 more, then 429.
    for (let i = 0; i < 9; i++) {
      await post({ authorization: device.authorization }, { name: `Niemand ${i}`, pin: '0815' });
    }
    const blocked = await post(
      { authorization: device.authorization },
      { name: 'Erika M.', pin: '4711' },
    );
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: 'too_many_requests' });
  });
});
