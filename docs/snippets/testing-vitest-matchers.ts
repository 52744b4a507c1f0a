import '@pinnstatistik/testing/vitest'; // registers the matchers with vitest's expect
import { givenService, sealedYear, testCommandId, vaggerydCatalogue } from '@pinnstatistik/testing';
import { expect } from 'vitest';

const catalogue = vaggerydCatalogue();
const scenario = givenService({ catalogue, today: '2025-06-20' });
await scenario.ready(); // the adoption has run: the service may be called directly

// On whatever your system returns: the service's Either, or a refusal itself.
const result = await scenario.service.tally({
  type: 'TallyVisitors',
  commandId: testCommandId('visitors'),
  interventionId: 'motesplats-oppen-verksamhet',
  unitId: 'faltare',
  date: '2025-06-19',
  visitors: { female: 12, male: 9 },
});
expect(result).toBeRefusedWith('UNIT_NOT_RESPONSIBLE');

// On a store, a system or a list of events: the audit runs, so await it.
await expect(scenario).toComplyWith(catalogue);
await expect(await sealedYear()).toComplyWith(catalogue);
