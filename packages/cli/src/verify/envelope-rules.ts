import { decodeInner, type RecordedEvent, readHeader } from '@pinnstatistik/core';
import type { LogRuleFinding } from './integrity-finding.js';
import { shownStream } from './shown-stream.js';
import { isOutsideLog, streamKindOf } from './stream-kind.js';

/** Watches the shape of a log's events as they go past; `findings` lists what the library never writes. */
export interface EnvelopeRules {
  observe(event: RecordedEvent): void;
  readonly findings: readonly LogRuleFinding[];
}

/** The keys core writes in an event's meta (`EventMeta`), each a string. */
const META_KEYS: ReadonlySet<string> = new Set([
  'commandId',
  'correlationId',
  'causationId',
  'catalogueId',
  'catalogueVersion',
  'digest',
]);

function isEventMeta(meta: object): boolean {
  if (Array.isArray(meta)) return false;
  return Object.entries(meta).every(([key, value]) => META_KEYS.has(key) && typeof value === 'string');
}

/**
 * Holds every event to what the library writes, so nothing it never writes can carry clear
 * text past the guard: a stream of a kind it writes (`LOG_UNKNOWN_STREAM`, once per stream); a
 * private stream's events sealed and a public stream's clear (`LOG_CODEC_MISMATCH`: a clear
 * payload in a tally sheet, or readable JSON labelled as ciphertext); and a clear event's meta
 * exactly core's (`LOG_MALFORMED_META`). An envelope header that is not core's is core's own
 * finding (`CHAIN_ENVELOPE_MISSING`). `checkpoint-*` streams are outside the log and left to
 * the rules for them. No finding shows a value, nor a stream's name that holds personal data.
 */
export function createEnvelopeRules(): EnvelopeRules {
  const findings: LogRuleFinding[] = [];
  const unknown = new Set<string>();
  return {
    findings,
    observe(event) {
      if (isOutsideLog(event.stream)) return;
      const at = {
        stream: shownStream(event.stream),
        revision: event.revision,
        position: event.position,
      };
      const kind = streamKindOf(event.stream);
      if (kind === undefined && !unknown.has(event.stream)) {
        unknown.add(event.stream);
        findings.push({
          code: 'LOG_UNKNOWN_STREAM',
          ...at,
          message: {
            sv: 'En ström av ett slag som biblioteket aldrig skriver: den har lagts till vid sidan av tjänsten.',
            en: 'A stream of a kind the library never writes: it was added past the command service.',
          },
        });
      }
      const codec = readHeader(event.metadata)?.codec;
      if (codec === undefined) return; // core's verifier reports the missing envelope
      if (kind !== undefined && (kind.access === 'private') === (codec === 'plain'))
        findings.push({
          code: 'LOG_CODEC_MISMATCH',
          ...at,
          message:
            kind.access === 'private'
              ? {
                  sv: 'En händelse i klartext i en privat ström, där biblioteket bara skriver krypterade händelser.',
                  en: 'A clear event in a private stream, where the library writes only sealed events.',
                }
              : {
                  sv: 'En händelse märkt som krypterad i en publik ström, där biblioteket bara skriver klartext.',
                  en: 'An event labelled as sealed in a public stream, where the library writes only clear events.',
                },
        });
      if (codec !== 'plain') return;
      const inner = decodeInner(event.data);
      if (inner !== undefined && !isEventMeta(inner.meta))
        findings.push({
          code: 'LOG_MALFORMED_META',
          ...at,
          message: {
            sv: 'Händelsens metadata har fält som biblioteket aldrig skriver.',
            en: 'The event’s meta holds fields the library never writes.',
          },
        });
    },
  };
}
