import type { SheetTables } from '@pinnstatistik/core';
import { measureValue } from './measures.js';

/**
 * The measures whose people include every one a measure counts, coarsest first: a category's
 * total (`contacts` for `contacts|gender=female`; for a cross-tabulation also each of its two
 * marginals), a listed value's list, a series length's series, a group's participants, a
 * gender's visitors.
 */
function enclosing(measure: string): readonly string[] {
  const bar = measure.indexOf('|');
  if (bar === -1) return [];
  const head = measure.slice(0, bar);
  const rest = measure.slice(bar + 1);
  switch (head) {
    case 'contacts': {
      const pairs = rest.split('&');
      return pairs.length === 2 ? ['contacts', ...pairs.map((pair) => `contacts|${pair}`)] : ['contacts'];
    }
    case 'listed': {
      const equals = rest.indexOf('=');
      return equals === -1 ? [] : [`listed|${rest.slice(0, equals)}`];
    }
    case 'series':
    case 'participants':
    case 'visitors':
      return [head];
    default:
      return [];
  }
}

/**
 * The measure that names the people a sheet's non-zero count of `measure` counts, for the cell
 * key: the coarsest enclosing measure with the same count on the sheet, else the measure itself.
 * A category holding every contact of its month is the same population as the month's contacts
 * — a month of one contact is that one contact in every dimension's table — and must get the
 * same key and the same noise; keyed by its own name it got fresh noise per dimension, and one
 * release gave a small count as many versions as the intervention has dimensions.
 */
export function populationOf(tables: SheetTables, measure: string, value: number): string {
  for (const candidate of enclosing(measure))
    if (measureValue(tables, candidate) === value) return populationOf(tables, candidate, value);
  return measure;
}
