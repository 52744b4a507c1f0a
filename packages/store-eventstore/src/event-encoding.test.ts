import { describe, expect, it } from 'vitest';
import {
  type ClientRecordedEvent,
  proposedSize,
  toProposedEvent,
  toRecordedEvent,
} from './event-encoding.js';
import { ORIGINAL_ID_KEY } from './event-ids.js';

const recorded = (overrides: Partial<ClientRecordedEvent>): ClientRecordedEvent => ({
  streamId: 's-1',
  id: '3f2b8c1e-9d4a-8b7c-a1e2-0f9e8d7c6b5a',
  revision: 4n,
  type: 'T',
  data: { a: 1 },
  metadata: { m: 1 },
  isJson: true,
  position: { commit: 10n, prepare: 9n },
  ...overrides,
});

describe('event encoding', () => {
  it('round-trips an event whose id is not a UUID through the server form', () => {
    const proposed = toProposedEvent({ id: 'cmd/0', type: 'T', data: [1, 'two', null], metadata: { m: 1 } });
    expect(proposed.metadata).toEqual({ m: 1, [ORIGINAL_ID_KEY]: 'cmd/0' });
    const back = toRecordedEvent(
      recorded({ id: proposed.id, data: proposed.data, metadata: proposed.metadata }),
    );
    expect(back).toEqual({
      stream: 's-1',
      revision: 4,
      position: 'C:10/P:9',
      id: 'cmd/0',
      type: 'T',
      data: [1, 'two', null],
      metadata: { m: 1 },
    });
  });

  it('counts the UTF-8 bytes the server charges: data, metadata and type', () => {
    const proposed = toProposedEvent({ id: 'ä', type: 'Typ', data: { s: 'åäö' }, metadata: {} });
    const metadata = JSON.stringify(proposed.metadata);
    expect(proposedSize(proposed)).toBe(Buffer.byteLength('{"s":"åäö"}') + Buffer.byteLength(metadata) + 3);
  });

  it('treats events this store cannot have written as infrastructure faults', () => {
    expect(() => toRecordedEvent(recorded({ isJson: false, data: new Uint8Array([1]) }))).toThrow(/not JSON/);
    expect(() => toRecordedEvent(recorded({ metadata: new Uint8Array([1]) }))).toThrow(/metadata/);
    expect(() => toRecordedEvent(recorded({ position: undefined }))).toThrow(/position/);
    expect(toRecordedEvent(recorded({ metadata: undefined })).metadata).toEqual({});
  });
});
