import {
  type Catalogue,
  citeProvision,
  createCommandService,
  DOCUMENTATION_KIND_LABELS,
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
/** A line in the language asked for: the English, or the Swedish. */
export type Say = (en: string, sv: string) => string;

const YEAR = 2025;
// The demo looks back on 2025 from mid-January 2026: November is past its grace, December is not.
const TODAY = '2026-01-15';

function describeCatalogue(catalogue: Catalogue, line: Print, heading: Print, say: Say): void {
  heading(
    say(
      `1. Catalogue adopted: ${catalogue.municipality.name}, "${catalogue.id}" version ${catalogue.version}`,
      `1. Katalogen antagen: ${catalogue.municipality.name}, version ${catalogue.version}`,
    ),
  );
  line(
    say(
      `   in force from ${catalogue.effectiveFrom}; decision: ${catalogue.decision.body}, dnr ${catalogue.decision.diaryNumber}`,
      `   gäller från ${catalogue.effectiveFrom}; beslut: ${catalogue.decision.body}, dnr ${catalogue.decision.diaryNumber}`,
    ),
  );
  line(say('   legal basis: ', '   rättslig grund: ') + catalogue.legalBasis.map(citeProvision).join('; '));
  const kinds = new Map<Catalogue['interventions'][number]['documentation']['kind'], number>();
  for (const policy of catalogue.interventions)
    kinds.set(policy.documentation.kind, (kinds.get(policy.documentation.kind) ?? 0) + 1);
  line(
    say(
      `   ${catalogue.interventions.length} interventions: ${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')}`,
      `   ${catalogue.interventions.length} insatser: ${[...kinds].map(([kind, n]) => `${n} ${DOCUMENTATION_KIND_LABELS[kind].sv}`).join(', ')}`,
    ),
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
  /** The language of the lines printed: English (default) or Swedish (`pinnstatistik demo --lang sv`). */
  readonly lang?: 'sv' | 'en';
}

/**
 * The demo: adopts the Vaggeryd catalogue, records a seeded year, shows every kind of refusal,
 * seals months, prints the year's counts and the audit's verdict. `pnpm demo` and
 * `pinnstatistik demo` both run this.
 */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const line: Print = options.print ?? ((text = '') => console.log(text));
  const swedish = options.lang === 'sv';
  const say: Say = (en, sv) => (swedish ? sv : en);
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
    say(
      `pinnstatistik — ${catalogue.municipality.name}: a year of tallies without a needs assessment (${YEAR}), stored ${stores.description}`,
      `pinnstatistik — ${catalogue.municipality.name}: ett års pinnar för insatser utan behovsbedömning (${YEAR}), lagrat ${stores.descriptionSv}`,
    ),
  );
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: '0a0b0c0d-0000-4000-8000-000000000001',
    catalogue,
  });
  if (adopted._tag === 'Left') throw new Error(adopted.left.message.en);
  describeCatalogue(catalogue, line, heading, say);

  const commands = seededYear({ catalogue, year: YEAR, seed: 42 });
  const recordStart = performance.now();
  const recorded = await recordCommands(service, catalogue, commands, 42);
  const recordMs = performance.now() - recordStart;
  heading(
    say(
      `2. Recorded a seeded year: ${commands.length} tallies through the full command path`,
      `2. Ett slumpat år registrerat: ${commands.length} pinnar genom hela kommandovägen`,
    ),
  );
  const rate = Math.round(commands.length / (recordMs / 1000)).toLocaleString(swedish ? 'sv' : 'en');
  line(
    say(
      `   validated, minimised, sealed under each month's key (padded, types and ids inside), hash-chained: ${Math.round(recordMs)} ms, ${rate} commands/s`,
      `   kontrollerade, minimerade, krypterade med varje månads nyckel (utfyllda, typer och id inuti), hashkedjade: ${Math.round(recordMs)} ms, ${rate} kommandon/s`,
    ),
  );
  line(
    say(
      `   contacts of interventions with a series limit (råd och stöd, home visits) recorded as sessions of ${recorded.series.length} series`,
      `   kontakter inom insatser med en gräns för serien (råd och stöd, hembesök) registrerade som samtal i ${recorded.series.length} serier`,
    ),
  );

  heading(
    say(
      '3. What the policy refuses — every refusal explains itself (sv / en)',
      '3. Vad policyn avvisar — varje avvisning förklarar sig själv',
    ),
  );
  for (const { attempt, attemptSv, input, before } of refusalTour) {
    if (before !== undefined && (await service.tally(before))._tag === 'Left')
      throw new Error(`setup refused: ${attempt}`);
    const result = await service.tally(input as TallyCommandInput);
    if (result._tag === 'Right') throw new Error(`expected a refusal for: ${attempt}`);
    const refusal = result.left;
    const version =
      refusal.rule.catalogueVersion === undefined
        ? ''
        : say(
            `, catalogue ${refusal.rule.catalogueVersion}`,
            `, katalogversion ${refusal.rule.catalogueVersion}`,
          );
    if (swedish) {
      // The rule's clause is a path into the catalogue (ids): the Swedish reader gets the message.
      line(`   ✗ ${attemptSv}`);
      line(`     ${refusal.code}${version === '' ? '' : `  [${version.slice(2)}]`}`);
      line(`     ${refusal.message.sv}`);
      continue;
    }
    line(`   ✗ ${attempt}`);
    line(`     ${refusal.code}  [rule: ${refusal.rule.clause}${version}]`);
    line(`     sv: ${refusal.message.sv}`);
    line(`     en: ${refusal.message.en}`);
  }
  line(say('   Nothing refused was written.', '   Inget som avvisades skrevs.'));

  heading(
    say(
      '4. Privacy at rest: series, working notes, sealing',
      '4. Integritet i vila: serier, arbetsanteckningar, försegling',
    ),
  );
  await privacyTour(service, keys, line, say);

  heading(
    say(
      `5. The year's statistics, ${YEAR}, by quarter — perturbed by the cell-key method`,
      `5. Årets statistik, ${YEAR}, per kvartal — skyddad med cellnyckelmetoden`,
    ),
  );
  const { state: cube, events } = await replay(store, statisticsProjection({ keys }));
  await printYearReport(cube, await keys.create(STATISTICS_KEY_ID), line, options.reportDirectory, say);

  heading(say('6. The compliance audit', '6. Granskningen av efterlevnaden'));
  const audit = await auditLog(store, { keys, today: TODAY });
  line(
    say(
      `   ${events} events in ${audit.streams} streams replayed; hash chains verified; ${audit.deletedStreams} deleted streams accounted for by their seals and closings.`,
      `   ${events} händelser i ${audit.streams} strömmar återspelade; hashkedjorna kontrollerade; ${audit.deletedStreams} raderade strömmar redovisade genom sina förseglingar och avslut.`,
    ),
  );
  const codes = [...new Set(audit.findings.map((finding) => finding.code))].join(', ');
  line(
    audit.clean
      ? say(
          '   Verdict: clean — every entry complied with the catalogue in force on its date, every sealed key is gone.',
          '   Utlåtande: ren — varje post följde katalogen som gällde på dess datum, varje förseglad nyckel är borta.',
        )
      : say(
          `   Verdict: ${audit.findings.length} finding(s): ${codes}`,
          `   Utlåtande: ${audit.findings.length} iakttagelse(r): ${codes}`,
        ),
  );
  try {
    await options.exportLog?.(store);
  } finally {
    await stores.close();
  }
  line();
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  line(say(`Done in ${seconds} s.`, `Klart på ${seconds.replace('.', ',')} s.`));
}
