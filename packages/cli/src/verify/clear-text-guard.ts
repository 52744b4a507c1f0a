import {
  decodeInner,
  type LocalizedText,
  type PersonalDataKind,
  type RecordedEvent,
  readHeader,
  STREAM_PREFIXES,
  scanForPersonalData,
} from '@pinnstatistik/core';
import type { LogRuleFinding } from './integrity-finding.js';

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

/**
 * Holds the clear text a log carries to the personal-data guard the command service applies to
 * its input (`scanForPersonalData`), so an import cannot write what `adoptCatalogue` refuses.
 * Only catalogue streams are scanned: they are the clear events made of a caller's free text;
 * every other clear event is the library's own numbers, codes and hashes, which the guard was
 * never meant to read (a hash's digits look like a phone number). A finding names where and
 * what kind, never the value.
 */
export function createClearTextGuard(): ClearTextGuard {
  const findings: LogRuleFinding[] = [];
  return {
    findings,
    observe(event) {
      if (!event.stream.startsWith(STREAM_PREFIXES.catalogue)) return;
      if (readHeader(event.metadata)?.codec !== 'plain') return;
      const inner = decodeInner(event.data);
      if (inner === undefined) return; // core's verifier reports an unreadable clear event
      const found = scanForPersonalData(inner.data);
      if (found === undefined) return;
      const where = found.path === '' ? '' : ` (${found.path})`;
      const kind = KIND_NAMES[found.kind];
      findings.push({
        code: 'PERSONAL_DATA_IN_CLEAR',
        stream: event.stream,
        revision: event.revision,
        position: event.position,
        message: {
          sv: `Händelsen ser ut att innehålla ${kind.sv}${where} i klartext, vilket tjänsten aldrig tar emot: den har skrivits vid sidan av den.`,
          en: `The event appears to hold ${kind.en}${where} in clear, which the command service never accepts: it was written past it.`,
        },
      });
    },
  };
}
