import type { Catalogue, LocalizedText } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import type { CubeSheet } from '../cube/statistics-cube.js';
import { applyDisclosureControl } from '../disclosure/apply-disclosure-control.js';
import { type ReportDocument, reportDocument } from '../format/report-document.js';
import { buildReportTables } from './build-tables.js';
import { type ReportOptions, type ReportOptionsInput, ReportOptionsSchema } from './report-options.js';

/** What a report says about one intervention besides its tables. */
export interface ReportIntervention {
  readonly interventionId: string;
  readonly sourceRow?: number;
  readonly name: LocalizedText;
  readonly documentationKind: string;
  /** The ids of its tables in the document, in order. */
  readonly tableIds: readonly string[];
  /** Tallies voided and amendments applied, in the range. */
  readonly corrections: { readonly voided: number; readonly amendments: number };
  /** Sheets read from sealed tables and from open (decrypted) detail. */
  readonly sheets: { readonly sealed: number; readonly open: number };
}

/** A report: the disclosure-controlled document, and what it covers. */
export interface StatisticsReport {
  readonly catalogue: { readonly id: string; readonly version: string; readonly municipality: string };
  readonly options: ReportOptions;
  readonly interventions: readonly ReportIntervention[];
  /** Interventions the report leaves out, and why (exempt, or documented in a case record). */
  readonly excluded: readonly {
    readonly interventionId: string;
    readonly name: LocalizedText;
    readonly reason: LocalizedText;
  }[];
  readonly document: ReportDocument;
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

/**
 * The statistics as they may leave the library: the tables each selected intervention's
 * policy allows, summed over the selected units and rolled up to the granularity, with
 * disclosure control applied to all of them together (so totals shared between tables
 * cannot be used to recover a suppressed cell).
 */
export function createStatisticsReport(
  cube: { sheets(): Iterable<CubeSheet>; catalogues(): readonly Catalogue[] },
  input: ReportOptionsInput,
): E.Either<InvalidReportOptions, StatisticsReport> {
  const parsed = ReportOptionsSchema.safeParse(input);
  if (!parsed.success) {
    return E.left({
      code: 'INVALID_REPORT_OPTIONS',
      issues: parsed.error.issues.map((issue) => ({
        path: `/${issue.path.join('/')}`,
        message: issue.message,
      })),
    });
  }
  const options = parsed.data;
  const { catalogue, interventions } = buildReportTables(cube.sheets(), cube.catalogues(), options);
  if (catalogue === undefined) {
    return E.left({
      code: 'INVALID_REPORT_OPTIONS',
      issues: [{ path: '/to', message: 'no catalogue was in force in the range' }],
    });
  }
  const unknown = (options.interventions ?? []).filter(
    (id) => !catalogue.interventions.some((policy) => policy.id === id),
  );
  if (unknown.length > 0) {
    return E.left({
      code: 'INVALID_REPORT_OPTIONS',
      issues: [{ path: '/interventions', message: `unknown intervention(s): ${unknown.join(', ')}` }],
    });
  }
  const disclosure = { k: options.k, showZeros: options.showZeros };
  const published = applyDisclosureControl(
    interventions.flatMap((entry) => entry.tables),
    disclosure,
  );
  const document = reportDocument(published, {
    title: {
      sv: `${catalogue.municipality.name}: insatser utan behovsbedömning, ${options.from}–${options.to}`,
      en: `${catalogue.municipality.name}: interventions without a needs assessment, ${options.from} to ${options.to}`,
    },
    disclosure,
  });
  return E.right({
    catalogue: { id: catalogue.id, version: catalogue.version, municipality: catalogue.municipality.name },
    options,
    interventions: interventions.map(({ policy, tables, corrections, sheets }) => ({
      interventionId: policy.id,
      ...(policy.sourceRow === undefined ? {} : { sourceRow: policy.sourceRow }),
      name: policy.name,
      documentationKind: policy.documentation.kind,
      tableIds: tables.map((table) => table.id),
      corrections,
      sheets,
    })),
    excluded: catalogue.interventions
      .filter((policy) => options.interventions === undefined || options.interventions.includes(policy.id))
      .flatMap((policy) =>
        policy.documentation.kind === 'exempt'
          ? [{ interventionId: policy.id, name: policy.name, reason: policy.documentation.ground }]
          : policy.documentation.kind === 'case-record-required'
            ? [
                {
                  interventionId: policy.id,
                  name: policy.name,
                  reason: {
                    sv: `Dokumenteras i ${policy.documentation.system.sv}.`,
                    en: `Documented in ${policy.documentation.system.en}.`,
                  },
                },
              ]
            : [],
      ),
    document,
  });
}
