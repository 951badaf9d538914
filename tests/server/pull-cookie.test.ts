import { describe, expect, it } from 'vitest';
import { encodeCookie, parseCookie } from '../../server/sync/pull-cookie';

describe('pull cookie', () => {
  it('round-trips', () => {
    const cookie = { epoch: 'abc123', quarterId: 'krefeld-sued', version: 42 };
    expect(encodeCookie(cookie)).toBe('1.abc123.krefeld-sued.42');
    expect(parseCookie(encodeCookie(cookie))).toEqual(cookie);
  });

  it('keeps dots inside the quarter id', () => {
    const cookie = { epoch: 'e', quarterId: 'stadt.krefeld.sued', version: 0 };
    expect(parseCookie(encodeCookie(cookie))).toEqual(cookie);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['garbage', 'garbage'],
    ['other format', '2.abc.q.1'],
    ['too few parts', '1.abc.1'],
    ['empty quarter', '1.abc..1'],
    ['empty epoch', '1..q.1'],
    ['negative version', '1.abc.q.-1'],
    ['fractional version', '1.abc.q.1.5x'],
    ['leading zero', '1.abc.q.01'],
    ['non-numeric version', '1.abc.q.x'],
    ['too many digits', `1.abc.q.${'9'.repeat(16)}`],
    ['bad epoch characters', '1.ab$c.q.1'],
    ['quarter too long', `1.abc.${'q'.repeat(65)}.1`],
  ])('rejects %s as null', (_, raw) => {
    expect(parseCookie(raw)).toBeNull();
  });

  it('accepts the largest version it issues', () => {
    expect(parseCookie(`1.abc.q.${'9'.repeat(15)}`)?.version).toBe(999_999_999_999_999);
  });
});
