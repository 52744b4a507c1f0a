import {
  type Catalogue,
  citeProvision,
  createCommandService,
  fixedClock,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { seededYear } from '@pinnstatistik/core/testing';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { countTallies } from './count-tallies.js';
import { refusalTour } from './refusal-tour.js';

const YEAR = 2025;
const line = (text = ''): void => console.log(text);
const heading = (text: string): void => {
  line();
  line(text);
  line('─'.repeat(text.length));
};

function describeCatalogue(catalogue: Catalogue): void {
  heading(
    `1. Catalogue adopted: ${catalogue.municipality.name}, "${catalogue.id}" version ${catalogue.version}`,
  );
  line(
    `   in force from ${catalogue.effectiveFrom}; decision: ${catalogue.decision.body}, dnr ${catalogue.decision.diaryNumber}`,
  );
  line(`   legal basis: ${catalogue.legalBasis.map(citeProvision).join('; ')}`);
  const kinds = new Map<string, number>();
  for (const policy of catalogue.interventions) {
    kinds.set(policy.documentation.kind, (kinds.get(policy.documentation.kind) ?? 0) + 1);
  }
  line(
    `   ${catalogue.interventions.length} interventions: ${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')}`,
  );
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const store = createMemoryEventStore();
  const catalogue = vaggerydCatalogue();
  // The demo looks back on 2025 from mid-January 2026.
  const keys = createMemoryKeyStore();
  const service = createCommandService({
    store,
    keys,
    catalogueId: catalogue.id,
    clock: fixedClock('2026-01-15T09:00:00Z'),
  });

  line(
    `pinnstatistik — ${catalogue.municipality.name}: a year of tallies without a needs assessment (${YEAR})`,
  );
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: '0a0b0c0d-0000-4000-8000-000000000001',
    catalogue,
  });
  if (adopted._tag === 'Left') throw new Error(adopted.left.message.en);
  describeCatalogue(catalogue);

  const commands = seededYear({ catalogue, year: YEAR, seed: 42 });
  const recordStart = performance.now();
  let accepted = 0;
  for (const command of commands) {
    const result = await service.tally(command);
    if (result._tag === 'Left') throw new Error(`the seeded year was refused: ${result.left.message.en}`);
    accepted += 1;
  }
  const recordMs = performance.now() - recordStart;
  heading(`2. Recorded a seeded year: ${accepted} tallies through the full command path`);
  line(
    `   ${Math.round(recordMs)} ms, ${Math.round(accepted / (recordMs / 1000)).toLocaleString('en')} commands/s; ${store.size} events stored`,
  );

  heading('3. What the policy refuses — every refusal explains itself (sv / en)');
  for (const { attempt, input } of refusalTour) {
    const result = await service.tally(input);
    if (result._tag === 'Right') throw new Error(`expected a refusal for: ${attempt}`);
    const refusal = result.left;
    line(`   ✗ ${attempt}`);
    line(
      `     ${refusal.code}  [rule: ${refusal.rule.clause}${refusal.rule.catalogueVersion ? `, catalogue ${refusal.rule.catalogueVersion}` : ''}]`,
    );
    line(`     sv: ${refusal.message.sv}`);
    line(`     en: ${refusal.message.en}`);
  }
  line(`   The store still holds ${store.size} events: nothing refused was written.`);

  heading(`4. Counts per intervention, ${YEAR} (raw — disclosure control comes with the statistics package)`);
  const counts = await countTallies(store, catalogue);
  const header = `   ${'#'.padStart(2)}  ${'intervention'.padEnd(44)} ${'kind'.padEnd(29)} ${'contacts'.padStart(8)} ${'meetings'.padStart(8)} ${'particip.'.padStart(9)} ${'visitors'.padStart(8)}`;
  line(header);
  for (const policy of catalogue.interventions) {
    const entry = counts.get(policy.id);
    const cell = (value: number | undefined, applies: boolean): string =>
      applies ? String(value ?? 0) : '—';
    line(
      `   ${String(policy.sourceRow ?? '').padStart(2)}  ${`${policy.name.sv}`.slice(0, 44).padEnd(44)} ${policy.documentation.kind.padEnd(29)} ${cell(entry?.contacts, policy.tally.contact !== undefined).padStart(8)} ${cell(entry?.meetings, policy.tally.groupMeeting !== undefined).padStart(8)} ${cell(entry?.participants, policy.tally.groupMeeting !== undefined).padStart(9)} ${cell(entry?.visitors, policy.tally.visitors !== undefined).padStart(8)}`,
    );
  }
  line();
  line(`Done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
