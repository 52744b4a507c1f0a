import { describe, expect, it } from 'vitest';
import {
  type ClientRecordedEvent,
  METADATA_HEADER,
  proposedSize,
  toProposedEvent,
  toRecordedEvent,
} from './event-encoding.js';

const id = '3f2b8c1e-9d4a-8b7c-a1e2-0f9e8d7c6b5a';
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const recorded = (overrides: Partial<ClientRecordedEvent>): ClientRecordedEvent => ({
  streamId: 's-1',
  id,
  revision: 4n,
  type: 'T',
  data: Uint8Array.of(1, 2, 3),
  metadata: Uint8Array.of(...METADATA_HEADER, 9),
  isJson: false,
  position: { commit: 10n, prepare: 9n },
  ...overrides,
});

describe('event encoding', () => {
  it('sends binary events whose metadata never parses as JSON, and reads the exact bytes back', () => {
    for (const metadata of [bytes('{}'), bytes('42'), new Uint8Array(), Uint8Array.of(0, 255, 7)]) {
      const proposed = toProposedEvent({ id, type: 'T', data: bytes('{"a":1}'), metadata });
      expect(proposed.contentType).toBe('application/octet-stream');
      // Both clients JSON.parse custom metadata and hand back the parsed value when it parses.
      expect(() => JSON.parse(Buffer.from(proposed.metadata).toString('utf8'))).toThrow();
      expect(proposed.metadata.constructor).toBe(Uint8Array);
      const back = toRecordedEvent(
        recorded({ data: proposed.data, metadata: Uint8Array.from(proposed.metadata) }),
      );
      expect([...back.metadata]).toEqual([...metadata]);
      expect([...back.data]).toEqual([...bytes('{"a":1}')]);
      expect(back).toMatchObject({ stream: 's-1', revision: 4, position: 'C:10/P:9', id, type: 'T' });
    }
  });

  it('counts the bytes the server charges: data, metadata (with its header) and the type in UTF-8', () => {
    const proposed = toProposedEvent({ id, type: 'Typ', data: bytes('åäö'), metadata: Uint8Array.of(1) });
    expect(proposedSize(proposed)).toBe(6 + METADATA_HEADER.length + 1 + 3);
  });

  it('refuses ids the server would change or refuse, without echoing them', () => {
    const event = (eventId: string) => ({
      id: eventId,
      type: 'T',
      data: new Uint8Array(),
      metadata: new Uint8Array(),
    });
    for (const bad of ['cmd/0', id.toUpperCase(), '00000000-0000-0000-0000-000000000000']) {
      expect(() => toProposedEvent(event(bad))).toThrow(TypeError);
      try {
        toProposedEvent(event(bad));
      } catch (error) {
        expect(String(error)).not.toContain(bad);
      }
    }
  });

  it('treats events this store cannot have written as infrastructure faults', () => {
    expect(() => toRecordedEvent(recorded({ isJson: true, data: { a: 1 } }))).toThrow(/not binary/);
    expect(() => toRecordedEvent(recorded({ metadata: Uint8Array.of(1) }))).toThrow(/header/);
    expect(() => toRecordedEvent(recorded({ metadata: undefined }))).toThrow(/header/);
    expect(() => toRecordedEvent(recorded({ position: undefined }))).toThrow(/position/);
  });
});
