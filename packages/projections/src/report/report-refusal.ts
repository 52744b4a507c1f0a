import type { LocalizedText } from '@pinnstatistik/core';

/** Why a report was not made, as data: a stable code and a message in Swedish and English. */
export type ReportRefusal =
  | {
      readonly code: 'INVALID_REPORT_OPTIONS';
      readonly issues: readonly { readonly path: string; readonly message: string }[];
      readonly message: LocalizedText;
    }
  /** The cell-key method needs the statistics key, and none was given (or found). */
  | { readonly code: 'STATISTICS_KEY_REQUIRED'; readonly message: LocalizedText }
  /** An earlier release covers some of the same figures with the other method. */
  | { readonly code: 'METHOD_CONFLICT'; readonly releaseId: string; readonly message: LocalizedText }
  /** An earlier cell-key release covers some of the same figures with other parameters. */
  | { readonly code: 'PARAMETERS_CONFLICT'; readonly releaseId: string; readonly message: LocalizedText }
  /** An earlier cell-key release was perturbed with another statistics key. */
  | { readonly code: 'STATISTICS_KEY_CHANGED'; readonly releaseId: string; readonly message: LocalizedText }
  /** A cell-key report from a read-only log (an export) that reproduces no recorded release, not asked for as unrecorded. */
  | { readonly code: 'RELEASE_NOT_RECORDED'; readonly message: LocalizedText }
  /**
   * A release the key store's anchors say was recorded is not in the releases stream (deleted,
   * altered, or its publication stopped between anchor and event): nothing can be protected jointly.
   */
  | {
      readonly code: 'RELEASES_MISSING';
      /** The missing release's sequence among the operator's releases, from 0. */
      readonly sequence: number;
      readonly message: LocalizedText;
    }
  /**
   * The key store registers the origins of the stores it publishes from, and this store's is not
   * one of them: its catalogue stream is not the one registered (rewritten), or it was never registered.
   */
  | { readonly code: 'STORE_ORIGIN_UNKNOWN'; readonly message: LocalizedText }
  /**
   * The store's origin is not the one the operator pinned (`expectedOrigin`): its catalogue stream
   * and releases are another store's — a genuine one sharing the key store, copied in (attack 44).
   */
  | { readonly code: 'STORE_ORIGIN_NOT_EXPECTED'; readonly message: LocalizedText }
  /** The figures of an earlier release have changed since it was published (late entries, amendments): cell-key or suppression. */
  | { readonly code: 'FIGURES_CHANGED'; readonly releaseId: string; readonly message: LocalizedText }
  /** Suppression cannot protect the report together with earlier releases. */
  | {
      readonly code: 'PARTIAL_PERIOD';
      readonly message: LocalizedText;
    }
  | {
      readonly code: 'UNITS_PARTLY_PUBLISHED';
      readonly releaseId: string;
      readonly message: LocalizedText;
    }
  | {
      readonly code: 'CANNOT_PROTECT';
      /** How many hidden counts the intruder pins down or narrows too far whatever this report hides. */
      readonly findings: number;
      readonly message: LocalizedText;
    };

/** The codes of {@link ReportRefusal}. */
export const REPORT_REFUSAL_CODES = [
  'INVALID_REPORT_OPTIONS',
  'STATISTICS_KEY_REQUIRED',
  'METHOD_CONFLICT',
  'PARAMETERS_CONFLICT',
  'STATISTICS_KEY_CHANGED',
  'FIGURES_CHANGED',
  'RELEASE_NOT_RECORDED',
  'RELEASES_MISSING',
  'STORE_ORIGIN_UNKNOWN',
  'STORE_ORIGIN_NOT_EXPECTED',
  'PARTIAL_PERIOD',
  'UNITS_PARTLY_PUBLISHED',
  'CANNOT_PROTECT',
] as const;

/** Structural guard for {@link ReportRefusal}. */
export function isReportRefusal(value: unknown): value is ReportRefusal {
  return (
    typeof value === 'object' &&
    value !== null &&
    (REPORT_REFUSAL_CODES as readonly unknown[]).includes((value as { code?: unknown }).code)
  );
}

