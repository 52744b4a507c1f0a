import type { Catalogue, LocalizedText } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { perturbTables } from '../cellkey/apply-cell-key.js';
import { cellKeys, statisticsKeyCheck } from '../cellkey/cell-key.js';
import { type PerturbationTable, perturbationTable } from '../cellkey/perturbation-table.js';
import type { CubeSheet } from '../cube/statistics-cube.js';
import { publishTables } from '../disclosure/apply-disclosure-control.js';
import { protectJointly } from '../disclosure/protect-jointly.js';
import type { SuppressedRelease } from '../disclosure/release-knowledge.js';
import { type ReportDocument, reportDocument } from '../format/report-document.js';
import { policyRelations } from '../intruder/policy-relations.js';
import { publishedDigest } from '../releases/published-digest.js';
import { linkedReleases, type ReportRelease, releasesOverlap } from '../releases/report-release.js';
import { type BaseCells, createBaseCells } from './base-cells.js';
import { buildReportTables } from './build-tables.js';
import { changedCellKeyRelease } from './changed-cell-key-release.js';
import { comparisonBucket } from './covered-range.js';
import { differencingRisk } from './differencing-risk.js';
import { bucketLabel, bucketOf, bucketsBetween, monthsBetween, monthsOfBucket } from './period-buckets.js';
import type { Axis, PublishedTable, RawTable } from './report-model.js';
import { type ReportOptions, type ReportOptionsInput, ReportOptionsSchema } from './report-options.js';
import { type ReportRefusal, reportRefusals } from './report-refusal.js';

/** What a report says about one intervention besides its tables. */
export interface ReportIntervention {
  readonly interventionId: string;
  readonly sourceRow?: number;
  readonly name: LocalizedText;
  /** The units responsible for it, as the catalogue names them (tells apart interventions of one name). */
  readonly units: readonly { readonly id: string; readonly name: LocalizedText }[];
  /**
   * Its headline count (contacts, else participants, else visitors): `prefix|{period}` is the key
   * of a period's count in the document, `counts` says what is counted.
   */
  readonly headline?: { readonly prefix: string; readonly counts: LocalizedText };
  readonly documentationKind: string;
  /** The ids of its tables in the document, in order. */
  readonly tableIds: readonly string[];
  /** Tallies voided and amendments applied, in the range. */
  readonly corrections: { readonly voided: number; readonly amendments: number };
  /** Sheets read from sealed tables and from open (decrypted) detail. */
  readonly sheets: { readonly sealed: number; readonly open: number };
}

/** One period of a report: its key (`2025-Q1`), its label, and the months of the range it covers. */
export interface ReportPeriod extends Axis {
  readonly months: readonly string[];
}

/** A report: the disclosure-controlled document, what it covers, and the release to record. */
export interface StatisticsReport {
  readonly catalogue: { readonly id: string; readonly version: string; readonly municipality: string };
  readonly options: ReportOptions;
  readonly interventions: readonly ReportIntervention[];
  /** The report's periods (rows of its period tables), in order, with the months each covers. */
  readonly periods: readonly ReportPeriod[];
  /** With `comparePrevious`: the whole period before the first, published for the comparison. */
  readonly comparisonPeriod?: ReportPeriod;
  /** Interventions the report leaves out, and why (exempt, or documented in a case record). */
  readonly excluded: readonly {
    readonly interventionId: string;
    readonly sourceRow?: number;
    readonly name: LocalizedText;
    readonly units: readonly { readonly id: string; readonly name: LocalizedText }[];
    readonly reason: LocalizedText;
  }[];
  readonly document: ReportDocument;
  /** What to record in the releases log when the report is published. */
  readonly release: ReportRelease;
  /** What a reader must know besides the legend (in Swedish and English). */
  readonly notes: readonly LocalizedText[];
}

/** The cube a report reads: its sheets and the catalogue versions adopted. */
export interface ReportCube {
  sheets(): Iterable<CubeSheet>;
  catalogues(): readonly Catalogue[];
}

/** What a report needs besides the cube and its options. */
export interface ReportContext {
  /** The statistics key (the key store's `statistics` key): required by the cell-key method. */
  readonly statisticsKey?: Uint8Array;
  /** Every release recorded so far, in order: the report is protected jointly with them. */
  readonly releases?: readonly ReportRelease[];
  /** The id of this release (default: a random UUID). */
  readonly releaseId?: string;
}

/** Report options that could not be used, with located messages. */
export interface InvalidReportOptions {
  readonly code: 'INVALID_REPORT_OPTIONS';
  readonly issues: readonly { readonly path: string; readonly message: string }[];
}

/** Structural guard for {@link InvalidReportOptions}. */
export function isInvalidReportOptions(value: unknown): value is InvalidReportOptions {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { code?: unknown }).code === 'INVALID_REPORT_OPTIONS'
  );
}

/** The perturbation table a report's options ask for. */
export function reportPerturbationTable(options: ReportOptions): PerturbationTable {
  return perturbationTable({
    maxDeviation: options.maxDeviation,
    variance: options.variance,
    smallestPublished: options.smallestPublished,
  });
}

