import { deriveEventId } from '@pinnstatistik/core';

/**
 * A command id for tests: a UUID derived from a label, the same every run, so expected
 * receipts, `tallyId`s and voids can be written down (`testCommandId('visit-1')`).
 */
export function testCommandId(label: string | number): string {
  return deriveEventId(String(label), 'pinnstatistik/testing', 0);
}
