// What a month's advice sessions were about, for the funders' report: topics and referrals by
// count under the catalogue's current name (or the snapshot's, for one no longer in it), places,
// age groups, first contacts — and nothing that is not a count.
import { describe, expect, it } from 'vitest';
import { summarizeAdvice } from '../../src/domain/advice-figures';
import { adviceValues } from '../support/entry-builders';

const catalogue = {
  topics: [
    { id: 'wohnen', number: 1, name: 'Wohnen' },
    { id: 'geld', number: 2, name: 'Geld und Anträge' },
    { id: 'digital', number: 3, name: 'Digitales' },
  ],
  institutions: [
    { id: 'i1', name: 'Seniorenbeirat' },
    { id: 'i2', name: 'Pflegestützpunkt' },
  ],
};

/** An advice session's own fields, as stored (occurredAt and concern are columns). */
const fields = (overrides: Parameters<typeof adviceValues>[0]): Record<string, unknown> => {
  const own: Record<string, unknown> = { ...adviceValues(overrides) };
  delete own.occurredAt;
  delete own.concern;
  return own;
};

describe('summarizeAdvice', () => {
  it('counts topics and referrals, most named first, under the current names', () => {
    const advice = summarizeAdvice(
      [
        fields({
          topics: [{ id: 'geld', name: 'Geld (alt)' }],
          referral: { id: 'i2', name: 'PSP' },
        }),
        fields({
          topics: [
            { id: 'wohnen', name: 'Wohnen' },
            { id: 'geld', name: 'Geld und Anträge' },
          ],
          referral: { id: 'gone', name: 'Alte Beratungsstelle' },
        }),
        fields({
          topics: [{ id: 'weg', name: 'Ein altes Thema' }],
          referral: { id: 'i2', name: 'x' },
        }),
        fields({ topics: [{ id: 'wohnen', name: 'Wohnen' }], referral: null }),
      ],
      catalogue,
    );
    expect(advice.sessions).toBe(4);
    expect(advice.topics).toEqual([
      // Equal counts: catalogue order, then topics no longer in it.
      { id: 'wohnen', name: 'Wohnen', count: 2 },
      { id: 'geld', name: 'Geld und Anträge', count: 2 },
      { id: 'weg', name: 'Ein altes Thema', count: 1 },
    ]);
    expect(advice.referrals).toEqual([
      { id: 'i2', name: 'Pflegestützpunkt', count: 2 },
      { id: 'gone', name: 'Alte Beratungsstelle', count: 1 },
    ]);
    expect(advice.withoutReferral).toBe(1);
  });

  it('counts places, age groups and first contacts; ignores what is not one of them', () => {
    const advice = summarizeAdvice(
      [
        fields({ place: 'home', ageBand: '90plus', firstContact: true }),
        fields({ place: 'phone', ageBand: '90plus', firstContact: false }),
        fields({ firstContact: null }),
        { ...fields({}), place: 'toString', ageBand: 'constructor' },
      ],
      catalogue,
    );
    expect(advice.places).toEqual({ shop: 1, home: 1, phone: 1, elsewhere: 0 });
    expect(advice.ageBands).toMatchObject({ '90plus': 2, '70to79': 1 });
    expect(Object.values(advice.ageBands).reduce((a, b) => a + b)).toBe(3);
    expect(advice.firstContact).toEqual({ yes: 2, no: 1, unknown: 1 });
  });

  it('a session that names a topic twice counts it once', () => {
    const twice = { ...fields({}), topics: [{ id: 'wohnen' }, { id: 'wohnen', name: 'Wohnen' }] };
    expect(summarizeAdvice([twice], catalogue).topics).toEqual([
      { id: 'wohnen', name: 'Wohnen', count: 1 },
    ]);
  });
});
