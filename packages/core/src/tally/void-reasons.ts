import type { LocalizedText } from '../catalogue/localized-text.js';

/** Why a tally is voided: a closed list, so no free text reaches the log. */
export const VOID_REASONS = {
  'registered-by-mistake': { sv: 'Registrerad av misstag', en: 'Recorded by mistake' },
  duplicate: { sv: 'Dubbelregistrering', en: 'Recorded twice' },
  'wrong-intervention': { sv: 'Fel insats', en: 'Wrong intervention' },
  'wrong-unit': { sv: 'Fel enhet', en: 'Wrong unit' },
  'wrong-date': { sv: 'Fel datum', en: 'Wrong date' },
  'wrong-marks': { sv: 'Fel uppgifter', en: 'Wrong marks' },
} as const satisfies Record<string, LocalizedText>;

/** A void reason code. */
export type VoidReason = keyof typeof VOID_REASONS;
