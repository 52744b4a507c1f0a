import {
  type Catalogue,
  citeProvision,
  createCommandService,
  type EventStore,
  fixedClock,
  type TallyCommandInput,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { recordCommands, seededYear } from '@pinnstatistik/core/testing';
import { auditLog, replay, STATISTICS_KEY_ID, statisticsProjection } from '@pinnstatistik/projections';
import { openStores } from './open-stores.js';
import { privacyTour } from './privacy-tour.js';
import { refusalTour } from './refusal-tour.js';
import { printYearReport } from './year-report.js';

type Print = (text?: string) => void;

const YEAR = 2025;
// The demo looks back on 2025 from mid-January 2026: November is past its grace, December is not.
const TODAY = '2026-01-15';

function describeCatalogue(catalogue: Catalogue, line: Print, heading: Print): void {
  heading(
    `1. Catalogue adopted: ${catalogue.municipality.name}, "${catalogue.id}" version ${catalogue.version}`,
  );
  line(
    `   in force from ${catalogue.effectiveFrom}; decision: ${catalogue.decision.body}, dnr ${catalogue.decision.diaryNumber}`,
  );
  line(`   legal basis: ${catalogue.legalBasis.map(citeProvision).join('; ')}`);
  const kinds = new Map<string, number>();
  for (const policy of catalogue.interventions)
    kinds.set(policy.documentation.kind, (kinds.get(policy.documentation.kind) ?? 0) + 1);
  line(
    `   ${catalogue.interventions.length} interventions: ${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')}`,
  );
}

/** Where the demo writes its lines, and which store it runs on. */
export interface DemoOptions {
  /** Receives every line the demo prints (default `console.log`). */
  readonly print?: Print;
  /** `memory`, `esdb://…`, `kurrentdb://…` or `postgres://…` (default: `PINNSTATISTIK_STORE`, else memory). */
  readonly store?: string;
  /** Where the year's report is written as Markdown and CSV (default `examples/vaggeryd-year/out/`); `false`: nowhere. */
  readonly reportDirectory?: string | false;
  /**
   * Called with the demo's event store once the year is recorded, sealed and audited, before the
   * store is closed: `pinnstatistik demo --export <file>` writes the log there as an export.
   */
  readonly exportLog?: (store: EventStore) => Promise<void>;
}

/**
 * The demo: adopts the Vaggeryd catalogue, records a seeded year, shows every kind of refusal,
 * seals months, prints the year's counts and the audit's verdict. `pnpm demo` and
 * `pinnstatistik demo` both run this.
 */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const line: Print = options.print ?? ((text = '') => console.log(text));
  const heading = (text = ''): void => {
    line();
    line(text);
    line('─'.repeat(Math.min(text.length, 100)));
  };
  const startedAt = performance.now();
  const stores = await openStores(options.store);
  const { store, keys } = stores;
  const catalogue = vaggerydCatalogue();
  const service = createCommandService({
    store,
    keys,
    catalogueId: catalogue.id,
    clock: fixedClock(`${TODAY}T09:00:00Z`),
  });

  line(
    `pinnstatistik — ${catalogue.municipality.name}: a year of tallies without a needs assessment (${YEAR}), stored ${stores.description}`,
  );
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: '0a0b0c0d-0000-4000-8000-000000000001',
    catalogue,
  });
  if (adopted._tag === 'Left') throw new Error(adopted.left.message.en);
  describeCatalogue(catalogue, line, heading);

  const commands = seededYear({ catalogue, year: YEAR, seed: 42 });
  const recordStart = performance.now();
  const recorded = await recordCommands(service, catalogue, commands, 42);
  const recordMs = performance.now() - recordStart;
  heading(`2. Recorded a seeded year: ${commands.length} tallies through the full command path`);
  line(
    `   validated, minimised, sealed under each month's key (padded, types and ids inside), hash-chained: ${Math.round(recordMs)} ms, ${Math.round(commands.length / (recordMs / 1000)).toLocaleString('en')} commands/s`,
  );
  line(
    `   contacts of interventions with a series limit (råd och stöd, home visits) recorded as sessions of ${recorded.series.length} series`,
  );

  heading('3. What the policy refuses — every refusal explains itself (sv / en)');
  for (const { attempt, input, before } of refusalTour) {
    if (before !== undefined && (await service.tally(before))._tag === 'Left')
      throw new Error(`setup refused: ${attempt}`);
    const result = await service.tally(input as TallyCommandInput);
    if (result._tag === 'Right') throw new Error(`expected a refusal for: ${attempt}`);
    const refusal = result.left;
    const version =
      refusal.rule.catalogueVersion === undefined ? '' : `, catalogue ${refusal.rule.catalogueVersion}`;
    line(`   ✗ ${attempt}`);
    line(`     ${refusal.code}  [rule: ${refusal.rule.clause}${version}]`);
    line(`     sv: ${refusal.message.sv}`);
    line(`     en: ${refusal.message.en}`);
  }
  line('   Nothing refused was written.');

  heading('4. Privacy at rest: series, working notes, sealing');
  await privacyTour(service, keys, line);

  heading(`5. The year's statistics, ${YEAR}, by quarter — perturbed by the cell-key method`);
  const { state: cube, events } = await replay(store, statisticsProjection({ keys }));
  await printYearReport(cube, await keys.create(STATISTICS_KEY_ID), line, options.reportDirectory);

  heading('6. The compliance audit');
  const audit = await auditLog(store, { keys, today: TODAY });
  line(
    `   ${events} events in ${audit.streams} streams replayed; hash chains verified; ${audit.deletedStreams} deleted streams accounted for by their seals and closings.`,
  );
  line(
    audit.clean
      ? '   Verdict: clean — every entry complied with the catalogue in force on its date, every sealed key is gone.'
      : `   Verdict: ${audit.findings.length} finding(s): ${[...new Set(audit.findings.map((finding) => finding.code))].join(', ')}`,
  );
  try {
    await options.exportLog?.(store);
  } finally {
    await stores.close();
  }
  line();
  line(`Done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`);
}
