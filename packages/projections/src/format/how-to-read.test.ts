import { describe, expect, it } from 'vitest';
import { perturbationTable } from '../cellkey/perturbation-table.js';
import { applyDisclosureControl } from '../disclosure/apply-disclosure-control.js';
import { countTable } from '../disclosure/seeded-reports.js';
import { howToRead } from './how-to-read.js';
import { reportDocument } from './report-document.js';

const tables = applyDisclosureControl([countTable('t', [[2, 30]])]);

describe('how to read the figures', () => {
  it('explains .. and the small counts it hides, in Swedish and English', () => {
    const document = reportDocument(tables, { disclosure: { k: 5, showZeros: true } });
    expect(howToRead(document, 'sv')[0]).toContain('Två punkter (..) betyder att siffran inte visas');
    expect(howToRead(document, 'sv')[0]).toContain('(1–4)');
    expect(howToRead(document, 'en')[0]).toContain('Two dots (..) mean the figure is not shown');
    expect(howToRead(reportDocument(tables, { disclosure: { k: 2, showZeros: false } }), 'sv')[0]).toContain(
      '(värdet 1 eller 0)',
    );
    expect(howToRead(reportDocument(tables, { disclosure: { k: 1, showZeros: true } }), 'en')).toEqual([
      'Every figure is shown as it is; none is hidden.',
    ]);
  });

  it('explains the cell-key method’s small random changes and their size', () => {
    const perturbation = perturbationTable({ maxDeviation: 4, variance: 2, smallestPublished: 1 });
    const document = reportDocument(tables, { perturbation });
    const sv = howToRead(document, 'sv').join(' ');
    expect(sv).toContain('högst 4 upp eller ner');
    expect(sv).not.toContain('..');
    expect(howToRead(document, 'en').join(' ')).toContain('by at most 4 up or down');
  });
});
