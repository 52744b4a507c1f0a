import { type Catalogue, catalogueInForceOn } from '@pinnstatistik/core';
import type { CubeSheet } from '../cube/statistics-cube.js';
import { createBaseCells } from './base-cells.js';
import { coveredFrom } from './covered-range.js';
import { type InterventionTables, interventionTables } from './intervention-tables.js';

import type { ReportOptions } from './report-options.js';

/**
 * The raw tables of a report: for every selected intervention that keeps tallies, the
 * tables its policy allows (counts, marginals per dimension, declared cross-tabulations,
 * series lengths, meetings and participants, visitors), summed over the selected units and
 * rolled up to the granularity. Labels come from the catalogue in force at the range's end.
 */
export function buildReportTables(
  sheets: Iterable<CubeSheet>,
  catalogues: readonly Catalogue[],
  options: ReportOptions,
): { catalogue: Catalogue | undefined; interventions: InterventionTables[] } {
  const catalogue = catalogueInForceOn(catalogues, `${options.to}-28`);
  if (catalogue === undefined) return { catalogue, interventions: [] };
  const selected = [...sheets].filter(
    (sheet) =>
      sheet.period >= coveredFrom(options) &&
      sheet.period <= options.to &&
      (options.units === undefined || options.units.includes(sheet.unitId)),
  );
  const base = createBaseCells(selected);
  const interventions = catalogue.interventions
    .filter(
      (policy) =>
        policy.documentation.kind === 'aggregate' ||
        policy.documentation.kind === 'aggregate-with-working-notes',
    )
    .filter((policy) => options.interventions === undefined || options.interventions.includes(policy.id))
    .map((policy) =>
      interventionTables(
        policy,
        catalogue,
        selected.filter((sheet) => sheet.interventionId === policy.id && sheet.period >= options.from),
        base,
        options,
      ),
    );
  return { catalogue, interventions };
}
