// `printable`: what the admin CLI prints from the database cannot drive the terminal.
import { expect, it } from 'vitest';
import { printable } from '../../server/console-text';

it.each([
  ['\u001b[31mrot\u001b[0m', '\\u001b[31mrot\\u001b[0m'], // ANSI colour
  ['eins\nzwei\r', 'eins\\u000azwei\\u000d'], // a fake line
  ['\u0000\u0007\u007f', '\\u0000\\u0007\\u007f'], // NUL, bell, DEL
  ['\u009b2J\u0085', '\\u009b2J\\u0085'], // C1: CSI, next line
  ['abc\u202edef\u2066\u2069\u200f\u061c', 'abc\\u202edef\\u2066\\u2069\\u200f\\u061c'], // bidi
  ['a\u2028b\u2029c\ufeff', 'a\\u2028b\\u2029c\\ufeff'], // separators, BOM
  ['x\ud800y\udc00', 'x\\ud800y\\udc00'], // lone surrogates
])('escapes %j', (text, expected) => {
  expect(printable(text)).toBe(expected);
});

it('leaves ordinary text alone: umlauts, emoji, typographic punctuation', () => {
  for (const text of [
    'Erika M.',
    'Özlem Ünal · Straße',
    'Tablet 👵🏽 Anlaufstelle',
    '„Zitat“ – 5 €',
  ]) {
    expect(printable(text)).toBe(text);
  }
});
