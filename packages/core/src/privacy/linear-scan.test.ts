import { describe, expect, it } from 'vitest';
import { scanTimeRatio } from './fixtures/scan-time.js';

/** Shapes that make a backtracking or quadratic scanner slow, as a function of the length wanted. */
const WORST_SHAPES: Readonly<Record<string, (length: number) => string>> = {
  'a…a@': (length) => `${'a'.repeat(length - 1)}@`,
  'a.a.a…@': (length) => `${'a.'.repeat(length / 2 - 1)}a@`,
  '@a@a@a…': (length) => '@a'.repeat(length / 2),
  'digits only': (length) => '1'.repeat(length),
  'zeros and spaces': (length) => '0 '.repeat(length / 2),
  'short digit groups': (length) => '01 2'.repeat(length / 4),
  'near-miss personnummer': (length) => '8112 18-98 70 '.repeat(Math.ceil(length / 14)).slice(0, length),
  entities: (length) => '&#4'.repeat(Math.ceil(length / 3)).slice(0, length),
  'at spelled': (length) => 'a at '.repeat(length / 5),
  spaces: (length) => ' '.repeat(length),
  'number words': (length) => 'noll, '.repeat(Math.ceil(length / 6)).slice(0, length),
  'punctuation between digits': (length) => '1 [" '.repeat(length / 4),
  'unknown numerals': (length) => '\u2182 '.repeat(length / 2),
  'wrapped at signs': (length) => 'a ((@ '.repeat(Math.ceil(length / 6)).slice(0, length),
  'tens words': (length) => 'sjuttio, '.repeat(Math.ceil(length / 9)).slice(0, length),
  'tens word prefixes': (length) => 'sjuttiofem sjutti'.repeat(Math.ceil(length / 17)).slice(0, length),
  '"en" runs': (length) => 'en en '.repeat(Math.ceil(length / 6)).slice(0, length),
  'minus between digits': (length) => '1 minus '.repeat(length / 8),
  'long punctuation run after a digit': (length) => `1${' .'.repeat(length / 2 - 1)}a`,
  'digits between long punctuation runs': (length) => '1 . . . . . . . '.repeat(length / 16),
  'hashes and tildes around at': (length) => 'a #~at '.repeat(Math.ceil(length / 7)).slice(0, length),
  'bracketed a': (length) => 'a (a) '.repeat(Math.ceil(length / 6)).slice(0, length),
  'circled a': (length) => 'a \u24d0 '.repeat(length / 4),
};

describe('the scan is linear in the length of the text', () => {
  it.each(Object.entries(WORST_SHAPES))(
    '%s: four times the text takes less than ten times as long',
    (_shape, make) => {
      // Linear is about 4 (garbage collection and a shared machine push it up to 6–8 at times);
      // quadratic is about 16, and fails every attempt.
      expect(scanTimeRatio(make(4_096), make(16_384))).toBeLessThan(10);
    },
  );
});
