import {
  type Catalogue,
  createCommandService,
  fixedClock,
  type TallyCommandInput,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { createCommandRecorder, recordCommands, seededYear } from '@pinnstatistik/core/testing';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { statisticsProjection } from '../src/cube/statistics-projection.js';
import { applyDisclosureControl } from '../src/disclosure/apply-disclosure-control.js';
import type { DocumentCell } from '../src/format/report-document.js';
import type { Publication } from '../src/intruder/attack-publications.js';
import { type BaseCells, createBaseCells } from '../src/report/base-cells.js';
import { buildReportTables } from '../src/report/build-tables.js';
import type { RawTable } from '../src/report/report-model.js';
import { type ReportOptionsInput, ReportOptionsSchema } from '../src/report/report-options.js';
import type { ReportCube, StatisticsReport } from '../src/report/statistics-report.js';
import { replay } from '../src/runner/replay.js';

/** An empty store with the Vaggeryd catalogue adopted, its command service and a recorder of seeded commands. */
export async function adoptedStore(seed: number) {
  const catalogue: Catalogue = vaggerydCatalogue();
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const service = createCommandService({
    store,
    keys,
    catalogueId: catalogue.id,
    clock: fixedClock('2026-01-20T08:00:00Z'),
  });
  await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: crypto.randomUUID(), catalogue });
  // Contacts of interventions with a series limit go through series, the rest are tallies.
  const recorder = createCommandRecorder(service, catalogue, seed);
  return { catalogue, store, keys, service, recorder };
}

/**
 * Commands split into those recorded on time and plain contact tallies entered late: every
 * 12th plain contact (deterministic), none of a series (a series' contacts come in order).
 */
export function lateEntries(commands: readonly TallyCommandInput[], catalogue: Catalogue) {
  const series = new Set(
    catalogue.interventions.filter((policy) => policy.series?.maxContacts !== undefined).map((p) => p.id),
  );
  let plain = 0;
  const late: TallyCommandInput[] = [];
  const onTime: TallyCommandInput[] = [];
  for (const command of commands) {
    if (command.type === 'TallyContact' && !series.has(command.interventionId) && plain++ % 12 === 5)
      late.push(command);
    else onTime.push(command);
  }
  return { late, onTime };
}

/**
 * The seeded year (core/testing's, at full volume or a share of it: 0.2 is a small municipality,
 * where monthly counts of 1–3 are common) recorded in memory and replayed into a cube.
 */
export async function seededCube(seed: number, volume = 1) {
  const { catalogue, store, keys, service } = await adoptedStore(seed);
  await recordCommands(service, catalogue, seededYear({ catalogue, year: 2025, seed, volume }), seed);
  const { state: cube } = await replay(store, statisticsProjection({ keys }));
  const base: BaseCells = createBaseCells(cube.sheets());
  return { catalogue, store, keys, cube, base };
}

/** Today's tables as they were before this change: categories that are zero over the range left out. */
function withoutZeroCategories(tables: readonly RawTable[]): RawTable[] {
  return tables
    .map((table) => {
      const crossTabulation = table.rows.length > 0 && !/^\d{4}/.test(table.rows[0]?.key ?? '');
      const keepColumn = table.columns.map(
        (_, c) => table.columns.length === 1 || table.columnTotals[c]?.value !== 0,
      );
      const keepRow = table.rows.map((_, r) => !crossTabulation || table.rowTotals[r]?.value !== 0);
      return {
        ...table,
        rows: table.rows.filter((_, r) => keepRow[r]),
        rowTotals: table.rowTotals.filter((_, r) => keepRow[r]),
        columns: table.columns.filter((_, c) => keepColumn[c]),
        columnTotals: table.columnTotals.filter((_, c) => keepColumn[c]),
        cells: table.cells.filter((_, r) => keepRow[r]).map((row) => row.filter((_, c) => keepColumn[c])),
      };
    })
    .filter((table) => table.columns.length > 0);
}

/**
 * A publication as it was made before the integer intruder: zero categories dropped, each
 * report suppressed on its own by the greedy linear search (k = 5) — the weak version.
 */
export function greedyLinearPublication(cube: ReportCube, input: ReportOptionsInput): Publication {
  const options = ReportOptionsSchema.parse({ ...input, method: 'suppression' });
  const raw = withoutZeroCategories(
    buildReportTables(cube.sheets(), cube.catalogues(), options).interventions.flatMap(
      (entry) => entry.tables,
    ),
  );
  return { options, raw, published: applyDisclosureControl(raw, { k: options.k }) };
}

/** Every figure a published report shows (cells and totals), by quantity key. */
export function publishedFigures(report: StatisticsReport): Map<string, DocumentCell> {
  const cells = new Map<string, DocumentCell>();
  for (const table of report.document.tables)
    for (const cell of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total])
      cells.set(cell.key, cell);
  return cells;
}

/**
 * The suppressed report of 2025 the release attacks (36, 37, 44) publish, by month, quarter or
 * year: three interventions whose small counts the joint intruder can reach.
 */
export const suppressedYear = (granularity: 'month' | 'quarter' | 'year'): ReportOptionsInput => ({
  from: '2025-01',
  to: '2025-12',
  interventions: ['familjecentral-enskilda-samtal', 'faltare-gruppverksamhet', 'motesplats-oppen-verksamhet'],
  method: 'suppression',
  granularity,
});

/** Attack 39's intervention: its policy's `oneOf` links the pupil-age and adult-age tables. */
export const ELEVSTOD = 'rorligt-elevstod';

/** The suppressed report of 2025 for attack 39's intervention alone (the forged-version attacks, 44 and 45). */
export const elevstod = (granularity: 'month' | 'quarter' | 'year'): ReportOptionsInput => ({
  from: '2025-01',
  to: '2025-12',
  interventions: [ELEVSTOD],
  method: 'suppression',
  granularity,
});