const sameParameters = (a: ReportOptions, b: ReportOptions): boolean =>
  a.maxDeviation === b.maxDeviation &&
  a.variance === b.variance &&
  a.smallestPublished === b.smallestPublished;

/** The tables an earlier release published, rebuilt from today's cube, and whether they still match. */
function rebuilt(cube: ReportCube, release: ReportRelease): { tables: RawTable[]; changed: boolean } {
  const tables = buildReportTables(cube.sheets(), cube.catalogues(), release.options).interventions.flatMap(
    (entry) => entry.tables,
  );
  const hidden = new Set(release.suppressed ?? []);
  const published = publishTables(tables, { primary: hidden, secondary: new Set() });
  return { tables, changed: publishedDigest(published) !== release.digest };
}

/**
 * The statistics as they may leave the library: the tables each selected intervention's
 * policy allows (every category of every code list), summed over the selected units and rolled
 * up to the granularity, protected over all its tables together and jointly with every
 * earlier release that covers some of the same figures:
 *
 * - **cell-key method** (default): every figure perturbed by the perturbation table under a
 *   cell key from the statistics key; refused without the key, or when earlier releases of the
 *   same figures used suppression, other parameters or another key;
 * - **suppression**: small counts and their complements hidden until the integer intruder,
 *   given this report and every earlier release, can neither pin down a hidden count nor narrow
 *   a small one past 0 and k; refused when that cannot be done, or when earlier releases of the
 *   same figures used the cell-key method.
 */
export async function createStatisticsReport(
  cube: ReportCube,
  input: ReportOptionsInput,
  context: ReportContext = {},
): Promise<E.Either<ReportRefusal, StatisticsReport>> {
  const parsed = ReportOptionsSchema.safeParse(input);
  if (!parsed.success) {
    return E.left(
      reportRefusals.invalidOptions(
        parsed.error.issues.map((issue) => ({ path: `/${issue.path.join('/')}`, message: issue.message })),
      ),
    );
  }
  const options = parsed.data;
  const { catalogue, interventions } = buildReportTables(cube.sheets(), cube.catalogues(), options);
  if (catalogue === undefined)
    return E.left(
      reportRefusals.invalidOptions([{ path: '/to', message: 'no catalogue was in force in the range' }]),
    );
  const unknown = (options.interventions ?? []).filter(
    (id) => !catalogue.interventions.some((policy) => policy.id === id),
  );
  if (unknown.length > 0) {
    return E.left(
      reportRefusals.invalidOptions([
        { path: '/interventions', message: `unknown intervention(s): ${unknown.join(', ')}` },
      ]),
    );
  }
  const raw = interventions.flatMap((entry) => entry.tables);
  const earlier = (context.releases ?? []).filter((release) => releasesOverlap(release.options, options));
  const conflict = earlier.find((release) => release.options.method !== options.method);
  if (conflict !== undefined)
    return E.left(
      reportRefusals.methodConflict(
        conflict.releaseId,
        conflict.options.method,
        conflict.options.from,
        conflict.options.to,
      ),
    );
  const differenced = differencingRisk(options, earlier);
  if (differenced !== undefined) return E.left(differenced);
  const notes: LocalizedText[] = [];
  const base = createBaseCells(cube.sheets());
  let published: PublishedTable[];
  let perturbation: PerturbationTable | undefined;
  let parts: ReadonlyMap<string, readonly number[]> | undefined;
  let keyCheck: string | undefined;
  if (options.method === 'cell-key') {
    if (context.statisticsKey === undefined) return E.left(reportRefusals.statisticsKeyRequired());
    keyCheck = statisticsKeyCheck(context.statisticsKey);
    for (const release of earlier) {
      if (!sameParameters(release.options, options))
        return E.left(
          reportRefusals.parametersConflict(release.releaseId, release.options.from, release.options.to),
        );
      if (release.statisticsKeyCheck !== keyCheck)
        return E.left(
          reportRefusals.statisticsKeyChanged(release.releaseId, release.options.from, release.options.to),
        );
    }
    perturbation = reportPerturbationTable(options);
    const cellKey = cellKeys(context.statisticsKey);
    const changed = changedCellKeyRelease(cube, earlier, { base, cellKey, table: perturbation });
    if (changed !== undefined)
      return E.left(
        reportRefusals.figuresChanged(changed.releaseId, changed.options.from, changed.options.to),
      );
    const perturbed = perturbTables(raw, {
      table: perturbation,
      cellKey,
      content: (quantity) => (quantity.support === undefined ? [] : base.nonZero(quantity.support)),
      periodOf: (month) => bucketOf(month, options.granularity),
    });
    published = perturbed.tables;
    parts = perturbed.parts;
  } else {
    const previous: SuppressedRelease[] = [];
    const changed: ReportRelease[] = [];
    // Every suppressed release linked to this one through a chain of overlaps: A, B and C can
    // pin down a figure of B together although A and C share nothing.
    linkedReleases(options, context.releases ?? [])
      .filter((release) => release.options.method === 'suppression')
      .forEach((release, index) => {
        const again = rebuilt(cube, release);
        if (again.changed) changed.push(release);
        previous.push({
          name: `release-${index}`,
          tables: again.tables,
          suppressed: new Set(release.suppressed ?? []),
          k: release.options.k,
        });
      });
    // Figures once published are final under suppression too: the intruder holds the earlier
    // release as it was published, not as it would be today, and the difference of the two is
    // the correction — a contact's category in every dimension, and hidden counts pinned by
    // "old figure + change" (attack 41). Its figures are not kept (only a digest), so the
    // protection cannot be checked against them: refused.
    const first = changed[0];
    if (first !== undefined)
      return E.left(
        reportRefusals.figuresChanged(first.releaseId, first.options.from, first.options.to, 'suppression'),
      );
    const protection = await protectJointly(raw, previous, options, {
      truth: (support) => base.value(support),
      unitsOf: unitsOf(catalogue, base),
      policyRelations: policyRelations(cube.catalogues()),
    });
    if (!protection.ok) return E.left(reportRefusals.cannotProtect(protection.findings.length));
    published = publishTables(raw, protection.pattern);
  }
  const document = reportDocument(published, {
    title: {
      sv: `${catalogue.municipality.name}: insatser utan behovsbedömning, ${options.from}–${options.to}`,
      en: `${catalogue.municipality.name}: interventions without a needs assessment, ${options.from} to ${options.to}`,
    },
    disclosure: { k: options.k, showZeros: options.showZeros },
    ...(perturbation === undefined ? {} : { perturbation }),
    ...(parts === undefined ? {} : { parts }),
  });
  const release: ReportRelease = {
    releaseId: context.releaseId ?? crypto.randomUUID(),
    catalogueId: catalogue.id,
    catalogueVersion: catalogue.version,
    options,
    ...(options.method === 'suppression'
      ? {
          suppressed: published.flatMap((table) =>
            [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total]
              .filter((cell) => cell.suppressed)
              .map((cell) => cell.key),
          ),
        }
      : { statisticsKeyCheck: keyCheck }),
    digest: publishedDigest(published),
  };
  return E.right({
    catalogue: { id: catalogue.id, version: catalogue.version, municipality: catalogue.municipality.name },
    options,
    interventions: interventions.map(({ policy, tables, corrections, sheets, headline }) => ({
      interventionId: policy.id,
      ...(policy.sourceRow === undefined ? {} : { sourceRow: policy.sourceRow }),
      name: policy.name,
      units: unitsNamed(catalogue, policy.responsibleUnits),
      ...(headline === undefined ? {} : { headline: { prefix: headline.prefix, counts: headline.counts } }),
      documentationKind: policy.documentation.kind,
      tableIds: tables.map((table) => table.id),
      corrections,
      sheets,
    })),
    excluded: catalogue.interventions
      .filter((policy) => options.interventions === undefined || options.interventions.includes(policy.id))
      .flatMap((policy) =>
        policy.documentation.kind === 'exempt'
          ? [{ ...excludedEntry(catalogue, policy), reason: policy.documentation.ground }]
          : policy.documentation.kind === 'case-record-required'
            ? [
                {
                  ...excludedEntry(catalogue, policy),
                  reason: {
                    sv: `Dokumenteras i ${policy.documentation.system.sv}.`,
                    en: `Documented in ${policy.documentation.system.en}.`,
                  },
                },
              ]
            : [],
      ),
    periods: reportPeriods(options),
    ...comparisonPeriod(options),
    document,
    release,
    notes,
  });
}

