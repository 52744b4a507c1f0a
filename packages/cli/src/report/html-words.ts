/** Swedish: the singular when the count is 1, the plural otherwise (also for 0). */
const one = (n: number, singular: string, plural: string): string => (n === 1 ? singular : plural);

/** The HTML report's own words, in Swedish and English. */
export const htmlWords = {
  sv: {
    catalogue: 'Katalog',
    version: 'version',
    period: 'Period',
    granularity: { month: 'per månad', quarter: 'per kvartal', year: 'per år' },
    disclosure: 'Röjandekontroll',
    threshold: (k: number) =>
      k <= 1
        ? `inga värden undertrycks (k = ${k})`
        : k === 2
          ? `värdet 1 undertrycks (k = ${k})`
          : `värden 1–${k - 1} undertrycks (k = ${k})`,
    cellKey: (d: number, v: number) =>
      `cellnyckelmetoden: alla värden slumpade, högst ±${d} (varians ${String(v).replace('.', ',')}); inget undertryckt`,
    recorded: (recorded: boolean) =>
      recorded ? 'registrerad som publicerad' : 'inte registrerad som publicerad (skrivskyddad källa)',
    source: 'Källa',
    generated: 'Skapad',
    audit: 'Granskning',
    clean: 'Ren — inga avvikelser',
    notClean: (n: number) => `INTE REN — ${n} ${one(n, 'avvikelse', 'avvikelser')}`,
    notes: 'Att observera',
    total: 'Totalt',
    suppressed: 'undertryckt',
    chartSingle: (title: string, rows: string) => `Stapeldiagram: ${title}, per ${rows.toLowerCase()}`,
    chartGrouped: (title: string, rows: string, columns: string) =>
      `Stapeldiagram: ${title}, per ${rows.toLowerCase()} och ${columns.toLowerCase()}`,
    chartTotals: (title: string, rows: string) =>
      `Stapeldiagram: ${title}, totalt per ${rows.toLowerCase()} (radsummor: för många kolumner för en stapel per kolumn)`,
    totalsKey: (rows: string) => `Totalt per ${rows.toLowerCase()} (alla kolumner)`,
    suppressedKey: 'undertryckt värde – ramens höjd säger inget om värdet',
    excluded: 'Insatser som inte ingår',
    contents: 'Innehåll',
    legend: 'Teckenförklaring',
    howToRead: 'Så läser du rapporten',
    overview: 'Översikt: alla insatser per period',
    overviewAbout: (granularity: string) =>
      `Antal ${granularity} för varje insats, med insatsens rad i katalogen och ansvarig enhet. Siffrorna är desamma som i insatsens egna tabeller längre ner.`,
    intervention: 'Insats',
    counted: 'Räknas',
    comparison: 'Jämförelse med föregående period',
    comparisonAbout: (previous: string, current: string) =>
      `${current} jämfört med ${previous}. Förändringen är räknad på de publicerade (skyddade) siffrorna; är någon av dem dold (..) visas inte heller förändringen.`,
    change: 'Förändring',
    changePercent: 'Förändring, %',
    noHeadline: 'räknas inte',
    incomplete: 'ofullständig period',
    incompleteKey: 'ofullständig period (ljusare stapel)',
    incompleteHeading: 'Ofullständiga perioder (*)',
    incompleteAbout:
      'En period markerad med * är inte avslutad och förseglad. Siffrorna för den kan ändras eller sakna uppgifter, så en nedgång behöver inte vara verklig.',
    incompleteInTable: 'Tabellen gäller hela rapportperioden, även de ofullständiga perioderna (*).',
    scrollTable: (title: string) => `${title} (tabellen kan rullas i sidled)`,
    byUnit: 'Per enhet',
    notIncluded: 'Ingår inte i statistiken (se Insatser som inte ingår)',
  },
  en: {
    catalogue: 'Catalogue',
    version: 'version',
    period: 'Period',
    granularity: { month: 'by month', quarter: 'by quarter', year: 'by year' },
    disclosure: 'Disclosure control',
    threshold: (k: number) =>
      k <= 1
        ? `no values suppressed (k = ${k})`
        : k === 2
          ? `the value 1 suppressed (k = ${k})`
          : `values 1–${k - 1} suppressed (k = ${k})`,
    cellKey: (d: number, v: number) =>
      `the cell-key method: every figure perturbed, at most ±${d} (variance ${v}); nothing suppressed`,
    recorded: (recorded: boolean) =>
      recorded ? 'recorded as published' : 'not recorded as published (read-only source)',
    source: 'Source',
    generated: 'Generated',
    audit: 'Audit',
    clean: 'Clean — no findings',
    notClean: (n: number) => `NOT CLEAN — ${n} ${one(n, 'finding', 'findings')}`,
    notes: 'Please note',
    total: 'Total',
    suppressed: 'suppressed',
    chartSingle: (title: string, rows: string) => `Bar chart: ${title}, by ${rows.toLowerCase()}`,
    chartGrouped: (title: string, rows: string, columns: string) =>
      `Bar chart: ${title}, by ${rows.toLowerCase()} and ${columns.toLowerCase()}`,
    chartTotals: (title: string, rows: string) =>
      `Bar chart: ${title}, total by ${rows.toLowerCase()} (row totals: too many columns for a bar each)`,
    totalsKey: (rows: string) => `Total by ${rows.toLowerCase()} (all columns)`,
    suppressedKey: 'suppressed value – the outline’s height says nothing about it',
    excluded: 'Interventions not included',
    contents: 'Contents',
    legend: 'Legend',
    howToRead: 'How to read this report',
    overview: 'Overview: every intervention by period',
    overviewAbout: (granularity: string) =>
      `Counts ${granularity} for each intervention, with its row in the catalogue and its responsible unit. The figures are the same as in the intervention's own tables further down.`,
    intervention: 'Intervention',
    counted: 'Counted',
    comparison: 'Comparison with the previous period',
    comparisonAbout: (previous: string, current: string) =>
      `${current} compared with ${previous}. The change is worked out from the published (protected) figures; where either is hidden (..), so is the change.`,
    change: 'Change',
    changePercent: 'Change, %',
    noHeadline: 'not counted',
    incomplete: 'incomplete period',
    incompleteKey: 'incomplete period (lighter bar)',
    incompleteHeading: 'Incomplete periods (*)',
    incompleteAbout:
      'A period marked * has not ended and been sealed. Its figures may change or lack data, so a drop need not be real.',
    incompleteInTable: 'The table covers the whole report, incomplete periods (*) included.',
    scrollTable: (title: string) => `${title} (the table scrolls sideways)`,
    byUnit: 'By unit',
    notIncluded: 'Not in the statistics (see Interventions not included)',
  },
} as const;
