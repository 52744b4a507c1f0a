import type { Language } from '@pinnstatistik/core';
import { escapeMarkdown, type StatisticsReport } from '@pinnstatistik/projections';
import { htmlWords } from './html-words.js';

/** The lines a Markdown report starts with: its title, the catalogue version, the range, the source, notes. */
export function markdownPreamble(
  report: StatisticsReport,
  source: string,
  notes: readonly string[],
  lang: Language,
): string {
  const { catalogue, options } = report;
  const sv = lang === 'sv';
  const lines = [
    `# ${escapeMarkdown(report.document.title?.[lang] ?? catalogue.municipality)}`,
    '',
    `- ${sv ? 'Katalog: version' : `Catalogue: ${escapeMarkdown(catalogue.id)}`} ${escapeMarkdown(catalogue.version)}`,
    `- Period: ${options.from} – ${options.to} (${htmlWords[lang].granularity[options.granularity]})`,
    `- ${sv ? 'Röjandekontroll' : 'Disclosure control'}: ${escapeMarkdown(
      options.method === 'cell-key'
        ? htmlWords[lang].cellKey(options.maxDeviation, options.variance)
        : htmlWords[lang].threshold(options.k),
    )}`,
    `- ${sv ? 'Källa' : 'Source'}: ${escapeMarkdown(source)}`,
    ...notes.map((note) => `- **${sv ? 'Obs' : 'Note'}:** ${escapeMarkdown(note)}`),
    '',
    '',
  ];
  return lines.join('\n');
}
