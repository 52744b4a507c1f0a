import {
  assertCompliant,
  findings,
  sealedYear,
  testCommandId,
  vaggerydCatalogue,
} from '@pinnstatistik/testing';

const catalogue = vaggerydCatalogue();

// A system (its store, keys and today): a small seeded year, January to November sealed.
const year = await sealedYear();
await assertCompliant(year, catalogue); // resolves: nothing to report

// A list of bare events, as another system might have written them straight into the store.
const written = [
  {
    type: 'ContactTallied',
    data: {
      tallyId: testCommandId('foreign'),
      interventionId: 'faltare-uppsokande',
      unitId: 'faltare',
      period: '2025-12',
      catalogueVersion: '1.1',
      marks: {},
    },
  },
];
console.log((await findings(written, catalogue)).map((finding) => finding.code)); // [ 'KIND_FORBIDS_RECORDING' ]
try {
  await assertCompliant(written, catalogue);
} catch (error) {
  console.log((error as Error).message);
  // expected the log to comply with catalogue vaggeryd 1.1, but the audit found 1 problem:
  // 1. KIND_FORBIDS_RECORDING: Outreach may not be recorded here (exempt).
  //    where: stream tally-2025-12-given-faltare-uppsokande.faltare, revision 0, position 0
  //    rule: catalogue vaggeryd 1.1, intervention faltare-uppsokande, clause interventions/faltare-uppsokande/documentation
}

// A later today: December is past its grace and still unsealed.
const late = await findings(year, catalogue, { today: '2026-02-01' });
console.log(late.map((finding) => `${finding.code} ${finding.stream}`)); // [ 'PERIOD_UNSEALED_PAST_GRACE period-2025-12' ]
