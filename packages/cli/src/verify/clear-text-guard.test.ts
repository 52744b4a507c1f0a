import { type JsonValue, sealEvent } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { createClearTextGuard } from './clear-text-guard.js';

const clear = (stream: string, data: JsonValue) => {
  const { event } = sealEvent(stream, 0, new Uint8Array(32), {
    id: '0a0b0c0d-0000-4000-8000-000000000001',
    type: 'CatalogueAdopted',
    data,
    meta: { commandId: '0a0b0c0d-0000-4000-8000-000000000002' },
  });
  return { ...event, stream, revision: 0, position: '7' };
};

describe('the clear-text guard', () => {
  it('finds a personnummer in a catalogue event, naming the field and never the value', () => {
    const guard = createClearTextGuard();
    guard.observe(clear('catalogue-x', { catalogue: { name: { sv: 'Rådgivning 811218-9876' } } }));
    expect(guard.findings.map((finding) => [finding.code, finding.stream, finding.position])).toEqual([
      ['PERSONAL_DATA_IN_CLEAR', 'catalogue-x', '7'],
    ]);
    expect(JSON.stringify(guard.findings)).not.toMatch(/811218|9876/);
  });

  it('leaves the library’s own clear events alone (their hashes are no personal data)', () => {
    const guard = createClearTextGuard();
    guard.observe(
      clear('period-2025-01', { head: '0701234567811218987600000000000000000000000000000000000000000000' }),
    );
    expect(guard.findings).toEqual([]);
  });
});
