import { vaggerydCatalogue, vaggerydCatalogueV1_0 } from '@pinnstatistik/core';
import {
  buildReportTables,
  ReportOptionsSchema,
  replay,
  statisticsProjection,
} from '@pinnstatistik/projections';
import { describe, expect, it } from 'vitest';
import { givenService } from '../service/given-service.js';
import { testCommandId } from '../service/test-command-id.js';
import { findings } from './findings.js';

const adopt = (catalogue: ReturnType<typeof vaggerydCatalogue>, label: string) => ({
  type: 'AdoptCatalogue' as const,
  commandId: testCommandId(label),
  catalogue,
});
/** An outreach contact of the youth clinic (row 9): 1.0 keeps the exact age, 1.1 its age group. */
const outreach = (label: string, date: string) => ({
  type: 'TallyContact' as const,
  commandId: testCommandId(label),
  interventionId: 'ungdomsmottagning-uppsokande',
  unitId: 'ungdomsmottagningen',
  date,
  marks: { gender: 'female', individualAge: 17 },
});

/** A log recorded under 1.0: June (sealed, its tables keep the exact age 17) and a tally in July. */
async function loggedUnderVersion1_0() {
  const scenario = givenService({ catalogue: vaggerydCatalogueV1_0(), today: '2025-08-20' });
  await scenario.step(outreach('june', '2025-06-10'));
  await scenario.step({ type: 'SealPeriod', commandId: testCommandId('seal 2025-06'), period: '2025-06' });
  await scenario.step(outreach('july', '2025-07-02'));
  return scenario;
}

describe('a log recorded under Vaggeryd 1.0 that moves to 1.1', () => {
  it('cannot take 1.1 from 1.0’s own day (it would take over the dates 1.0 governed)', async () => {
    const scenario = await loggedUnderVersion1_0();
    await scenario.when(adopt(vaggerydCatalogue(), 'same day')).thenRefuses('CATALOGUE_REJECTED');
  });

  it('takes 1.1 from a day after the last one recorded under 1.0: its 1.0 tallies stay valid and are audited against 1.0', async () => {
    const scenario = await loggedUnderVersion1_0();
    await scenario.step(adopt(vaggerydCatalogue({ effectiveFrom: '2025-08-01' }), 'from August'));
    await scenario.when(outreach('august', '2025-08-05')).then((events) =>
      expect(events.at(-1)?.data).toMatchObject({
        catalogueVersion: '1.1',
        marks: { individualAge: '15-17' },
      }),
    );
    await scenario.step({ type: 'SealPeriod', commandId: testCommandId('seal 2025-07'), period: '2025-07' });
    expect(await findings(scenario)).toEqual([]);
  });

  it('has its 1.0 month found out of force if 1.1 is adopted for days already recorded under 1.0 (why the day matters)', async () => {
    const scenario = await loggedUnderVersion1_0();
    await scenario.step(adopt(vaggerydCatalogue({ effectiveFrom: '2025-07-01' }), 'from July'));
    await scenario.step({ type: 'SealPeriod', commandId: testCommandId('seal 2025-07'), period: '2025-07' });
    const codes = (await findings(scenario)).map((finding) => finding.code);
    expect(codes).toContain('CATALOGUE_VERSION_NOT_IN_FORCE');
  });
});

describe('the children’s ages under 1.1 (row 11), through the service and the statistics', () => {
  it('are counted in a table of their own that counts children, while the session tables add up to the sessions', async () => {
    const scenario = givenService({ catalogue: vaggerydCatalogue(), today: '2025-05-31' });
    // Råd och stöd takes contacts only as sessions of a series: one series (one family) each.
    const session = async (label: string, childAges: number[]) => {
      const { token } = await scenario.step({
        type: 'OpenSeries',
        commandId: testCommandId(`open ${label}`),
        interventionId: 'rad-och-stod',
        unitId: 'mottaget-my',
      });
      return {
        type: 'RecordSession' as const,
        token,
        commandId: testCommandId(label),
        date: '2025-05-12',
        marks: {
          gender: 'female',
          childAges,
          numberOfChildren: childAges.length,
          problemArea: 'parenting',
          routeIn: 'own-initiative',
          furtherAction: 'none',
        },
      };
    };
    await scenario.step(await session('three', [2, 9, 15]));
    await scenario.step(await session('one', [4]));
    await scenario.step(await session('none', []));
    const { state: cube } = await replay(scenario.store, statisticsProjection({ keys: scenario.keys }));
    const { interventions } = buildReportTables(
      cube.sheets(),
      cube.catalogues(),
      ReportOptionsSchema.parse({ from: '2025-05', to: '2025-05', granularity: 'month' }),
    );
    const tables = interventions.find((entry) => entry.policy.id === 'rad-och-stod')?.tables ?? [];
    const byId = new Map(tables.map((table) => [table.id, table]));
    expect(byId.get('rad-och-stod/contacts')?.total.value).toBe(3);
    for (const dimension of ['gender', 'numberOfChildren', 'problemArea', 'routeIn', 'furtherAction'])
      expect([dimension, byId.get(`rad-och-stod/contacts/${dimension}`)?.total.value]).toEqual([
        dimension,
        3,
      ]);
    expect(byId.has('rad-och-stod/contacts/childAges')).toBe(false);
    const children = byId.get('rad-och-stod/listed/childAges');
    expect(children?.title.sv).toBe('Råd och stöd: Ålder barn (antal barn)');
    expect(children?.total.value).toBe(4);
    // Every age band is a column, zeros included: which columns exist says nothing about who came.
    expect(children?.columns.map((column) => column.label.sv)).toEqual([
      '0-3 år',
      '4-6 år',
      '7-9 år',
      '10-12 år',
      '13-14 år',
      '15-17 år',
      'Uppgift saknas',
    ]);
    expect(children?.columnTotals.map((cell) => cell.value)).toEqual([1, 1, 1, 0, 0, 1, 0]);
    expect(await findings(scenario)).toEqual([]);
  });
});
