// Tablets that forget (issue 11, item 5), with the real client code on fake-indexeddb against
// the real server app on SQLite and PostgreSQL. A shared tablet where two people are signed in:
// one signs out with an entry still waiting — their delivered data (calls, a walk with its
// route, the partner only they call, a draft) is gone from the tablet at once, offline; the
// waiting entry is delivered by the next sync and then gone too, with their token and PIN
// check; the other's data stays; signing in again brings it all back. A revoked tablet wipes
// personal data on its next contact and keeps only what still waits, which a new enrolment and
// sign-in deliver once. Every check of "nothing left" walks every store of the Dexie schema,
// so a store added later is covered.
import { createStore, get, set } from 'idb-keyval';
import { expect, it } from 'vitest';
import { PARTNER_COMMANDS } from '../../server/admin/partner-commands';
import { revokeDevice } from '../../server/repos/device.repo';
import { erasePartner, erasePerson } from '../../server/privacy/person-erasure';
import { readLiveEntries } from '../../server/repos/entry.repo';
import { findQuarter } from '../../server/repos/quarter.repo';
import type { QuartiersbuchDb } from '../../src/db/db';
import { readDevice, readSession, signOut } from '../../src/db/device-identity';
import { newDraftId, saveDraft } from '../../src/db/drafts';
import { saveEntry } from '../../src/db/entries';
import { readEntries } from '../../src/db/entry-queries';
import { readPartners } from '../../src/db/partner-queries';
import { readOfflinePeople, readPullSessions } from '../../src/db/people';
import { readWalkPoints } from '../../src/db/walk-points';
import { recordFix, startWalk, stopWalk } from '../../src/db/walk-recording';
import { signIn } from '../../src/sync/identity-requests';
import { everyRow } from '../server/support/every-row';
import { QUARTER } from '../server/support/fixtures';
import { describeEachDialect } from '../server/support/test-database';
import { callValues } from '../support/entry-builders';
import { offline, serverCalls, useSyncWorld } from './sync-world';

const START = Date.UTC(2026, 10, 25, 10, 0, 0);
const NOW = new Date(START);

/** Every row of every store of the device's schema, as JSON, by store name. */
async function everyStore(device: QuartiersbuchDb): Promise<Map<string, string[]>> {
  const stores = new Map<string, string[]>();
  for (const table of device.tables) {
    stores.set(
      table.name,
      (await table.toArray()).map((row) => JSON.stringify(row)),
    );
  }
  return stores;
}

/** The rows, in any store, that mention one of `needles`, as `store: row`. */
async function rowsMentioning(device: QuartiersbuchDb, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const [store, rows] of await everyStore(device)) {
    for (const row of rows) {
      if (needles.some((needle) => row.includes(needle))) found.push(`${store}: ${row}`);
    }
  }
  return found;
}

