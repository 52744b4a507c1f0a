import type { Catalogue } from '@pinnstatistik/core';
import { perturbationTable } from '../cellkey/perturbation-table.js';
import type { CubeSheet } from '../cube/statistics-cube.js';
import { releaseKnowledge, supportId } from '../disclosure/release-knowledge.js';
import { tableEntries } from '../disclosure/table-lines.js';
import type { DocumentCell, ReportDocument } from '../format/report-document.js';
import type { BaseCells } from '../report/base-cells.js';
import { buildReportTables } from '../report/build-tables.js';
import { bucketOf } from '../report/period-buckets.js';
import type { PublishedCell, PublishedTable, RawTable } from '../report/report-model.js';
import type { ReportOptions } from '../report/report-options.js';
import { attackReleases } from './integer-intruder.js';
import type { IntruderReport, IntruderTarget, Observation } from './intruder-knowledge.js';
import { measureRelations } from './measure-relations.js';
import { policyRelations } from './policy-relations.js';

/** One publication as the defender sees it: what it covered, its raw tables, what it published. */
export interface Publication {
  readonly options: ReportOptions;
  readonly raw: readonly RawTable[];
  readonly published: readonly PublishedTable[];
}

/**
 * The joint attack on everything published, as a statistics office would run it on its own
 * releases: the integer intruder gets every publication at once. Suppressed publications give
 * their published figures exactly; the targets are every hidden non-zero count (not to be
 * pinned down) and every hidden count 1 … k − 1 (0 and k must both stay possible). Perturbed
 * publications give, for each figure, the true counts the perturbation table allows (the
 * intruder knows the table, not the statistics key); the targets are every count 1 … k − 1
 * published, which must not be pinned down. The true counts come from the cube.
 */
export async function attackPublications(
  publications: readonly Publication[],
  context: { readonly base: BaseCells; readonly catalogue: Catalogue },
): Promise<IntruderReport> {
  const suppressed = publications.filter((publication) => publication.options.method === 'suppression');
  const perturbed = publications.filter((publication) => publication.options.method === 'cell-key');
  const knowledge = releaseKnowledge(
    suppressed.map((publication, index) => ({
      name: `${index}-${publication.options.granularity}`,
      tables: publication.raw,
      suppressed: new Set(
        publication.published.flatMap((table) =>
          tableEntries(table)
            .filter((cell) => cell.suppressed)
            .map((cell) => cell.key),
        ),
      ),
      k: publication.options.k,
    })),
  );
  const observations: Observation[] = [...knowledge.observations];
  const targets: IntruderTarget[] = [...knowledge.targets];
  const seen = new Set(observations.map((observation) => supportId(observation.support)));
  perturbed.forEach((publication, index) => {
    const table = perturbationTable({
      maxDeviation: publication.options.maxDeviation,
      variance: publication.options.variance,
      smallestPublished: publication.options.smallestPublished,
    });
    publication.raw.forEach((raw, t) => {
      const shown = tableEntries(publication.published[t] as PublishedTable);
      tableEntries(raw).forEach((quantity, position) => {
        const cell = shown[position];
        if (quantity.support === undefined || cell === undefined || cell.suppressed) return;
        const id = supportId(quantity.support);
        if (seen.has(id)) return;
        seen.add(id);
        // A figure over several periods or units is the sum of its parts' perturbed figures (one
        // per period and unit): each may be off by the table's deviation, so its true count lies
        // in a range as many times as wide.
        const periods = new Set(
          quantity.support.months.map((month) => bucketOf(month, publication.options.granularity)),
        ).size;
        const units = (quantity.support.units ?? context.base.units(quantity.support.interventionId)).length;
        const one = table.possibleOriginals(cell.value);
        const spread = (periods * Math.max(1, units) - 1) * publication.options.maxDeviation;
        observations.push({
          support: quantity.support,
          lower: Math.max(0, one.lower - spread),
          upper: one.upper + spread,
        });
        if (quantity.value > 0 && quantity.value < publication.options.k)
          targets.push({
            id: `${index}-${publication.options.granularity}:${quantity.key}`,
            support: quantity.support,
            actual: quantity.value,
          });
      });
    });
  });
  return attackReleases(
    {
      observations,
      relations: [
        ...measureRelations(publications.flatMap((publication) => publication.raw)),
        ...policyRelations([context.catalogue]),
      ],
      unitsOf: (interventionId) => [
        ...new Set([
          ...(context.catalogue.interventions.find((policy) => policy.id === interventionId)
            ?.responsibleUnits ?? []),
          ...context.base.units(interventionId),
        ]),
      ],
    },
    targets,
    (support) => context.base.value(support),
  );
}

/** A report as a publication: its raw tables rebuilt from the cube, its figures as published. */
export function publicationOf(
  cube: { sheets(): Iterable<CubeSheet>; catalogues(): readonly Catalogue[] },
  report: { readonly options: ReportOptions; readonly document: ReportDocument },
): Publication {
  const raw = buildReportTables(cube.sheets(), cube.catalogues(), report.options).interventions.flatMap(
    (entry) => entry.tables,
  );
  const cell = (shown: DocumentCell): PublishedCell =>
    shown.suppressed
      ? { key: shown.key, suppressed: true, reason: 'primary' }
      : { key: shown.key, suppressed: false, value: shown.value };
  const published = report.document.tables.map(
    ({ cells, rowTotals, columnTotals, total, cost: _cost, ...table }) => ({
      ...table,
      cells: cells.map((row) => row.map(cell)),
      rowTotals: rowTotals.map(cell),
      columnTotals: columnTotals.map(cell),
      total: cell(total),
    }),
  );
  return { options: report.options, raw, published };
}
