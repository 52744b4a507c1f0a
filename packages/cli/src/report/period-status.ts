import type { Language } from '@pinnstatistik/core';
import type { ReportPeriod } from '@pinnstatistik/projections';

/**
 * What is known of a month when the report is made: `sealed` (final), `open` (not sealed: its
 * figures may still change), `unreadable` (not sealed, and its detail could not be read without
 * its key: missing from the figures), `empty` (nothing recorded and not sealed: perhaps before
 * the log began) or `ongoing` (the month has not ended).
 */
export type MonthState = 'sealed' | 'open' | 'unreadable' | 'empty' | 'ongoing';

/** What the log says about the months of a report. */
export interface MonthStates {
  /** Months whose period is sealed (`YYYY-MM`). */
  readonly sealed: readonly string[];
  /** Months with detail (tally sheets) that are not sealed. */
  readonly open: readonly string[];
  /** Open months whose detail could not be read here. */
  readonly unreadable: readonly string[];
  /** Today (`YYYY-MM-DD`): this month and later ones are still going on. */
  readonly today: string;
}

/** A month's state. */
export function monthState(month: string, states: MonthStates): MonthState {
  if (states.sealed.includes(month)) return 'sealed';
  if (month >= states.today.slice(0, 7)) return 'ongoing';
  if (states.unreadable.includes(month)) return 'unreadable';
  return states.open.includes(month) ? 'open' : 'empty';
}

/** An incomplete period: its key and label, and its months that are not sealed. */
export interface IncompletePeriod {
  readonly key: string;
  readonly label: ReportPeriod['label'];
  readonly months: readonly { readonly month: string; readonly state: Exclude<MonthState, 'sealed'> }[];
}

/** The periods with a month that is not sealed, in order (none when the states are unknown). */
export function incompletePeriods(
  periods: readonly ReportPeriod[],
  states: MonthStates | undefined,
): IncompletePeriod[] {
  if (states === undefined) return [];
  return periods.flatMap((period) => {
    const months = period.months.flatMap((month) => {
      const state = monthState(month, states);
      return state === 'sealed' ? [] : [{ month, state }];
    });
    return months.length === 0 ? [] : [{ key: period.key, label: period.label, months }];
  });
}

const monthName = (month: string, lang: Language): string =>
  new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));

type Unsealed = Exclude<MonthState, 'sealed'>;

/** What a state says of one month and of several (Swedish adjectives agree in number). */
const stateText: Record<Unsealed, { sv: [string, string]; en: [string, string] }> = {
  open: {
    sv: ['är inte förseglad än: siffrorna kan ändras', 'är inte förseglade än: siffrorna kan ändras'],
    en: ['is not sealed yet: its figures may change', 'are not sealed yet: their figures may change'],
  },
  unreadable: {
    sv: [
      'är inte förseglad och kunde inte läsas (nyckeln saknas): den saknas i siffrorna',
      'är inte förseglade och kunde inte läsas (nycklarna saknas): de saknas i siffrorna',
    ],
    en: [
      'is not sealed and could not be read (no key): it is missing from the figures',
      'are not sealed and could not be read (no keys): they are missing from the figures',
    ],
  },
  empty: {
    sv: ['har inga registreringar och är inte förseglad', 'har inga registreringar och är inte förseglade'],
    en: ['has nothing recorded and is not sealed', 'have nothing recorded and are not sealed'],
  },
  ongoing: {
    sv: ['pågår fortfarande', 'pågår fortfarande'],
    en: ['has not ended yet', 'have not ended yet'],
  },
};

const list = (items: readonly string[], lang: Language): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${lang === 'sv' ? 'och' : 'and'} ${items.at(-1)}`;

/**
 * Why a period is marked `*`, in plain words, months of one state together:
 * `2025 kv. 4: november och december 2025 är inte förseglade än: siffrorna kan ändras.`
 */
export function incompleteText(period: IncompletePeriod, lang: Language): string {
  const states = [...new Set(period.months.map((month) => month.state))];
  const parts = states.map((state) => {
    const months = period.months
      .filter((month) => month.state === state)
      .map((month) => monthName(month.month, lang));
    return `${list(months, lang)} ${stateText[state][lang][months.length === 1 ? 0 : 1]}`;
  });
  return `${period.label[lang]}: ${parts.join('; ')}.`;
}

/** The periods a report shows: its own, and the comparison period when it is compared with (one period). */
export function shownPeriods(report: {
  readonly periods: readonly ReportPeriod[];
  readonly comparisonPeriod?: ReportPeriod;
}): readonly ReportPeriod[] {
  return report.comparisonPeriod !== undefined && report.periods.length === 1
    ? [report.comparisonPeriod, ...report.periods]
    : report.periods;
}
