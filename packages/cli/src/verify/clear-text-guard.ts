import {
  decodeInner,
  findPersonalData,
  type JsonValue,
  type LocalizedText,
  type PersonalDataKind,
  type RecordedEvent,
  scanForPersonalData,
} from '@pinnstatistik/core';
import type { LogRuleFinding } from './integrity-finding.js';
import { readableText } from './machine-format.js';
import { nameHoldsPersonalData, WITHHELD_STREAM } from './shown-stream.js';
import { isOutsideLog } from './stream-kind.js';

const KIND_NAMES: Record<PersonalDataKind, LocalizedText> = {
  personnummer: { sv: 'ett personnummer', en: 'a personnummer' },
  samordningsnummer: { sv: 'ett samordningsnummer', en: 'a samordningsnummer' },
  'phone-number': { sv: 'ett telefonnummer', en: 'a phone number' },
  'email-address': { sv: 'en e-postadress', en: 'an e-mail address' },
};

/** Watches a log's clear text as it goes past; `findings` lists what the guard refuses. */
export interface ClearTextGuard {
  observe(event: RecordedEvent): void;
  readonly findings: readonly LogRuleFinding[];
}

/** A clear value with the library's machine formats (hashes, blobs, dates, stream names) left out. */
function withoutMachineFormats(value: JsonValue): JsonValue {
  if (typeof value === 'string') return readableText(value);
  if (Array.isArray(value)) return value.map(withoutMachineFormats);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, withoutMachineFormats(entry as JsonValue)]),
    );
  return value;
}

/**
 * Holds the clear text a log carries to the personal-data guard the command service applies to
 * its input (`scanForPersonalData`), so an import cannot write what the service refuses: every
 * stream's name (the free part of it, a catalogue's id), every event's type and id, and the
 * whole payload — data and meta — of every event whose payload reads as clear JSON, whatever
 * its stream or the codec it is labelled with. String values that are machine formats the
 * library writes (hex hashes, base64 keys and signatures, ISO dates, stream names) are left out:
 * a hash's digits look like a phone number. A finding names where and what kind, never the
 * value, and withholds a stream's name that holds personal data.
 */
export function createClearTextGuard(): ClearTextGuard {
  const findings: LogRuleFinding[] = [];
  const named = new Set<string>();
  const report = (event: RecordedEvent, kind: PersonalDataKind, where: LocalizedText) => {
    const text = KIND_NAMES[kind];
    findings.push({
      code: 'PERSONAL_DATA_IN_CLEAR',
      stream: nameHoldsPersonalData(event.stream) ? WITHHELD_STREAM : event.stream,
      revision: event.revision,
      position: event.position,
      message: {
        sv: `Händelsen ser ut att innehålla ${text.sv}${where.sv} i klartext, vilket tjänsten aldrig tar emot: den har skrivits vid sidan av den.`,
        en: `The event appears to hold ${text.en}${where.en} in clear, which the command service never accepts: it was written past it.`,
      },
    });
  };
  return {
    findings,
    observe(event) {
      if (isOutsideLog(event.stream)) return;
      if (!named.has(event.stream)) {
        named.add(event.stream);
        if (nameHoldsPersonalData(event.stream)) {
          const kind = findPersonalData(event.stream) ?? 'personnummer';
          report(event, kind, { sv: ' i strömmens namn', en: ' in the stream’s name' });
          return;
        }
      }
      const label = findPersonalData(event.type) ?? findPersonalData(event.id);
      if (label !== undefined)
        return report(event, label, { sv: ' i typ eller id', en: ' in its type or id' });
      // Read whatever reads as clear JSON, labelled plain or not: ciphertext never does.
      const inner = decodeInner(event.data);
      if (inner === undefined) return; // core's verifier reports an unreadable clear event
      const found = scanForPersonalData(
        withoutMachineFormats({
          data: inner.data,
          meta: inner.meta as unknown as JsonValue,
          type: inner.type,
        }),
      );
      if (found === undefined) return;
      const where = found.path === '' ? '' : ` (${found.path})`;
      report(event, found.kind, { sv: where, en: where });
    },
  };
}
