import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDisclosureControl } from '../disclosure/apply-disclosure-control.js';
import { countTable, seededReport } from '../disclosure/seeded-reports.js';
import type { RawTable } from '../report/report-model.js';
import { csvColumns, toCsv } from './csv.js';
import { escapeMarkdown, toMarkdown } from './markdown.js';
import { type ReportDocument, reportDocument, toJson } from './report-document.js';
import { tableGrid, totalKey } from './table-grid.js';

type CsvRecord = Record<string, string>;
const csvRecords = (text: string): CsvRecord[] => parse(text, { columns: true, bom: true }) as CsvRecord[];
/** The records of published places (not the cost lines). */
const placeRecords = (records: readonly CsvRecord[]): CsvRecord[] =>
  records.filter((record) => record.row_key !== '_COST' && record.rad_nyckel !== '_COST');

/** Splits a Markdown table line on its unescaped pipes and unescapes the cells. */
const markdownCells = (line: string): string[] =>
  line
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((cell) => cell.replace(/\\(.)/g, '$1'));

/** Every place of every table, with what the raw tables say it is. */
function places(raw: readonly RawTable[], document: ReportDocument) {
  return document.tables.flatMap((table, t) => {
    const source = raw[t];
    return tableGrid(table).flatMap((places, r) =>
      places.map((place, c) => {
        const rawRow = r < (source?.rows.length ?? 0) ? source?.cells[r] : source?.columnTotals;
        const rawTotal = r < (source?.rows.length ?? 0) ? source?.rowTotals[r] : source?.total;
        const quantity = c < (source?.columns.length ?? 0) ? rawRow?.[c] : rawTotal;
        return { table, r, c, place, raw: quantity };
      }),
    );
  });
}

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const runs = { seed: 4_180, numRuns: 120 };

describe('formats of seeded reports', () => {
  it('CSV parses back to exactly the published values, in either language', () => {
    fc.assert(
      fc.property(seeds, fc.constantFrom('sv' as const, 'en' as const), (seed, lang) => {
        const raw = seededReport(seed);
        const document = reportDocument(applyDisclosureControl(raw), { disclosure: { k: 5 } });
        const text = toCsv(document, { lang });
        const all = csvRecords(text);
        const records = placeRecords(all);
        expect(Object.keys(records[0] ?? {})).toEqual(csvColumns.map((column) => column[lang]));
        // Four cost lines per table and four for the report.
        expect(all.length - records.length).toBe(4 * (document.tables.length + 1));
        const expected = places(raw, document);
        expect(records).toHaveLength(expected.length);
        const header = (key: (typeof csvColumns)[number]['key']): string =>
          csvColumns.find((column) => column.key === key)?.[lang] ?? '';
        expected.forEach(({ table, place, raw: quantity }, index) => {
          const record = records[index] ?? {};
          expect(record[header('tableId')]).toBe(table.id);
          expect(record[header('rowKey')]).toBe(place.row.key);
          expect(record[header('columnKey')]).toBe(place.column.key);
          expect(record[header('row')]).toBe(place.row.label[lang]);
          expect(record[header('quantityKey')]).toBe(quantity?.key);
          if (place.cell.suppressed) {
            expect(record[header('value')]).toBe('');
            expect(record[header('flag')]).toBe('..');
          } else {
            expect(Number(record[header('value')])).toBe(quantity?.value);
            expect(record[header('flag')]).toBe('');
          }
        });
      }),
      runs,
    );
  });

  it('Markdown shows every value, total and symbol where it belongs', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const raw = seededReport(seed);
        const document = reportDocument(applyDisclosureControl(raw));
        const text = toMarkdown(document, { lang: 'en' });
        const lines = text.split('\n');
        for (const { table, r, c, place, raw: quantity } of places(raw, document)) {
          const heading = lines.indexOf(`### ${escapeMarkdown(table.title.en)}`);
          const cells = markdownCells(lines[heading + 4 + r] ?? '');
          expect(cells).toHaveLength(table.columns.length + 2);
          expect(cells[c + 1]).toBe(place.cell.suppressed ? '..' : String(quantity?.value));
        }
        expect(text).toContain(document.legend.en);
      }),
      runs,
    );
  });

  it('no output carries a suppressed count where the quantity is printed', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const raw = seededReport(seed);
        const document = reportDocument(applyDisclosureControl(raw));
        const hidden = places(raw, document).filter(({ place }) => place.cell.suppressed);
        // JSON: a suppressed quantity's object never has a value, wherever it appears.
        const json = toJson(document);
        const objects = [...json.matchAll(/\{[^{}]*\}/g)].map((match) => JSON.parse(match[0]) as object);
        for (const { raw: quantity } of hidden) {
          const printed = objects.filter((o) => 'key' in o && o.key === quantity?.key);
          expect(printed.length).toBeGreaterThan(0);
          for (const object of printed) {
            expect(object).not.toHaveProperty('value');
            expect(object).not.toHaveProperty('reason');
          }
        }
        // CSV: the line of a suppressed quantity ends with an empty value and the symbol, in both languages.
        for (const lang of ['sv', 'en'] as const) {
          const lines = toCsv(document, { lang }).split('\r\n');
          for (const { raw: quantity } of hidden) {
            const printed = lines.filter((l) => l.includes(`,${quantity?.key},`));
            expect(printed.length).toBeGreaterThan(0);
            for (const line of printed) expect(line).toMatch(/,,\.\.$/);
          }
        }
        // Markdown: the symbol sits in the suppressed place (checked above); and the raw count is
        // not in that place either.
        const md = toMarkdown(document, { lang: 'sv' }).split('\n');
        for (const { table, r, c, raw: quantity } of hidden) {
          const heading = md.indexOf(`### ${escapeMarkdown(table.title.sv)}`);
          expect(markdownCells(md[heading + 4 + r] ?? '')[c + 1]).not.toBe(String(quantity?.value));
        }
      }),
      runs,
    );
  });
});