describeEachDialect('a shared tablet that forgets', (dialect) => {
  const world = useSyncWorld(dialect);

  /** `npm run admin -- create-partner`; returns the partner's id. */
  async function createPartner(name: string, callers: string[]): Promise<string> {
    const w = world();
    const quarter = await findQuarter(w.server, QUARTER.id);
    if (!quarter) throw new Error('no quarter');
    await PARTNER_COMMANDS['create-partner']!(
      w.server,
      quarter,
      { name, phone: '02151 123456', minutes: '25', caller: callers, positionals: [] },
      NOW,
    );
    const rows = await readLiveEntries(w.server, QUARTER.id, 'partner');
    const row = rows.find((candidate) => JSON.parse(candidate.fields).name === name);
    if (!row) throw new Error(`partner ${name} not stored`);
    return row.id;
  }

  /** A walk of `author` with three route points, stopped (its chunk waits in the outbox). */
  async function recordWalk(device: QuartiersbuchDb, author: string, title: string) {
    const walkId = await startWalk(device, { author, now: START, title });
    for (let i = 0; i < 3; i += 1) {
      await recordFix(device, walkId, {
        t: new Date(START + i * 12_000).toISOString(),
        lat: Number((51.33 + i * 0.00015).toFixed(6)),
        lon: 6.56,
        accuracy: 4,
      });
    }
    await stopWalk(device, walkId, { author, now: START + 60_000 });
    return walkId;
  }

  const partnerNames = async (device: QuartiersbuchDb, userId: string) =>
    (await readPartners(device, userId, NOW)).map((card) => card.partner.name).sort();

  it('two people, one signs out with an entry still waiting — it is delivered, then gone from the tablet; the other’s data stays', async () => {
    const w = world();
    const tablet = w.device;
    const anna = await w.person('Anna Sonnenschein', '4711');
    const bernd = await w.person('Bernd', '2468');
    await createPartner('Frau Annas', [anna]);
    await createPartner('Herr Bernds', [bernd]);
    await createPartner('Frau Beider', [anna, bernd]);

    // Anna and Bernd both sign in on the tablet and log; all of it is delivered.
    await w.signIn(tablet, 'Anna Sonnenschein', '4711');
    await saveEntry(tablet, 'call', callValues('Annas Nachbarin'), { author: anna, now: 1 });
    const walkId = await recordWalk(tablet, anna, 'Annas Runde');
    await w.signIn(tablet, 'Bernd', '2468');
    await saveEntry(tablet, 'call', callValues('Bernds Bruder'), { author: bernd, now: 2 });
    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0 });
    expect(await partnerNames(tablet, anna)).toEqual(['Frau Annas', 'Frau Beider']);
    expect(await readWalkPoints(tablet, walkId)).toHaveLength(3);

    // Anna comes back (offline, with her PIN), logs a call and starts a form, then signs out —
    // still offline, so her new call cannot have gone out.
    expect(await w.signInOffline(tablet, 'Anna Sonnenschein', '4711')).toBe(anna);
    await saveEntry(tablet, 'call', callValues('Annas Wartende', { note: 'Geheim wartet' }), {
      author: anna,
      now: 3,
    });
    await saveDraft(tablet, newDraftId('call', anna), { partner: 'Annas Entwurf' }, 4);
    await saveDraft(tablet, newDraftId('call', bernd), { partner: 'Bernds Entwurf' }, 5);
    await signOut(tablet);

    // At once, without a connection: her delivered data is gone, what waits stays.
    expect(await readSession(tablet)).toBeNull();
    expect((await readEntries(tablet, anna)).map((entry) => [entry.kind, entry.state])).toEqual([
      ['call', 'saved'],
    ]);
    expect(await readWalkPoints(tablet, walkId)).toEqual([]);
    expect(await tablet.drafts.toCollection().primaryKeys()).toEqual([newDraftId('call', bernd)]);
    expect(await partnerNames(tablet, bernd)).toEqual(['Frau Beider', 'Herr Bernds']);
    expect(await tablet.entries.where('kind').equals('partner').count()).toBe(2);
    // Her token stays only to deliver the waiting call; the server no longer sees her here.
    expect(await tablet.people.get(anna)).toMatchObject({ signedOut: true });
    expect(await readPullSessions(tablet)).toHaveLength(1);
    expect(await rowsMentioning(tablet, ['Annas Nachbarin', 'Annas Runde', 'Frau Annas'])).toEqual(
      [],
    );

    // Online again: the waiting call is delivered under Anna's name, then gone from the tablet.
    expect(await w.sync()).toMatchObject({ status: 'synced', pushed: 1, waiting: 0 });
    expect((await serverCalls(w.server)).map((row) => [row.partner, row.author_user_id])).toEqual([
      ['Annas Nachbarin', anna],
      ['Annas Wartende', anna],
      ['Bernds Bruder', bernd],
    ]);
    // Nothing of Anna is left in any store — but the partner Bernd still calls, which names her
    // among its callers.
    const leftovers = await rowsMentioning(tablet, [anna, 'Anna Sonnenschein', 'Annas', 'Geheim']);
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/^entries: .*"name":"Frau Beider"/);
    // Someone at the tablet tries to sign in as Anna without a connection: she is not known here.
    await expect(w.signInOffline(tablet, 'Anna Sonnenschein', '4711')).rejects.toMatchObject({
      reason: 'unknown',
    });

    // Bernd's data stayed, and stays through further syncs.
    expect(await w.sync()).toMatchObject({ status: 'synced', pushed: 0 });
    expect((await readEntries(tablet, bernd)).map((entry) => entry.kind)).toEqual(['call']);
    expect(await partnerNames(tablet, bernd)).toEqual(['Frau Beider', 'Herr Bernds']);

    // Anna signs in again: the next pull brings her data back, her route included.
    await w.signIn(tablet, 'Anna Sonnenschein', '4711');
    expect(await w.sync()).toMatchObject({ status: 'synced' });
    expect(
      (await readEntries(tablet, anna)).map((entry) => [entry.kind, entry.state]).sort(),
    ).toEqual([
      ['call', 'delivered'],
      ['call', 'delivered'],
      ['walk', 'delivered'],
    ]);
    expect(await readWalkPoints(tablet, walkId)).toHaveLength(3);
    expect(await partnerNames(tablet, anna)).toEqual(['Frau Annas', 'Frau Beider']);
  });

  it('a revoked tablet wipes personal data on its next contact and keeps only what waits', async () => {
    const w = world();
    const tablet = w.device;
    const anna = await w.person('Anna', '4711');
    const bernd = await w.person('Bernd', '2468');
    await createPartner('Frau Annas', [anna]);
    await w.signIn(tablet, 'Bernd', '2468');
    await w.signIn(tablet, 'Anna', '4711');
    await saveEntry(tablet, 'call', callValues('Zugestellt'), { author: anna, now: 1 });
    const walkId = await recordWalk(tablet, anna, 'Annas Runde');
    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0 });
    const waiting = await saveEntry(tablet, 'call', callValues('Noch nicht da'), {
      author: anna,
      now: 2,
    });
    await saveDraft(tablet, newDraftId('advice', anna), { note: 'Entwurf' }, 3);
    // The staff's cached week of this browser (src/db/staff-week-cache.ts).
    const staffWeek = createStore('quartiersbuch-staff', 'week');
    await set('last-week', { week: 'Sorgen von Frau K.' }, staffWeek);

    await revokeDevice(w.server, (await readDevice(tablet))?.deviceId ?? '');
    expect(await w.sync()).toEqual({ status: 'needs-enrolment' });

    expect(await readDevice(tablet)).toMatchObject({ needsEnrolment: true });
    expect(await readSession(tablet)).toBeNull();
    // Only the waiting call, its outbox row and its author's name (no token, no PIN check).
    expect((await tablet.entries.toArray()).map((entry) => [entry.id, entry.state])).toEqual([
      [waiting.id, 'saved'],
    ]);
    expect(await tablet.outbox.count()).toBe(1);
    expect(await tablet.people.toArray()).toEqual([
      expect.objectContaining({ userId: anna, session: null, verifier: null }),
    ]);
    expect(await readWalkPoints(tablet, walkId)).toEqual([]);
    expect(await get('last-week', staffWeek)).toBeUndefined();
    expect(
      await rowsMentioning(tablet, ['Zugestellt', 'Frau Annas', 'Annas Runde', 'Entwurf', bernd]),
    ).toEqual([]);
    // Nobody can sign in on it: no credential to ask the server with, no PIN check to ask the
    // device (and the screen asks to set it up again).
    await expect(signIn('Anna', '4711', w.deps(tablet))).rejects.toMatchObject({
      kind: 'not-enrolled',
    });
    expect(await readOfflinePeople(tablet)).toEqual([]);
    expect(await w.sync(tablet, offline).catch((error: unknown) => error)).toMatchObject({
      kind: 'network',
    });

    // Found again: staff enrol it anew, Anna signs in, and her waiting call arrives once.
    await w.enrol(tablet);
    await w.signIn(tablet, 'Anna', '4711');
    expect(await w.sync()).toMatchObject({ status: 'synced', pushed: 1, waiting: 0 });
    expect((await serverCalls(w.server)).map((row) => row.partner)).toEqual([
      'Noch nicht da',
      'Zugestellt',
    ]);
  });

  /** Staff as the erasure service sees them (the staff screens' route calls it the same way). */
  async function staffActing() {
    const w = world();
    const userId = await w.person('Petra vom Laden', '1357');
    return {
      userId,
      name: 'Petra vom Laden',
      role: 'staff' as const,
      quarterId: QUARTER.id,
      sessionId: 's',
    };
  }

  it('erasing a partner reaches a tablet that was offline, and a call logged for her meanwhile', async () => {
    const w = world();
    const tablet = w.device;
    const anna = await w.person('Anna', '4711');
    const quast = await createPartner('Frau Quast', [anna]);
    await createPartner('Herr Zwoborg', [anna]);
    await w.signIn(tablet, 'Anna', '4711');
    const delivered = callValues('Frau Quast', { partnerId: quast, note: 'Quast Pimpernell' });
    await saveEntry(tablet, 'call', delivered, { author: anna, now: 1 });
    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0 });

    // Offline: Anna logs another call with her; meanwhile staff erase her on the server.
    const late = callValues('Frau Quast', { partnerId: quast, note: 'Quast Wacholder' });
    await saveEntry(tablet, 'call', late, { author: anna, now: 2 });
    await erasePartner(w.server, await staffActing(), quast, 'Frau Quast', NOW);

    // Back online: the waiting call is taken without effect, and she is gone from the tablet.
    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0 });
    expect(await rowsMentioning(tablet, ['Quast', quast])).toEqual([]);
    expect(await partnerNames(tablet, anna)).toEqual(['Herr Zwoborg']);
    expect(await tablet.rejectedChanges.count()).toBe(0);
    // On the server too, nothing names her any more.
    expect(await serverCalls(w.server)).toEqual([]);
    expect(await everyRow(w.server)).not.toMatch(/Quast/);
  });

  it('erasing a person reaches a shared tablet: everything of theirs goes, waiting changes too; the other’s data stays', async () => {
    const w = world();
    const tablet = w.device;
    const anna = await w.person('Anna Sonnenschein', '4711');
    const bernd = await w.person('Bernd', '2468');
    await createPartner('Frau Beider', [anna, bernd]);
    await w.signIn(tablet, 'Anna Sonnenschein', '4711');
    await saveEntry(tablet, 'call', callValues('Annas Nachbarin'), { author: anna, now: 1 });
    const walkId = await recordWalk(tablet, anna, 'Annas Runde');
    await w.signIn(tablet, 'Bernd', '2468');
    await saveEntry(tablet, 'call', callValues('Bernds Bruder'), { author: bernd, now: 2 });
    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0 });

    // Offline: Anna logs a call and starts a form, then Bernd logs one after hers.
    expect(await w.signInOffline(tablet, 'Anna Sonnenschein', '4711')).toBe(anna);
    await saveEntry(tablet, 'call', callValues('Annas Wartende'), { author: anna, now: 3 });
    await saveDraft(tablet, newDraftId('call', anna), { partner: 'Annas Entwurf' }, 4);
    await w.signInOffline(tablet, 'Bernd', '2468');
    await saveEntry(tablet, 'call', callValues('Bernds Wartende'), { author: bernd, now: 5 });
    // Staff erase Anna meanwhile.
    await erasePerson(w.server, await staffActing(), anna, 'Anna Sonnenschein', NOW);

    // Back online: Bernd's call behind hers is delivered; nothing of Anna is left anywhere on
    // the tablet, and her waiting call was not stored on the server either.
    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0, held: 0 });
    expect(await rowsMentioning(tablet, [anna, 'Anna', 'Annas'])).toEqual([]);
    expect(await tablet.people.get(anna)).toBeUndefined();
    expect(await readWalkPoints(tablet, walkId)).toEqual([]);
    expect(await tablet.drafts.count()).toBe(0);
    expect(await tablet.rejectedChanges.count()).toBe(0);
    await expect(w.signInOffline(tablet, 'Anna Sonnenschein', '4711')).rejects.toMatchObject({
      reason: 'unknown',
    });
    const calls = (await serverCalls(w.server)).map((row) => [row.partner, row.author_user_id]);
    expect(calls).toEqual([
      ['Bernds Bruder', bernd],
      ['Bernds Wartende', bernd],
    ]);
    expect(await everyRow(w.server)).not.toMatch(/Anna/);
    // Bernd's data stayed: his calls and the partner, which no longer names Anna.
    expect((await readEntries(tablet, bernd)).map((entry) => entry.state)).toEqual([
      'delivered',
      'delivered',
    ]);
    expect(await partnerNames(tablet, bernd)).toEqual(['Frau Beider']);
  });
});
