import type { Language } from '@pinnstatistik/core';
import type { ReportDocument } from './report-document.js';

/**
 * How to read the figures, in plain words for a reader who is not a statistician: what the
 * protection did to them (`..` for suppression; small random changes for the cell-key method)
 * and what that means when reading a table. Goes before the first table; the exact legend
 * stays with the tables.
 */
export function howToRead(document: ReportDocument, lang: Language): readonly string[] {
  const { disclosure } = document;
  const sv = lang === 'sv';
  if (disclosure.method === 'cell-key') {
    const d = disclosure.cellKey?.maxDeviation ?? 3;
    return sv
      ? [
          `Ingen enskild person ska gå att känna igen i siffrorna. Därför har varje siffra i rapporten, även summorna, ändrats lite slumpmässigt: högst ${d} upp eller ner (cellnyckelmetoden, samma metod som SCB använder).`,
          `Det betyder att små tal är osäkra – en nolla kan betyda några få – och att delarna inte alltid blir exakt summan. Jämför gärna större tal och förändringar över tid, inte enstaka små tal.`,
          'Samma uppgift får alltid samma siffra, i alla rapporter. Därför går det inte att räkna bort ändringarna genom att ta fram flera rapporter.',
        ]
      : [
          `No single person should be recognisable in the figures. So every figure in the report, totals included, has been changed a little at random: by at most ${d} up or down (the cell-key method, as used by Statistics Sweden).`,
          'Small numbers are therefore uncertain – a zero may mean a few – and the parts need not add up exactly to the total. Compare larger numbers and changes over time rather than single small numbers.',
          'The same figure always gets the same value, in every report, so the changes cannot be undone by asking for several reports.',
        ];
  }
  const k = disclosure.k;
  if (k <= 1 && disclosure.showZeros)
    return [
      sv
        ? 'Alla siffror visas som de är; inga har dolts.'
        : 'Every figure is shown as it is; none is hidden.',
    ];
  const small = k <= 1 ? '0' : k === 2 ? (sv ? 'värdet 1' : 'the value 1') : `1–${k - 1}`;
  const zeros = disclosure.showZeros || k <= 1 ? '' : sv ? ' eller 0' : ' or 0';
  return sv
    ? [
        `Två punkter (..) betyder att siffran inte visas. Antingen är den liten (${small}${zeros}) och skulle kunna peka ut en enskild person, eller så skulle den gå att räkna fram ur de andra siffrorna i tabellen.`,
        'Alla siffror som visas är exakta. En summa kan alltså vara större än de synliga delarna tillsammans.',
      ]
    : [
        `Two dots (..) mean the figure is not shown: either it is small (${small}${zeros}) and could point to a single person, or it could be worked out from the other figures in the table.`,
        'Every figure shown is exact, so a total may be larger than the visible parts added up.',
      ];
}
