/** The Luhn (mod 10) check used by Swedish personal identity numbers, over a string of digits. */
export function passesLuhn(digits: string): boolean {
  const sum = luhnSum(digits);
  return digits.length > 0 && sum !== undefined && sum % 10 === 0;
}

/**
 * The Luhn sum of a string of digits (every second digit from the right doubled, its digits
 * added), `undefined` for a character that is no digit. It adds over parts: the sum of a date
 * padded with zeros plus that of four digits after zeros is the sum of the two joined.
 */
export function luhnSum(digits: string): number | undefined {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (digit < 0 || digit > 9) return undefined;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}
