import { type JsonValue, sealEvent } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { createEnvelopeRules } from './envelope-rules.js';

const event = (stream: string, options: { meta?: Record<string, unknown>; sealed?: boolean } = {}) => {
  const { event: sealed } = sealEvent(
    stream,
    0,
    new Uint8Array(32),
    {
      id: '0a0b0c0d-0000-4000-8000-000000000001',
      type: 'Note',
      data: {} as JsonValue,
      meta: (options.meta ?? { commandId: '0a0b0c0d-0000-4000-8000-000000000002' }) as never,
    },
    options.sealed === true
      ? ({
          sealer: { algorithm: 'aes-256-gcm', seal: (bytes: Uint8Array) => bytes },
          paddedSize: (length: number) => length + 4,
        } as never)
      : undefined,
  );
  return { ...sealed, stream, revision: 0, position: '3' };
};

const codes = (...events: ReturnType<typeof event>[]) => {
  const rules = createEnvelopeRules();
  for (const each of events) rules.observe(each);
  return rules.findings.map((finding) => [finding.code, finding.stream]);
};

describe('the envelope rules', () => {
  it('leave the streams the library writes, with their codecs, alone', () => {
    expect(codes(event('series-index'), event('period-2025-01'), event('catalogue-vaggeryd'))).toEqual([]);
    expect(codes(event(`tally-2025-01-${'ab'.repeat(16)}`, { sealed: true }))).toEqual([]);
  });

  it('find a stream of a kind the library never writes, once, its name withheld when it holds personal data', () => {
    expect(codes(event('notes'), event('notes'))).toEqual([['LOG_UNKNOWN_STREAM', 'notes']]);
    const [finding] = codes(event('notes-811218-9876'));
    expect(finding?.[0]).toBe('LOG_UNKNOWN_STREAM');
    expect(JSON.stringify(finding)).not.toMatch(/811218|9876/);
  });

  it('find a clear event in a private stream and a sealed one in a public stream', () => {
    expect(codes(event(`series-${'ab'.repeat(16)}`), event('releases', { sealed: true }))).toEqual([
      ['LOG_CODEC_MISMATCH', `series-${'ab'.repeat(16)}`],
      ['LOG_CODEC_MISMATCH', 'releases'],
    ]);
  });

  it('find meta that core never writes', () => {
    expect(
      codes(
        event('series-index', { meta: { commandId: '0a0b0c0d-0000-4000-8000-000000000002', note: 'x' } }),
      ),
    ).toEqual([['LOG_MALFORMED_META', 'series-index']]);
  });
});
