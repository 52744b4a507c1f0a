import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isMachineFormat, readableText } from './machine-format.js';

describe('the machine formats the guard leaves out', () => {
  it('are the hashes, blobs, dates and stream names the library writes', () => {
    for (const text of [
      randomBytes(32).toString('hex'),
      randomBytes(16).toString('hex'),
      '11bc3a0b2def782b',
      randomBytes(32).toString('base64'),
      randomBytes(64).toString('base64url'),
      '2026-01-15T09:00:00.000Z',
      '2025-03-01',
      '2025-03',
      'series-index',
      `tally-2025-01-${randomBytes(16).toString('hex')}`,
      'catalogue-vaggeryd',
    ])
      expect(isMachineFormat(text), text).toBe(true);
  });

  it('are never a personnummer in a shape the library writes, nor free text', () => {
    for (const text of [
      '8112189876',
      'catalogue-811218-9876',
      'Klient 811218-9876',
      `AAAAAAAAAAAAAAAAAAAAAA811218-9876AAAAAAAAAAA`, // base64url of 32 bytes, with a personnummer in it
      '2025-13-01',
      randomUUID(), // read by core's guard, as it is written
    ])
      expect(isMachineFormat(text), text).toBe(false);
  });

  it('reads what is left of a joined string, its machine parts emptied', () => {
    expect(readableText(`closed\u0000series-${'ab'.repeat(16)}`)).toBe('closed\u0000');
    expect(readableText('seal\u00002025-01\u0000tables\u00003')).toBe('seal\u0000\u0000tables\u00003');
    expect(readableText('visitors|2025-01|811218|9876')).toBe('visitors||811218|9876');
  });
});