const methodName = {
  'cell-key': { sv: 'cellnyckelmetoden', en: 'the cell-key method' },
  suppression: { sv: 'undertryckning', en: 'suppression' },
} as const;

/** The refusals, with their messages. */
export const reportRefusals = {
  invalidOptions: (issues: readonly { path: string; message: string }[]): ReportRefusal => ({
    code: 'INVALID_REPORT_OPTIONS',
    issues,
    message: {
      sv: `Rapportens inställningar kan inte användas: ${issues.map((issue) => issue.path).join(', ')}.`,
      en: `The report's options cannot be used: ${issues.map((issue) => `${issue.path} (${issue.message})`).join(', ')}.`,
    },
  }),
  statisticsKeyRequired: (): ReportRefusal => ({
    code: 'STATISTICS_KEY_REQUIRED',
    message: {
      sv: 'Cellnyckelmetoden kräver statistiknyckeln (i nyckelförrådet). Ange nyckelförrådet, eller välj undertryckning.',
      en: 'The cell-key method needs the statistics key (the key "statistics" in the key store). Give the key store, or choose suppression.',
    },
  }),
  methodConflict: (
    releaseId: string,
    earlier: keyof typeof methodName,
    from: string,
    to: string,
  ): ReportRefusal => ({
    code: 'METHOD_CONFLICT',
    releaseId,
    message: {
      sv: `Uppgifterna för ${from}–${to} har redan publicerats med ${methodName[earlier].sv}. Samma uppgifter publicerade med båda metoderna kan läggas ihop så att små antal röjs; använd samma metod.`,
      en: `The figures for ${from} to ${to} were already published with ${methodName[earlier].en}. The same figures published by both methods can be combined to disclose small counts; use the same method.`,
    },
  }),
  parametersConflict: (releaseId: string, from: string, to: string): ReportRefusal => ({
    code: 'PARAMETERS_CONFLICT',
    releaseId,
    message: {
      sv: `Uppgifterna för ${from}–${to} har redan publicerats med cellnyckelmetoden och andra parametrar. Andra parametrar ger samma cell ett nytt brus som kan jämföras med det gamla; använd samma parametrar.`,
      en: `The figures for ${from} to ${to} were already published by the cell-key method with other parameters. Other parameters give the same cell fresh noise that can be compared with the old; use the same parameters.`,
    },
  }),
  statisticsKeyChanged: (releaseId: string, from: string, to: string): ReportRefusal => ({
    code: 'STATISTICS_KEY_CHANGED',
    releaseId,
    message: {
      sv: `Uppgifterna för ${from}–${to} har publicerats med en annan statistiknyckel. Statistiknyckeln får aldrig bytas för perioder som redan publicerats: en ny nyckel ger varje cell nytt brus som kan jämföras med det gamla.`,
      en: `The figures for ${from} to ${to} were published with another statistics key. The statistics key must never change for periods already published: a new key gives every cell fresh noise that can be compared with the old.`,
    },
  }),
  releaseNotRecorded: (): ReportRefusal => ({
    code: 'RELEASE_NOT_RECORDED',
    message: {
      sv: 'En rapport med cellnyckelmetoden från en skrivskyddad källa (en exportfil) kan inte registreras som publicerad. En oregistrerad rapport kan inte skyddas: när dess uppgifter senare ändras ger nästa rapport dem en andra version, och skillnaden visar ändringen. Från en exportfil kan bara en redan registrerad rapport återskapas (samma inställningar och samma värden); gör nya rapporter från arkivet, eller be uttryckligen om en oregistrerad rapport som inte får publiceras.',
      en: 'A cell-key report from a read-only source (an export) cannot be recorded as a release. An unrecorded report cannot be protected: once its figures change, the next report gives them a second version, and the difference shows the change. From an export only a release already recorded can be reproduced (the same options and the same figures); make new reports from the store, or ask explicitly for an unrecorded report that must not be published.',
    },
  }),
  releasesMissing: (sequence: number): ReportRefusal => ({
    code: 'RELEASES_MISSING',
    sequence,
    message: {
      sv: `Publicering nummer ${sequence + 1} saknas i publiceringsloggen: nyckelförrådet visar att den registrerades, men händelselagret har den inte (borttagen eller ändrad). Utan den kan rapporten inte skyddas tillsammans med allt som publicerats, och den görs inte. Återställ publiceringsloggen från en säkerhetskopia eller en export som stämmer mot en signerad kontrollpunkt. Avbröts en publicering innan den registrerades och lämnades rapporten aldrig ut, kan dess ankare i nyckelförrådet (release-anchor-…-${sequence}) förstöras.`,
      en: `Release number ${sequence + 1} is missing from the releases stream: the key store shows it was recorded, the event store does not hold it (deleted or altered). Without it the report cannot be protected jointly with everything published, so it is not made. Restore the releases stream from a backup or an export that matches a signed checkpoint. If a publication stopped before it was recorded and its report was never given out, its anchor in the key store (release-anchor-…-${sequence}) may be destroyed.`,
    },
  }),
  storeOriginUnknown: (): ReportRefusal => ({
    code: 'STORE_ORIGIN_UNKNOWN',
    message: {
      sv: 'Nyckelförrådet känner inte igen arkivets ursprung (den första händelsen i dess katalogström): antingen har katalogströmmen skrivits om — och publiceringar som nyckelförrådet minns kan ha tagits bort — eller så antogs katalogen innan ursprung registrerades. Rapporten görs inte, eftersom den inte kan skyddas tillsammans med det som publicerats. Återställ arkivet från en säkerhetskopia eller en export som stämmer mot en signerad kontrollpunkt; är arkivet bevisligen äkta, registrera dess ursprung (registerReleaseOrigin) och försök igen.',
      en: "The key store does not know the store's origin (the first event of its catalogue stream): either the catalogue stream was rewritten — and releases the key store remembers may have been deleted — or the catalogue was adopted before origins were registered. The report is not made, since it cannot be protected jointly with what was published. Restore the store from a backup or an export that matches a signed checkpoint; if the store is known to be genuine, register its origin (registerReleaseOrigin) and try again.",
    },
  }),
  storeOriginNotExpected: (): ReportRefusal => ({
    code: 'STORE_ORIGIN_NOT_EXPECTED',
    message: {
      sv: 'Arkivets ursprung (den första händelsen i dess katalogström) är inte det som operatören har angett för det: arkivet bär ett annat arkivs historik — kanske ett annat äkta arkiv som delar nyckelförrådet, kopierat hit — och publiceringar som gjorts härifrån kan saknas. Rapporten görs inte, eftersom den inte kan skyddas tillsammans med det som publicerats. Kontrollera att rätt arkiv är anslutet, och återställ det annars från en säkerhetskopia eller en export som stämmer mot en signerad kontrollpunkt.',
      en: "The store's origin (the first event of its catalogue stream) is not the one the operator configured for it: the store carries another store's history — perhaps another genuine store sharing the key store, copied here — and releases made from this store may be missing. The report is not made, since it cannot be protected jointly with what was published. Check that the right store is connected; otherwise restore it from a backup or an export that matches a signed checkpoint.",
    },
  }),
  figuresChanged: (
    releaseId: string,
    from: string,
    to: string,
    method: 'cell-key' | 'suppression' = 'cell-key',
  ): ReportRefusal => ({
    code: 'FIGURES_CHANGED',
    releaseId,
    message:
      method === 'suppression'
        ? {
            sv: `Uppgifterna för ${from}–${to} har ändrats sedan de publicerades med undertryckning (rättelser efter försegling eller sena registreringar). Den som har den tidigare rapporten ser skillnaden mellan de gamla och de nya värdena: den visar rättelsen, till exempel en kontakts kategori i varje dimension, och med de gamla värdena kan dolda antal räknas fram. De gamla värdena sparas inte, så skyddet kan inte prövas mot dem. Publicera en period först när den är avslutad, förseglad och rättad; publicerade uppgifter publiceras inte igen med andra värden.`,
            en: `The figures for ${from} to ${to} have changed since they were published by suppression (amendments after sealing or late entries). Whoever holds the earlier release sees the difference between the old and the new figures: it shows the correction — a contact's category in every dimension, say — and with the old figures hidden counts can be derived. The old figures are not kept, so the protection cannot be checked against them. Publish a period once it is over, sealed and corrected; figures already published are not published again with other values.`,
          }
        : {
            sv: `Uppgifterna för ${from}–${to} har ändrats sedan de publicerades med cellnyckelmetoden (sena registreringar eller rättelser). En ny rapport över dem skulle ge varje ändrat antal en andra version, och skillnaden mellan versionerna visar ändringen. Publicera en period först när den är avslutad och förseglad; publicerade uppgifter publiceras inte igen med andra värden.`,
            en: `The figures for ${from} to ${to} have changed since they were published by the cell-key method (late entries or amendments). A new report over them would give each changed count a second version, and the difference between the versions shows the change. Publish a period once it is over and sealed; figures already published are not published again with other values.`,
          },
  }),
  partialPeriod: (method: 'cell-key' | 'suppression' = 'suppression'): ReportRefusal => ({
    code: 'PARTIAL_PERIOD',
    message:
      method === 'cell-key'
        ? {
            sv: 'Med cellnyckelmetoden måste rapporten omfatta hela perioder: börja på en periods första månad och sluta på en periods sista. En del av ett kvartal eller ett år får eget brus, och varje sådan del bredvid hela perioden ger de utelämnade månaderna ytterligare en oberoende version med brus, som kan medelvärdesbildas. Välj hela perioder eller redovisa per månad.',
            en: "Under the cell-key method a report covers whole periods: it starts at a period's first month and ends at a period's last. A part of a quarter or a year gets noise of its own, and each such part beside the whole period gives the months left out one more independent noisy version, which can be averaged. Choose whole periods, or report by month.",
          }
        : {
            sv: 'Med undertryckning måste rapporten omfatta hela perioder: börja på en periods första månad och sluta på en periods sista. En rapport över en del av en period och en över hela perioden skiljer sig med de månader som lämnats utanför, och den skillnaden skyddar ingen undertryckning. Välj hela perioder eller redovisa per månad.',
            en: "Under suppression a report covers whole periods: it starts at a period's first month and ends at a period's last. A report over part of a period and one over the whole period differ by the months left out, and no suppression protects that difference. Choose whole periods, or report by month.",
          },
  }),
  unitsPartlyPublished: (releaseId: string, from: string, to: string): ReportRefusal => ({
    code: 'UNITS_PARTLY_PUBLISHED',
    releaseId,
    message: {
      sv: `Uppgifterna för ${from}–${to} har redan publicerats med undertryckning för ett urval av enheter som delvis är detsamma som detta. Skillnaden mellan två sådana rapporter visar de övriga enheternas antal, och den skyddar ingen undertryckning. Välj samma enheter eller enheter utan någon gemensam, eller använd cellnyckelmetoden.`,
      en: `The figures for ${from} to ${to} were already published by suppression for a selection of units that partly matches this one. The difference of two such reports shows the other units' counts, and no suppression protects it. Choose the same units or units with none in common, or use the cell-key method.`,
    },
  }),
  cannotProtect: (findings: number): ReportRefusal => ({
    code: 'CANNOT_PROTECT',
    findings,
    message: {
      sv: `Rapporten kan inte skyddas med undertryckning: tillsammans med tidigare publicerade rapporter går ${findings} dolda antal att räkna fram eller ringa in för snävt, vad denna rapport än döljer. Publicera inte fler rapporter över samma uppgifter med undertryckning.`,
      en: `The report cannot be protected by suppression: together with earlier releases, ${findings} hidden ${findings === 1 ? 'count' : 'counts'} can be derived or narrowed too far whatever this report hides. Publish no more reports over the same figures by suppression.`,
    },
  }),
};
