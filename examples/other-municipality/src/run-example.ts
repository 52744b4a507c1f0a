import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TallyCommandInput } from '@pinnstatistik/core';
import {
  type Catalogue,
  createCommandService,
  fixedClock,
  isCatalogueInvalid,
  parseCatalogueJson,
} from '@pinnstatistik/core';
import {
  replay,
  type StatisticsReport,
  statisticsProjection,
  toCsv,
  toMarkdown,
} from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { catalogueFile } from './catalogue-files.js';
import { invalidVariant } from './invalid-variant.js';
import { recordSeededYear } from './record-year.js';
import { exempelbyRefusals } from './refusal-examples.js';
import { printYearReport, yearReport } from './year-report.js';

type Print = (text?: string) => void;

const YEAR = 2025;
const TODAY = '2026-01-15';

/** Where the example prints, and where it writes the full report (nothing written when `out` is null). */
export interface ExampleOptions {
  readonly print?: Print;
  /** Folder for the report as Markdown and CSV (default `examples/other-municipality/out/`). */
  readonly out?: string | null;
}

/** What the run produced, for tests and callers. */
export interface ExampleResult {
  readonly catalogue: Catalogue;
  readonly invalidIssues: readonly { readonly path: string; readonly message: string }[];
  readonly recorded: number;
  readonly refusals: readonly { readonly attempt: string; readonly code: string }[];
  readonly report: StatisticsReport;
}

function kinds(catalogue: Catalogue): string {
  const counts = new Map<string, number>();
  for (const policy of catalogue.interventions)
    counts.set(policy.documentation.kind, (counts.get(policy.documentation.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}

/**
 * Exempelby kommun (fictional): its catalogue read from JSON and validated, an invalid variant
 * shown with the JSON Pointers of its problems, the catalogue adopted, a seeded year recorded,
 * its refusals shown, and the year reported on with disclosure control.
 */
export async function runExample(options: ExampleOptions = {}): Promise<ExampleResult> {
  const print: Print = options.print ?? ((text = '') => console.log(text));
  const heading = (text: string): void => {
    print();
    print(text);
    print('─'.repeat(text.length));
  };
  const text = readFileSync(catalogueFile, 'utf8');

  const parsed = parseCatalogueJson(text);
  if (E.isLeft(parsed)) {
    throw new Error(
      `the catalogue is invalid: ${parsed.left.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    );
  }
  const catalogue = parsed.right;
  heading(`1. ${catalogue.municipality.name}: catalogue "${catalogue.id}" ${catalogue.version} is valid`);
  print(`   ${catalogue.source?.en ?? ''}`);
  print(`   ${catalogue.interventions.length} interventions: ${kinds(catalogue)}`);
  print(`   ${catalogue.units.length} units; code lists: ${Object.keys(catalogue.codeLists).join(', ')}`);

  heading('2. The same catalogue with seven hand-editing mistakes');
  const invalid = parseCatalogueJson(invalidVariant(text));
  const invalidIssues = E.isLeft(invalid) && isCatalogueInvalid(invalid.left) ? invalid.left.issues : [];
  for (const issue of invalidIssues) print(`   ✗ ${issue.path.padEnd(44)} ${issue.message}`);

  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const service = createCommandService({
    store,
    keys,
    catalogueId: catalogue.id,
    clock: fixedClock(`${TODAY}T09:00:00Z`),
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: 'e8e8b100-0000-4000-8000-00000000ad07',
    catalogue,
  });
  if (E.isLeft(adopted)) throw new Error(`the catalogue was not adopted: ${adopted.left.message.en}`);
  heading(
    `3. Adopted (${catalogue.decision.body}, ${catalogue.decision.diaryNumber}); a seeded ${YEAR} recorded`,
  );
  const year = await recordSeededYear(service, catalogue, YEAR);
  if (E.isLeft(year)) throw new Error(`the seeded year was refused: ${year.left.code} ${year.left.message}`);
  for (const [interventionId, count] of year.right.byIntervention)
    print(`   ${interventionId.padEnd(30)} ${count}`);
  print(`   ${year.right.commands} tallies through the full command path in ${Math.round(year.right.ms)} ms`);

  heading('4. What this catalogue refuses');
  const refusals: { attempt: string; code: string }[] = [];
  for (const { attempt, input } of exempelbyRefusals) {
    const result = await service.tally(input as TallyCommandInput);
    if (E.isRight(result)) throw new Error(`expected a refusal for: ${attempt}`);
    refusals.push({ attempt, code: result.left.code });
    print(`   ✗ ${attempt}`);
    print(`     ${result.left.code}: ${result.left.message.sv}`);
  }

  heading(`5. ${YEAR} by quarter, disclosure-controlled (k = 5)`);
  const { state: cube } = await replay(store, statisticsProjection({ keys }));
  const report = await yearReport(cube, YEAR);
  // The custom dimension in the catalogue's cross-tabulation: gender × contact mode.
  printYearReport(report, print, 'budget-och-skuldradgivning/contacts/genderxcontactMode');
  const out = options.out === undefined ? fileURLToPath(new URL('../out/', import.meta.url)) : options.out;
  if (out !== null) {
    mkdirSync(out, { recursive: true });
    const file = join(out, `exempelby-${YEAR}`);
    writeFileSync(`${file}.md`, toMarkdown(report.document, { lang: 'sv' }));
    writeFileSync(`${file}.csv`, toCsv(report.document, { lang: 'sv' }));
    print();
    print(`   The full report: ${file}.md and .csv`);
  }
  return { catalogue, invalidIssues, recorded: year.right.commands, refusals, report };
}
