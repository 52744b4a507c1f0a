import { earliestSealDate, type KeyStore, periodKeyId, STREAM_PREFIXES } from '@pinnstatistik/core';
import type { Finding } from './finding.js';

/** Streams a seal or a closing says it deleted whose events are still in the log. */
export function undeletedDetailFindings(
  deletedBy: ReadonlyMap<string, { readonly stream: string }>,
  streams: ReadonlySet<string>,
): Finding[] {
  return [...deletedBy]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .filter(([stream]) => streams.has(stream))
    .map(([stream, record]) => ({
      code: 'DETAIL_NOT_DELETED',
      stream,
      rule: { clause: stream.startsWith(STREAM_PREFIXES.series) ? 'series/closing' : 'sealing/shredding' },
      message: {
        sv: `Strömmen ska vara raderad (${record.stream} säger det), men dess händelser finns kvar i loggen.`,
        en: `The stream should be deleted (${record.stream} says so), but its events are still in the log.`,
      },
    }));
}

/**
 * A sealed month's detail or registry still in the log, whether or not its seal lists it: a seal
 * that lists nothing (a forger's, which a reader without keys cannot tell from the operator's)
 * hid every stream of the month it claimed (attack 31).
 */
export function unlistedDetailFindings(
  sealedPeriods: ReadonlySet<string>,
  deletedBy: ReadonlyMap<string, unknown>,
  streams: ReadonlySet<string>,
): Finding[] {
  return [...streams]
    .sort()
    .filter((stream) => {
      const month = /^(?:tally|registry)-(\d{4}-\d{2})/.exec(stream)?.[1];
      return month !== undefined && sealedPeriods.has(month) && !deletedBy.has(stream);
    })
    .map((stream) => ({
      code: 'DETAIL_NOT_DELETED',
      stream,
      rule: { clause: 'sealing/shredding' },
      message: {
        sv: 'Månaden är förseglad, men dess detaljer finns kvar i loggen och förseglingen nämner dem inte.',
        en: 'The month is sealed, but its detail is still in the log and its seal does not list it.',
      },
    }));
}

/** Months with detail, past their grace on `today`, still not sealed. */
export function unsealedPastGraceFindings(
  periodsWithDetail: ReadonlySet<string>,
  sealedPeriods: ReadonlySet<string>,
  today: string,
  graceDays: number,
): Finding[] {
  return [...periodsWithDetail]
    .sort()
    .filter((period) => !sealedPeriods.has(period) && earliestSealDate(period, graceDays) <= today)
    .map((period) => ({
      code: 'PERIOD_UNSEALED_PAST_GRACE',
      stream: `period-${period}`,
      rule: { clause: 'sealing/gracePeriod' },
      message: {
        sv: `Perioden ${period} borde ha förseglats senast ${earliestSealDate(period, graceDays)}.`,
        en: `The period ${period} should have been sealed by ${earliestSealDate(period, graceDays)}.`,
      },
    }));
}

/** Keys that outlived their seal or their series' closing: the detail or notes can still be read. */
export async function survivingKeyFindings(
  keys: KeyStore,
  sealedPeriods: ReadonlySet<string>,
  closedSeries: ReadonlySet<string>,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const period of [...sealedPeriods].sort()) {
    if ((await keys.get(periodKeyId(period))) !== undefined) {
      findings.push({
        code: 'DETAIL_DECRYPTABLE_AFTER_SEAL',
        stream: `period-${period}`,
        rule: { clause: 'sealing/shredding' },
        message: {
          sv: `Perioden ${period} är förseglad men dess nyckel finns kvar: detaljerna går fortfarande att läsa.`,
          en: `The period ${period} is sealed but its key still exists: its detail can still be read.`,
        },
      });
    }
  }
  for (const series of [...closedSeries].sort()) {
    if ((await keys.get(series)) !== undefined) {
      findings.push({
        code: 'SERIES_KEY_NOT_DESTROYED',
        stream: series,
        rule: { clause: 'series/closing' },
        message: {
          sv: 'Serien är avslutad men dess nyckel finns kvar: arbetsanteckningarna går att läsa.',
          en: 'The series is closed but its key still exists: its working notes can be read.',
        },
      });
    }
  }
  return findings;
}
