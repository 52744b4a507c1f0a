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

describe('the clear-text guard on every clear event', () => {
  it('reads every public stream, the meta and the stream’s name, never showing the value', () => {
    const guard = createClearTextGuard();
    guard.observe(clear('releases', { options: { title: 'Rapport 811218-9876' } }));
    const meta = clear('series-index', {});
    guard.observe({
      ...meta,
      ...sealEvent('series-index', 0, new Uint8Array(32), {
        id: '0a0b0c0d-0000-4000-8000-000000000001',
        type: 'SeriesNoted',
        data: {},
        meta: { commandId: '0a0b0c0d-0000-4000-8000-000000000002', note: '811218-9876' } as never,
      }).event,
      stream: 'series-index',
      revision: 0,
      position: '8',
    });
    guard.observe(clear('notes-811218-9876', {}));
    expect(guard.findings.map((finding) => [finding.code, finding.position])).toEqual([
      ['PERSONAL_DATA_IN_CLEAR', '7'],
      ['PERSONAL_DATA_IN_CLEAR', '8'],
      ['PERSONAL_DATA_IN_CLEAR', '7'],
    ]);
    expect(JSON.stringify(guard.findings)).not.toMatch(/811218|9876/);
  });

  it('leaves the library’s machine formats alone: command ids joined from stream names, keys, dates', () => {
    const guard = createClearTextGuard();
    guard.observe(
      clear('log-keys', {
        keyId: '11bc3a0b2def782b',
        publicKey: 'MCowBQYDK2VwAyEA0701234567811218987600000000000000000000000=',
        on: '2026-01-15T09:00:00.000Z',
        series: `series-${'07012345678112189876'.padEnd(32, 'a')}`,
      }),
    );
    expect(guard.findings).toEqual([]);
  });
});
