import type { RecordedEvent } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { createBatchFingerprints } from './batch-fingerprints.js';

const event = (stream: string, revision: number, data = 'x'.repeat(100)): RecordedEvent => ({
  stream,
  revision,
  position: '0',
  id: `${stream}-${revision}`,
  type: 'T',
  data: Buffer.from(data),
  metadata: Buffer.alloc(34),
});

const fingerprints = (events: readonly RecordedEvent[]): string[] => {
  const batches = createBatchFingerprints({ maxAppendBytes: 1024, batchBytes: 2048 });
  const all: string[] = [];
  for (const each of events) {
    const closed = batches.add(each);
    if (closed !== undefined) all.push(closed);
  }
  const last = batches.finish();
  return last === undefined ? all : [...all, last];
};

const log = Array.from({ length: 40 }, (_, at) => event(`s-${at % 3}`, Math.floor(at / 3)));

describe('import batch fingerprints', () => {
  it('break the same events into the same batches, each within the limits', () => {
    const first = fingerprints(log);
    expect(first.length).toBeGreaterThan(1);
    expect(fingerprints(log)).toEqual(first);
  });

  it('tell a batch with one byte changed from the one verified, and no other', () => {
    const changed = log.map((each, at) =>
      at === 25 ? event(each.stream, each.revision, `y${'x'.repeat(99)}`) : each,
    );
    const [verified, written] = [fingerprints(log), fingerprints(changed)];
    expect(written.filter((fingerprint, at) => fingerprint !== verified[at])).toHaveLength(1);
  });

  it('start a new batch before a catalogue event that follows other streams', () => {
    expect(fingerprints([event('s-0', 0), event('catalogue-x', 0)])).toHaveLength(2);
    expect(fingerprints([event('catalogue-x', 0), event('s-0', 0)])).toHaveLength(1);
  });
});
