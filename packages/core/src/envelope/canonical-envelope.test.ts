import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../json.js';
import { canonicalEnvelope } from './canonical-envelope.js';
import { canonicalJson } from './canonical-json.js';

const generic = (
  stream: string,
  revision: number,
  id: string,
  type: string,
  data: JsonValue,
  metadata: JsonObject,
): string => {
  const { hash: _hash, ...rest } = metadata;
  return canonicalJson({ stream, revision, id, type, data, metadata: rest });
};

const outcome = (run: () => string): { text: string } | { threw: true } => {
  try {
    return { text: run() };
  } catch {
    return { threw: true };
  }
};

// Every kind of string: unicode, escapes, control characters and lone surrogates.
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
const key = fc.oneof(
  fc.constantFrom(
    'commandId',
    'correlationId',
    'causationId',
    'codec',
    'catalogueId',
    'keyId',
    'prev',
    'hash',
  ),
  text,
);
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 1e21, 1e-7, 5e-324));
const flatMetadata = fc.dictionary(key, fc.oneof(text, number));
const anyMetadata = fc.dictionary(key, fc.jsonValue()) as fc.Arbitrary<JsonObject>;
const data = fc.oneof(text, fc.jsonValue()) as fc.Arbitrary<JsonValue>;

describe('the specialised envelope serialiser', () => {
  it('writes exactly what the generic RFC 8785 canonicaliser writes, and refuses what it refuses', () => {
    fc.assert(
      fc.property(
        text,
        fc.oneof(fc.nat(), number),
        text,
        text,
        data,
        fc.oneof(flatMetadata, anyMetadata),
        (stream, revision, id, type, payload, metadata) => {
          expect(outcome(() => canonicalEnvelope(stream, revision, id, type, payload, metadata))).toEqual(
            outcome(() => generic(stream, revision, id, type, payload, metadata)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('writes real envelopes as the generic canonicaliser does', () => {
    const metadata = {
      commandId: '1926bf6b-4dc2-413c-9190-28d2a70557e9',
      correlationId: '1926bf6b-4dc2-413c-9190-28d2a70557e9',
      causationId: '1926bf6b-4dc2-413c-9190-28d2a70557e9',
      codec: 'aes-256-gcm',
      catalogueId: 'vaggeryd',
      catalogueVersion: '1.0',
      keyId: 'period-2025-12',
      prev: '615e665a74e5ab83d0a418a5bdcb3641b8ddc6d8ba77bae0a0474aaa489d48bb',
      hash: '0cecc780b50ded2d116e2b231b07287a29ddeac86c9a700e194425c2e21d3c93',
    };
    const args = ['tally-2025-12-0f3a', 7, '62ac7854-0bbc-8cd0-8b36-d9a79e4b42eb', 'ContactTallied'] as const;
    expect(canonicalEnvelope(...args, 'w6b/MrImh6fgtt15VbEzjrG5+', metadata)).toBe(
      generic(...args, 'w6b/MrImh6fgtt15VbEzjrG5+', metadata),
    );
    expect(canonicalEnvelope(...args, { tables: { b: 1, a: [1, 'x'] } }, metadata)).toBe(
      generic(...args, { tables: { b: 1, a: [1, 'x'] } }, metadata),
    );
  });
});
