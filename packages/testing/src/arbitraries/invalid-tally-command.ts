import type { Catalogue, RefusalCode } from '@pinnstatistik/core';
import fc from 'fast-check';
import { type InvalidTallyCommand, invalidTallyVariants } from './invalid-tally-variants.js';
import { defaultYear } from './tally-bases.js';

/** Which invalid variants to draw. */
export interface InvalidTallyCommandOptions {
  /** The year valid dates fall in (default: the first full year the catalogue is in force). */
  readonly year?: number;
  /** Only the variants that must produce these codes (default: every variant the catalogue allows). */
  readonly codes?: readonly RefusalCode[];
}

/**
 * Invalid tally commands for a catalogue, each labelled with the one refusal it must
 * produce: `fc.assert(fc.property(invalidTallyCommand(catalogue), ({ input, expected }) => …))`.
 */
export function invalidTallyCommand(
  catalogue: Catalogue,
  options: InvalidTallyCommandOptions = {},
): fc.Arbitrary<InvalidTallyCommand> {
  const variants = Object.entries(invalidTallyVariants(catalogue, options.year ?? defaultYear(catalogue)))
    .filter(([code]) => options.codes === undefined || options.codes.includes(code as RefusalCode))
    .map(([, arbitrary]) => arbitrary as fc.Arbitrary<InvalidTallyCommand>);
  if (variants.length === 0) {
    throw new RangeError(`catalogue ${catalogue.id} allows none of the invalid variants asked for`);
  }
  return fc.oneof(...variants);
}