/** The units of an intervention, as the intruder knows them: the catalogue's, and any with sheets. */
function unitsOf(catalogue: Catalogue, base: BaseCells): (interventionId: string) => readonly string[] {
  return (interventionId) => [
    ...new Set([
      ...(catalogue.interventions.find((policy) => policy.id === interventionId)?.responsibleUnits ?? []),
      ...base.units(interventionId),
    ]),
  ];
}

function reportPeriods(options: ReportOptions): ReportPeriod[] {
  const months = monthsBetween(options.from, options.to);
  return bucketsBetween(options.from, options.to, options.granularity).map((bucket) => ({
    key: bucket,
    label: bucketLabel(bucket),
    months: months.filter((month) => monthsOfBucket(bucket).includes(month)),
  }));
}

function comparisonPeriod(options: ReportOptions): { comparisonPeriod?: ReportPeriod } {
  const bucket = comparisonBucket(options);
  return bucket === undefined
    ? {}
    : { comparisonPeriod: { key: bucket, label: bucketLabel(bucket), months: monthsOfBucket(bucket) } };
}

function unitsNamed(catalogue: Catalogue, units: readonly string[]): { id: string; name: LocalizedText }[] {
  return units.map((unit) => ({
    id: unit,
    name: catalogue.units.find((entry) => entry.id === unit)?.name ?? { sv: unit, en: unit },
  }));
}

function excludedEntry(catalogue: Catalogue, policy: Catalogue['interventions'][number]) {
  return {
    interventionId: policy.id,
    ...(policy.sourceRow === undefined ? {} : { sourceRow: policy.sourceRow }),
    name: policy.name,
    units: unitsNamed(catalogue, policy.responsibleUnits),
  };
}