describe('CSV', () => {
  const awkward = countTable('t', [
    [7, 8],
    [9, 10],
  ]);
  const withLabels: RawTable = {
    ...awkward,
    title: { sv: 'Kontakter, "alla"', en: 'Contacts, "all"' },
    rows: [
      { key: 'r0', label: { sv: 'Rad med\nradbrytning', en: 'Row with\r\nline break' } },
      { key: 'r1', label: { sv: 'Å, ä; ö', en: 'semi;colon' } },
    ],
  };

  it('quotes commas, quotes and line breaks per RFC 4180 and ends lines with CRLF', () => {
    const text = toCsv(reportDocument(applyDisclosureControl([withLabels])), { lang: 'sv' });
    expect(text.startsWith('tabell_id,insats_id,tabell,raddimension,rad_nyckel,rad,')).toBe(true);
    expect(text).toContain('"Kontakter, ""alla"""');
    expect(text.endsWith('\r\n')).toBe(true);
    const records = placeRecords(csvRecords(text));
    expect(records[0]?.tabell).toBe('Kontakter, "alla"');
    expect(records[0]?.rad).toBe('Rad med\nradbrytning');
    expect(records.map((record) => record.värde)).toEqual([
      '7',
      '8',
      '15',
      '9',
      '10',
      '19',
      '16',
      '18',
      '34',
    ]);
    expect(records.at(-1)).toMatchObject({ rad_nyckel: totalKey, kolumn_nyckel: totalKey, rad: 'Totalt' });
  });

  it('has English headers and an optional byte-order mark', () => {
    const document = reportDocument(applyDisclosureControl([withLabels]));
    expect(toCsv(document, { lang: 'en' }).split('\r\n')[0]).toBe(
      'table_id,intervention_id,table,row_dimension,row_key,row,column_dimension,column_key,column,quantity_key,value,flag',
    );
    expect(toCsv(document, { lang: 'en', bom: true }).startsWith('\uFEFFtable_id')).toBe(true);
    expect(csvRecords(toCsv(document, { lang: 'en' }))[0]?.row).toBe('Row with\r\nline break');
  });
});

describe('Markdown', () => {
  it('escapes pipes and markup in labels, bolds the totals row, and ends with the legend', () => {
    const table: RawTable = {
      ...countTable('t', [
        [2, 30],
        [40, 50],
      ]),
      title: { sv: 'Kön | ålder', en: 'Gender | age' },
      columns: [
        { key: 'c0', label: { sv: '<18 år', en: 'under_18' } },
        { key: 'c1', label: { sv: '18+', en: '18+' } },
      ],
    };
    const document = reportDocument(applyDisclosureControl([table]), {
      title: { sv: 'År 2025', en: 'Year 2025' },
    });
    expect(toMarkdown(document, { lang: 'sv' })).toBe(
      [
        '## År 2025',
        '',
        '### Kön \\| ålder',
        '',
        '| Rader / Kolumner | \\<18 år | 18+ | Totalt |',
        '| :--- | ---: | ---: | ---: |',
        '| Rad 0 \\| row | .. | .. | 32 |',
        '| Rad 1 \\| row | .. | .. | 90 |',
        '| **Totalt** | 42 | 80 | 122 |',
        '',
        '*Röjandekontroll: 4 av 9 värden undertryckta (44\u00a0%); de publicerade värdena är exakta.*',
        '',
        '**Röjandekontroll: 4 av 9 värden undertryckta (44\u00a0%); de publicerade värdena är exakta.**',
        '',
        '*Värden 1–4 har undertryckts (..) för att skydda enskilda; ytterligare celler har undertryckts så att de inte kan räknas fram ur summorna.*',
        '',
      ].join('\n'),
    );
    expect(toMarkdown(document, { lang: 'en' })).toContain('| Rows / Columns | under\\_18 | 18+ | Total |');
  });
});

describe('JSON document', () => {
  it('carries keys, labels, settings, symbol and legend, and hides reasons unless asked', () => {
    const raw = [
      countTable('t', [
        [2, 30],
        [40, 50],
      ]),
    ];
    const published = applyDisclosureControl(raw, { k: 3 });
    const document = reportDocument(published, { disclosure: { k: 3 } });
    expect(document).toMatchObject({
      format: 'pinnstatistik/published-report',
      version: 1,
      disclosure: { k: 3, showZeros: true, symbol: '..' },
      legend: { sv: expect.stringContaining('Värden 1–2'), en: expect.stringContaining('Values 1–2') },
    });
    expect(document.tables[0]?.cells[0]?.[0]).toEqual({ key: 't|r0|c0', suppressed: true, symbol: '..' });
    expect(JSON.parse(toJson(document))).toEqual(document);
    const withReasons = reportDocument(published, { disclosure: { k: 3 }, includeReasons: true });
    expect(withReasons.tables[0]?.cells[0]?.[0]).toMatchObject({ reason: 'primary' });
    expect(withReasons.tables[0]?.cells[0]?.[1]).toMatchObject({ reason: 'secondary' });
  });
});
