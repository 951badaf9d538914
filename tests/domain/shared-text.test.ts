// The shared field rules (src/shared/text.ts), pure: what counts as clean text, a visible name,
// a strict UTC instant. The HTTP side of the same rules is tests/server/edge-input.test.ts.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  hasVisibleCharacter,
  instant,
  isCleanText,
  isDayString,
  isInstant,
  multiLine,
  plainId,
  singleLine,
  visibleName,
} from '../../src/shared/text';

describe('clean text', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['escape', '\u001B[31m'],
    ['carriage return', 'a\rb'],
    ['DEL', 'a\u007Fb'],
    ['C1 (NEL)', 'a\u0085b'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', '\uDC00'],
    ['a high surrogate at the end', 'a\uD83D'],
    ['right-to-left override', 'a\u202Eb'],
    ['left-to-right embedding', 'a\u202Ab'],
    ['first strong isolate', 'a\u2068b'],
    ['pop directional isolate', 'a\u2069b'],
  ])('refuses %s', (_what, text) => {
    expect(isCleanText(text)).toBe(false);
    expect(isCleanText(text, true)).toBe(false);
  });

  it('allows line feed and tab only in multi-line text', () => {
    expect(isCleanText('a\nb\tc', true)).toBe(true);
    expect(isCleanText('a\nb')).toBe(false);
    expect(isCleanText('a\tb')).toBe(false);
    expect(isCleanText('a\u2028b')).toBe(false);
  });

  it('allows ordinary text, umlauts, emoji (surrogate pairs) and right-to-left letters', () => {
    for (const text of ['Frau Müller', 'Ärger 😀', 'مرحبا', 'שלום', 'e\u0301', '']) {
      expect(isCleanText(text), text).toBe(true);
    }
  });
});

describe('visible names', () => {
  it('needs one character that shows something', () => {
    for (const text of [
      '',
      ' ',
      '\u00A0',
      '\u200B',
      '\u200C\u200D',
      '\u2060',
      '\uFEFF',
      '\u3164',
    ]) {
      expect(hasVisibleCharacter(text), JSON.stringify(text)).toBe(false);
    }
    for (const text of ['K', ' K. ', '\u200BK', '😀', '·']) {
      expect(hasVisibleCharacter(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('trims, checks and normalises to NFC', () => {
    const name = visibleName(80);
    expect(v.parse(name, '  Herr Mu\u0308ller ')).toBe('Herr Müller');
    expect(v.safeParse(name, '\u200B\u200B').success).toBe(false);
    expect(v.safeParse(name, 'Frau \u202EK.').success).toBe(false);
    expect(v.safeParse(name, 'x'.repeat(81)).success).toBe(false);
    expect(v.parse(name, 'x'.repeat(80))).toHaveLength(80);
  });
});

describe('text builders', () => {
  it('limit the length also after NFC', () => {
    // U+FB2C composes to nothing shorter: NFC of it is three code units.
    const expands = '\uFB2C';
    expect(expands.normalize('NFC').length).toBeGreaterThan(1);
    expect(v.safeParse(singleLine(2), expands).success).toBe(false);
    expect(v.parse(singleLine(3), expands)).toBe(expands.normalize('NFC'));
  });

  it('keep line breaks in multi-line text only', () => {
    expect(v.parse(multiLine(20), 'a\nb')).toBe('a\nb');
    expect(v.safeParse(singleLine(20), 'a\nb').success).toBe(false);
  });

  it('take plain ids only', () => {
    for (const id of ['call-1', 'a9c2e1f0-1b2c-4d5e-8f90-123456789abc', 'call.create', 'x_y:z']) {
      expect(v.safeParse(plainId(), id).success, id).toBe(true);
    }
    for (const id of ['', 'a b', 'a\u0000', 'ä', 'x'.repeat(65), 'a/b', "a'b"]) {
      expect(v.safeParse(plainId(), id).success, id).toBe(false);
    }
  });
});

describe('instants', () => {
  it.each([
    '2026-11-25T14:50:38.465Z',
    '2026-11-25T14:50:38Z',
    '2000-01-01T00:00:00.000Z',
    '2100-12-31T23:59:59.999Z',
    '2028-02-29T12:00:00.000Z',
    new Date(Date.UTC(2030, 5, 1)).toISOString(),
  ])('accepts %s', (text) => {
    expect(isInstant(text)).toBe(true);
    expect(v.safeParse(instant, text).success).toBe(true);
  });

  it.each([
    '0000-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '1999-12-31T23:59:59.999Z',
    '2101-01-01T00:00:00.000Z',
    '2026-02-31T10:00:00.000Z',
    '2027-02-29T10:00:00.000Z',
    '2100-02-29T10:00:00.000Z',
    '2026-04-31T10:00:00.000Z',
    '2026-13-01T10:00:00.000Z',
    '2026-00-01T10:00:00.000Z',
    '2026-11-00T10:00:00.000Z',
    '2026-11-25 14:50:38.465Z',
    '2026-11-25t14:50:38.465Z',
    '2026-11-25T14:50:38.465z',
    '2026-11-25T14:50:38.465+14:00',
    '2026-11-25T14:50:38.465+00:00',
    '2026-11-25T14:50:38.465',
    '2026-11-25T24:00:00.000Z',
    '2026-11-25T14:60:00.000Z',
    '2026-12-31T23:59:60.000Z',
    '2026-11-25T14:50:38.4Z',
    '2026-11-25T14:50:38.465123Z',
    '2026-11-25T14:50Z',
    '+002026-11-25T14:50:38.465Z',
    ' 2026-11-25T14:50:38.465Z',
    '2026-11-25T14:50:38.465Z\n',
    '２０２６-11-25T14:50:38.465Z',
    '',
  ])('refuses %j', (text) => {
    expect(isInstant(text)).toBe(false);
    expect(v.safeParse(instant, text).success).toBe(false);
  });

  it('calendar days are real days', () => {
    expect(isDayString('2026-02-28')).toBe(true);
    expect(isDayString('2024-02-29')).toBe(true);
    expect(isDayString('2026-02-31')).toBe(false);
    expect(isDayString('2026-2-3')).toBe(false);
  });
});
