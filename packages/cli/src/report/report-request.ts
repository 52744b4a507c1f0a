import { type Language, systemClock, todayOn } from '@pinnstatistik/core';
import {
  PUBLICATION_METHODS,
  type ReportOptionsInput,
  ReportOptionsSchema,
} from '@pinnstatistik/projections';
import { CliError } from '../cli/cli-error.js';
import { parseChoice, parseLanguage, parseMonth, parseWholeNumber } from '../cli/parse-options.js';
import { reportOptionName, swedishOptionsRefusal } from './report-option-name.js';

/** The report formats. */
export const REPORT_FORMATS = ['csv', 'json', 'md', 'html'] as const;

/** A report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report command's options, as commander hands them over. */
export interface ReportArguments {
  readonly from: string;
  readonly to: string;
  readonly granularity: string;
  readonly k: string;
  readonly hideZeros?: boolean;
  readonly method: string;
  readonly maxDeviation: string;
  readonly variance: string;
  readonly smallestPublished: string;
  readonly intervention?: readonly string[];
  readonly byUnit?: boolean;
  readonly comparePrevious?: boolean;
  readonly format: string;
  readonly lang: string;
  readonly today?: string;
}

function parseVariance(value: string): number {
  const variance = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(variance > 0))
    throw new CliError('--variance must be a number above 0', {
      sv: { message: '--variance ska vara ett tal större än 0' },
    });
  return variance;
}

/** A checked report request. */
export interface ReportRequest {
  readonly options: ReportOptionsInput;
  readonly format: ReportFormat;
  readonly lang: Language;
}

/**
 * Checks the report's options before the log is read: months that exist (an unknown period is
 * refused), a range in order and not in the future, a threshold, a format and a language.
 */
export function parseReportRequest(args: ReportArguments): ReportRequest {
  const from = parseMonth('--from', args.from);
  const to = parseMonth('--to', args.to);
  if (from > to)
    throw new CliError(`--from ${from} is after --to ${to}`, {
      sv: { message: '--from ligger efter --to: perioden måste börja före eller när den slutar' },
    });
  const today = args.today ?? todayOn(systemClock);
  if (to > today.slice(0, 7))
    throw new CliError(`--to: ${to} is in the future (today is ${today})`, {
      sv: { message: `--to ligger i framtiden (i dag är det ${today})` },
    });
  const options: ReportOptionsInput = {
    from,
    to,
    granularity: parseChoice('--granularity', args.granularity, ['month', 'quarter', 'year'] as const),
    method: parseChoice('--method', args.method, PUBLICATION_METHODS),
    k: parseWholeNumber('--k', args.k, 1, 100),
    showZeros: args.hideZeros !== true,
    maxDeviation: parseWholeNumber('--max-deviation', args.maxDeviation, 1, 20),
    variance: parseVariance(args.variance),
    smallestPublished: parseWholeNumber('--smallest-published', args.smallestPublished, 1, 21),
    byUnit: args.byUnit === true,
    comparePrevious: args.comparePrevious === true,
    ...(args.intervention === undefined || args.intervention.length === 0
      ? {}
      : { interventions: [...args.intervention] }),
  };
  const parsed = ReportOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = reportOptionName(issue?.path ?? []);
    throw new CliError(`${option}: ${issue?.message ?? 'invalid'}`, {
      sv: { message: swedishOptionsRefusal(option, issue?.message, to) },
    });
  }
  return {
    options,
    format: parseChoice('--format', args.format, REPORT_FORMATS),
    lang: parseLanguage(args.lang),
  };
}
