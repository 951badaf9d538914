// Identity repositories on SQLite and PostgreSQL: users, enrolment codes, devices — and that
// no secret is ever stored in plain text.
import { beforeEach, expect, it } from 'vitest';
import {
  authenticateDevice,
  listDevices,
  revokeDevice,
  touchDevice,
} from '../../server/repos/device.repo';
import { createEnrolmentCode, redeemEnrolmentCode } from '../../server/repos/enrolment-code.repo';
import { createQuarter } from '../../server/repos/quarter.repo';
import {
  createUser,
  findActiveUserByName,
  InvalidNameError,
  listUsers,
} from '../../server/repos/user.repo';
import { QUARTER } from './support/fixtures';
import { OTHER_QUARTER } from './support/identity-fixtures';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const DAY = 24 * 60 * 60 * 1000;

describeEachDialect('identity repositories', (dialect) => {
  const fresh = useFreshDatabase(dialect);

  beforeEach(async () => {
    await createQuarter(fresh().db, QUARTER);
    await createQuarter(fresh().db, OTHER_QUARTER);
  });

  it('creates users with a hashed PIN, unique by name within a quarter', async () => {
    const { db } = fresh();
    const erika = await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    expect(erika).toMatchObject({ name: 'Erika M.', role: 'volunteer', has_pin: true });
    expect(
      await createUser(db, { quarterId: QUARTER.id, name: 'Erika M.', role: 'staff' }),
    ).toBeUndefined();
    // The same name in another quarter is another person.
    expect(
      await createUser(db, { quarterId: OTHER_QUARTER.id, name: 'Erika M.', role: 'staff' }),
    ).toBeDefined();
    await createUser(db, { quarterId: QUARTER.id, name: 'Özlem K.', role: 'staff' });
    await createUser(db, { quarterId: QUARTER.id, name: 'Zora', role: 'admin' });

    const users = await listUsers(db, QUARTER.id);
    expect(users.map((user) => [user.name, user.has_pin])).toEqual([
      ['Erika M.', true],
      ['Özlem K.', false],
      ['Zora', false],
    ]);
    const stored = await findActiveUserByName(db, QUARTER.id, 'Erika M.');
    expect(stored?.pin_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(await db.selectFrom('users').selectAll().execute())).not.toContain(
      '4711',
    );
  });

  it('stores names as sign-in reads them (NFC, trimmed) and refuses names nobody could type', async () => {
    const { db } = fresh();
    const decomposed = ' Mu\u0308ller ';
    expect(
      await createUser(db, { quarterId: QUARTER.id, name: decomposed, role: 'staff' }),
    ).toMatchObject({
      name: 'Müller',
    });
    expect(await findActiveUserByName(db, QUARTER.id, 'Müller')).toBeDefined();
    for (const name of [
      '\u200b\u200b',
      'Erika\u0000',
      'Erika \u001b[31m',
      'x'.repeat(81),
      'A\u202eB',
    ]) {
      await expect(
        createUser(db, { quarterId: QUARTER.id, name, role: 'volunteer' }),
      ).rejects.toBeInstanceOf(InvalidNameError);
    }
    expect(await listUsers(db, QUARTER.id)).toHaveLength(1);
  });

  it('stores enrolment codes only as SHA-256 and lets each be redeemed once', async () => {
    const { db } = fresh();
    const now = new Date('2030-03-01T10:00:00Z');
    const { code, expiresAt } = await createEnrolmentCode(db, QUARTER.id, { now });
    expect(expiresAt.toISOString()).toBe('2030-03-08T10:00:00.000Z');
    const rows = await db.selectFrom('enrolment_codes').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(code.replace(/-/g, ''));

    const later = new Date(now.getTime() + DAY);
    const device = await redeemEnrolmentCode(db, code.toLowerCase(), {
      label: 'Tablet',
      now: later,
    });
    expect(device).toMatchObject({ quarterId: QUARTER.id });
    expect(await redeemEnrolmentCode(db, code, { now: later })).toBeUndefined();
    const used = await db.selectFrom('enrolment_codes').selectAll().executeTakeFirstOrThrow();
    expect(used).toMatchObject({ used_at: later.toISOString(), device_id: device?.deviceId });
  });

  it('refuses expired, unknown and malformed codes without creating a device', async () => {
    const { db } = fresh();
    const issued = new Date('2030-03-01T10:00:00Z');
    const { code } = await createEnrolmentCode(db, QUARTER.id, { now: issued });
    const expired = new Date(issued.getTime() + 7 * DAY);
    expect(await redeemEnrolmentCode(db, code, { now: expired })).toBeUndefined();
    expect(await redeemEnrolmentCode(db, 'ABCD-EFGH-JKMN')).toBeUndefined();
    expect(await redeemEnrolmentCode(db, "x' or 1=1 --")).toBeUndefined();
    expect(await db.selectFrom('devices').selectAll().execute()).toEqual([]);
    // Still redeemable just before it expires.
    const justBefore = new Date(expired.getTime() - 1);
    expect(await redeemEnrolmentCode(db, code, { now: justBefore })).toBeDefined();
  });

  it('lets only one of two concurrent redeems of a code win', async () => {
    // On PostgreSQL the pool runs both transactions at once on two connections; on SQLite the
    // one connection queues them, as the server process does.
    const { db } = fresh();
    const { code } = await createEnrolmentCode(db, QUARTER.id);
    const results = await Promise.all([
      redeemEnrolmentCode(db, code),
      redeemEnrolmentCode(db, code),
    ]);
    expect(results.filter((result) => result !== undefined)).toHaveLength(1);
    expect(await db.selectFrom('devices').selectAll().execute()).toHaveLength(1);
  });

  it('stores the device credential only as a hash and authenticates it', async () => {
    const { db } = fresh();
    const { code } = await createEnrolmentCode(db, QUARTER.id);
    const enrolled = await redeemEnrolmentCode(db, code, { label: 'Tablet' });
    if (!enrolled) throw new Error('enrolment failed');
    const row = await db.selectFrom('devices').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(enrolled.credential);
    expect(row.credential_hash).toMatch(/^[0-9a-f]{64}$/);

    const device = await authenticateDevice(db, enrolled.deviceId, enrolled.credential);
    expect(device).toMatchObject({
      id: enrolled.deviceId,
      quarter_id: QUARTER.id,
      label: 'Tablet',
    });
    expect(device).not.toHaveProperty('credential_hash');
    expect(
      await authenticateDevice(db, enrolled.deviceId, `${enrolled.credential}x`),
    ).toBeUndefined();
    expect(await authenticateDevice(db, 'unknown', enrolled.credential)).toBeUndefined();

    expect(await revokeDevice(db, enrolled.deviceId)).toBe('revoked');
    expect(await revokeDevice(db, enrolled.deviceId)).toBe('already-revoked');
    expect(await revokeDevice(db, 'unknown')).toBe('unknown');
    expect(await authenticateDevice(db, enrolled.deviceId, enrolled.credential)).toBeUndefined();
    const listed = await listDevices(db, QUARTER.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.revoked_at).not.toBeNull();
    expect(await listDevices(db, OTHER_QUARTER.id)).toEqual([]);
  });

  it('records "last seen" at most once per interval', async () => {
    const { db } = fresh();
    const { code } = await createEnrolmentCode(db, QUARTER.id);
    const enrolled = await redeemEnrolmentCode(db, code);
    const id = enrolled?.deviceId ?? '';
    const lastSeen = async () =>
      (
        await db
          .selectFrom('devices')
          .select('last_seen_at')
          .where('id', '=', id)
          .executeTakeFirst()
      )?.last_seen_at;
    const t0 = new Date('2030-03-01T10:00:00Z');
    await touchDevice(db, id, t0, 60_000);
    expect(await lastSeen()).toBe(t0.toISOString());
    await touchDevice(db, id, new Date(t0.getTime() + 59_000), 60_000);
    expect(await lastSeen()).toBe(t0.toISOString());
    const t1 = new Date(t0.getTime() + 60_000);
    await touchDevice(db, id, t1, 60_000);
    expect(await lastSeen()).toBe(t1.toISOString());
  });
});
