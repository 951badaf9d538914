// The rules for new PINs (src/shared/pin-rules.ts): 4–6 digits, none of the PINs everyone
// tries first. Pure, so table-driven.
import { describe, expect, it } from 'vitest';
import { pinProblem } from '../../src/shared/pin-rules';

describe('pinProblem', () => {
  it.each(['4711', '3816', '5927', '7405', '2468', '8901', '1357', '90210', '482915', '0815'])(
    'accepts %s',
    (pin) => {
      expect(pinProblem(pin)).toBeUndefined();
    },
  );

  it.each([
    ['0000', /nur eine Ziffer/],
    ['1111', /nur eine Ziffer/],
    ['999999', /nur eine Ziffer/],
    ['1234', /der Reihe nach/],
    ['0123', /der Reihe nach/],
    ['4321', /der Reihe nach/],
    ['3210', /der Reihe nach/],
    ['123456', /der Reihe nach/],
    ['654321', /der Reihe nach/],
    ['56789', /der Reihe nach/],
    ['1212', /wiederholt/],
    ['9090', /wiederholt/],
    ['121212', /wiederholt/],
    ['123123', /wiederholt/],
    ['1900', /Jahreszahl/],
    ['1948', /Jahreszahl/],
    ['2025', /Jahreszahl/],
    ['2099', /Jahreszahl/],
  ])('refuses the trivial %s', (pin, reason) => {
    expect(pinProblem(pin)).toMatch(reason);
  });

  it.each([
    ['', /4 bis 6 Ziffern/],
    ['123', /4 bis 6 Ziffern/],
    ['4711471', /4 bis 6 Ziffern/],
    ['47114711', /4 bis 6 Ziffern/],
    ['47a1', /nur aus Ziffern/],
    [' 4711', /nur aus Ziffern/],
    ['4711\n', /nur aus Ziffern/],
    ['４７１１', /nur aus Ziffern/], // full-width digits look like digits, but are not
    ['٤٧١١', /nur aus Ziffern/],
    ['-471', /nur aus Ziffern/],
  ])('refuses %j: wrong characters or length', (pin, reason) => {
    expect(pinProblem(pin)).toMatch(reason);
  });

  it('keeps years outside 1900–2099 and 5- and 6-digit numbers that only start like a year', () => {
    expect(pinProblem('1899')).toBeUndefined();
    expect(pinProblem('2100')).toBeUndefined();
    expect(pinProblem('19485')).toBeUndefined();
  });
});
