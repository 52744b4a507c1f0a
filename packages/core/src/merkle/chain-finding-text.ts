import type { LocalizedText } from '../catalogue/localized-text.js';
import type { ChainFinding } from '../envelope/chain-verifier.js';

/** Why a hash chain is broken, in Swedish and English (the finding's own message is English). */
export function chainFindingText(finding: ChainFinding): LocalizedText {
  switch (finding.code) {
    case 'CHAIN_ENVELOPE_MISSING':
      return {
        sv: 'Hashkedjan är bruten: händelsen saknar sitt kuverthuvud.',
        en: `The hash chain is broken: ${finding.message}.`,
      };
    case 'CHAIN_REVISION_GAP':
      return {
        sv: `Hashkedjan är bruten: revision ${finding.revision} följer inte på den föregående händelsen i strömmen.`,
        en: `The hash chain is broken: ${finding.message}.`,
      };
    case 'CHAIN_HASH_MISMATCH':
      return {
        sv: 'Hashkedjan är bruten: den lagrade hashen följer inte av händelsen före och av denna händelse (ändrad, borttagen eller flyttad).',
        en: `The hash chain is broken: ${finding.message}.`,
      };
  }
}
