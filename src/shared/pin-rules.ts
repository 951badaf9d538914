// Which PINs a person may choose (issue 7). PINs stay as short as a bank card's — 4 to 6
// digits, for people who type with difficulty; what makes them safe is the server's lock per
// person after a few wrong tries. But the PINs everyone tries first are refused when a PIN is
// set: one digit repeated (0000), a run up or down (1234, 4321, 0123, 123456), a repeated pair
// or half (1212, 121212, 123123), and a year 1900–2099 (1948, a birth year). Existing PINs are
// not checked again; sign-in accepts whatever was set. Pure and without dependencies, so the
// app can check a PIN while it is typed and the server (admin CLI, user.repo) checks the same.

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 6;

/** Why `pin` may not be chosen, as a German sentence for people; undefined when it is fine. */
export function pinProblem(pin: string): string | undefined {
  if (!/^[0-9]*$/.test(pin)) return 'Die PIN darf nur aus Ziffern bestehen.';
  if (pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) {
    return `Die PIN muss aus ${PIN_MIN_LENGTH} bis ${PIN_MAX_LENGTH} Ziffern bestehen.`;
  }
  const digits = [...pin].map(Number);
  if (digits.every((digit) => digit === digits[0])) {
    return 'Die PIN ist zu leicht zu erraten: nur eine Ziffer wiederholt.';
  }
  if (isRun(digits, 1) || isRun(digits, -1)) {
    return 'Die PIN ist zu leicht zu erraten: Ziffern der Reihe nach.';
  }
  if (repeats(pin, 2) || repeats(pin, pin.length / 2)) {
    return 'Die PIN ist zu leicht zu erraten: dieselben Ziffern wiederholt.';
  }
  if (pin.length === 4 && pin >= '1900' && pin <= '2099') {
    return 'Die PIN ist zu leicht zu erraten: sie sieht aus wie eine Jahreszahl.';
  }
  return undefined;
}

/** Each digit is the previous one plus `step` (no wrap-around: 8901 is not a run). */
function isRun(digits: number[], step: 1 | -1): boolean {
  return digits.every((digit, i) => i === 0 || digit === (digits[i - 1] ?? NaN) + step);
}

/** `pin` is its first `size` characters repeated (size a whole divisor of its length). */
function repeats(pin: string, size: number): boolean {
  if (!Number.isInteger(size) || size < 1 || pin.length % size !== 0) return false;
  return pin === pin.slice(0, size).repeat(pin.length / size);
}
