// The pure rules of push: which seqs of a request are still to do (G2, G3), and when an app is
// advised to update (G10).
import { describe, expect, it } from 'vitest';
import { planPush } from '../../server/sync/push-sequence';
import { isUpdateAdvised, MIN_GOOD_APP_VERSION } from '../../server/sync/update-advice';

const seqs = (...list: number[]) => list.map((seq) => ({ seq }));
const planned = (list: number[], lastSeq: number) => {
  const plan = planPush(seqs(...list), lastSeq);
  return 'pending' in plan ? plan.pending.map((m) => m.seq) : plan;
};

describe('planPush', () => {
  it('continues last_seq in seq order', () => {
    expect(planned([1, 2, 3], 0)).toEqual([1, 2, 3]);
    expect(planned([6, 4, 5], 3)).toEqual([4, 5, 6]);
  });

  it('skips seqs already done, and a seq listed twice', () => {
    expect(planned([1, 2, 3], 3)).toEqual([]);
    expect(planned([2, 3, 4, 5], 3)).toEqual([4, 5]);
    expect(planned([4, 4, 5], 3)).toEqual([4, 5]);
    expect(planned([], 7)).toEqual([]);
  });

  it('keeps the first copy of a seq listed twice', () => {
    const plan = planPush(
      [
        { seq: 1, copy: 'a' },
        { seq: 1, copy: 'b' },
      ],
      0,
    );
    expect(plan).toEqual({ pending: [{ seq: 1, copy: 'a' }] });
  });

  it('refuses a gap before or inside the unseen part with last_seq + 1', () => {
    expect(planned([2], 0)).toEqual({ expectedSeq: 1 });
    expect(planned([5, 6], 3)).toEqual({ expectedSeq: 4 });
    expect(planned([4, 6], 3)).toEqual({ expectedSeq: 4 });
    expect(planned([1, 2, 4], 0)).toEqual({ expectedSeq: 1 });
  });
});

describe('isUpdateAdvised', () => {
  it('compares major, minor and patch as numbers', () => {
    expect(isUpdateAdvised('0.9.0', '0.10.0')).toBe(true);
    expect(isUpdateAdvised('0.10.0', '0.9.0')).toBe(false);
    expect(isUpdateAdvised('1.2.3', '1.2.3')).toBe(false);
    expect(isUpdateAdvised('1.2.2', '1.2.3')).toBe(true);
    expect(isUpdateAdvised('2.0.0', '1.9.9')).toBe(false);
    expect(isUpdateAdvised('1.9.9', '2.0.0')).toBe(true);
  });

  it('ignores pre-release and build suffixes and a leading v', () => {
    expect(isUpdateAdvised('1.2.3-dev', '1.2.3')).toBe(false);
    expect(isUpdateAdvised('v1.2.3+abc', '1.2.3')).toBe(false);
  });

  it('advises an update to anything that is not a version', () => {
    expect(isUpdateAdvised('', '0.1.0')).toBe(true);
    expect(isUpdateAdvised('neu', '0.1.0')).toBe(true);
  });

  it('does not advise the current app to update', () => {
    expect(isUpdateAdvised(MIN_GOOD_APP_VERSION)).toBe(false);
  });
});
