import { normaliseForScan } from './normalise-text.js';

/** Whether a UTF-16 unit is the second half of a surrogate pair (a slice must not start there). */
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * The shortest end of a text whose scan reading is at least `length` characters long (or the
 * whole text): counted as the scan reads it, so marks and invisible characters, which it
 * drops, take no room. Doubles what it takes: linear in what it returns.
 */
export function tailReadAs(text: string, length: number): string {
  for (let take = length; ; take *= 2) {
    if (take >= text.length) return text;
    let from = text.length - take;
    if (isLowSurrogate(text.charCodeAt(from))) from -= 1;
    const tail = text.slice(from);
    if (normaliseForScan(tail).length >= length) return tail;
  }
}

/** How many characters a text reads as to the scan (marks and invisible characters not counted). */
export function readLength(text: string): number {
  return normaliseForScan(text).length;
}
