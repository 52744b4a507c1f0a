/** An exact rational number `numerator / denominator`, denominator > 0, in lowest terms. */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const abs = (value: bigint): bigint => (value < 0n ? -value : value);

/** The greatest common divisor of two integers (non-negative; `gcd(0, 0) = 0`). */
export function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** `numerator / denominator` in lowest terms with a positive denominator (the denominator must not be 0). */
export function rational(numerator: bigint, denominator = 1n): Rational {
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = gcd(numerator, denominator) || 1n;
  return { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor };
}

/**
 * The exact value of a finite JavaScript number (every double is a dyadic rational), so a
 * published 2.5 is 5/2 and never an approximation.
 */
export function rationalFromNumber(value: number): Rational {
  if (!Number.isFinite(value)) throw new RangeError('only finite numbers have an exact rational value');
  if (Number.isInteger(value)) return rational(BigInt(value));
  let scaled = value;
  let denominator = 1n;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    denominator *= 2n;
  }
  return rational(BigInt(scaled), denominator);
}

/** The nearest JavaScript number (exact for integers up to 2^53). */
export function rationalToNumber(value: Rational): number {
  return value.denominator === 1n
    ? Number(value.numerator)
    : Number(value.numerator) / Number(value.denominator);
}

/** `"7"` or `"-7/2"`. */
export function rationalToString(value: Rational): string {
  return value.denominator === 1n ? `${value.numerator}` : `${value.numerator}/${value.denominator}`;
}
