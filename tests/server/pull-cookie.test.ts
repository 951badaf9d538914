// The pull cookie's format: round trips, old format 1 still read (without a view, so it resets),
// and anything else is null — a bad cookie is never an error.
import { describe, expect, it } from 'vitest';
import { encodeCookie, parseCookie } from '../../server/sync/pull-cookie';

describe('pull cookie', () => {
  it('round-trips', () => {
    const cookie = { epoch: 'abc123', quarterId: 'krefeld-sued', version: 42, view: 'Vw_1-x' };
    expect(encodeCookie(cookie)).toBe('2.abc123.Vw_1-x.krefeld-sued.42');
    expect(parseCookie(encodeCookie(cookie))).toEqual(cookie);
  });

  it('keeps dots inside the quarter id', () => {
    const cookie = { epoch: 'e', quarterId: 'stadt.krefeld.sued', version: 0, view: 'v' };
    expect(parseCookie(encodeCookie(cookie))).toEqual(cookie);
  });

  it('reads a format-1 cookie (before the view) with view null', () => {
    expect(parseCookie('1.abc123.stadt.krefeld.7')).toEqual({
      epoch: 'abc123',
      quarterId: 'stadt.krefeld',
      version: 7,
      view: null,
    });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['garbage', 'garbage'],
    ['other format', '3.abc.v.q.1'],
    ['too few parts', '2.abc.v.1'],
    ['too few parts in format 1', '1.abc.1'],
    ['empty quarter', '2.abc.v..1'],
    ['empty epoch', '2..v.q.1'],
    ['empty view', '2.abc..q.1'],
    ['bad view characters', '2.abc.v$w.q.1'],
    ['negative version', '2.abc.v.q.-1'],
    ['fractional version', '2.abc.v.q.1.5x'],
    ['leading zero', '2.abc.v.q.01'],
    ['non-numeric version', '2.abc.v.q.x'],
    ['too many digits', `2.abc.v.q.${'9'.repeat(16)}`],
    ['bad epoch characters', '2.ab$c.v.q.1'],
    ['quarter too long', `2.abc.v.${'q'.repeat(65)}.1`],
  ])('rejects %s as null', (_, raw) => {
    expect(parseCookie(raw)).toBeNull();
  });

  it('accepts the largest version it issues', () => {
    expect(parseCookie(`2.abc.v.q.${'9'.repeat(15)}`)?.version).toBe(999_999_999_999_999);
  });
});
