import type { JsonValue } from '../../json.js';
import type { SealedSheet } from '../../sealing/period-events.js';
import { crossTabulationKey } from '../../tally/sheet-tables.js';
import type { AttackerView } from './attacker-view.js';

/** A sealed sheet as the attacker reads it: its coordinates and its tables as stored (any shape). */
export interface ReadSheet {
  readonly period: string;
  readonly interventionId: string;
  readonly unitId: string;
  readonly tables: {
    readonly contacts: unknown;
    readonly marginals: Record<string, Record<string, unknown>>;
    readonly crossTabulations: Record<string, Record<string, unknown>>;
  };
}

/** Every sealed sheet in the clear events. */
export function sealedSheets(view: AttackerView): ReadSheet[] {
  return view.clear
    .filter((event) => event.type === 'SheetsSealed')
    .flatMap((event) => {
      const data = event.data as unknown as { period: string; sheets: SealedSheet[] };
      return data.sheets.map((sheet) => ({ ...sheet, period: data.period }) as unknown as ReadSheet);
    });
}

const countOf = (cell: unknown): number =>
  typeof cell === 'number'
    ? cell
    : typeof cell === 'object' && cell !== null
      ? Number((cell as { n?: unknown }).n ?? 0)
      : 0;

/** What a cell keeps beside its count, if anything (the weakness the attack looks for). */
const companionOf = (cell: unknown): string | undefined => {
  if (typeof cell !== 'object' || cell === null) return undefined;
  const { n: _n, ...rest } = cell as Record<string, JsonValue>;
  return Object.keys(rest).length === 0 ? undefined : JSON.stringify(rest);
};

/**
 * Contacts whose every mark a sheet's own tables determine: all of them when at most one
 * dimension takes more than one value (or two, cross-tabulated together) — e.g. a sheet whose
 * only dimension is gender. This is the baseline any release of the tables gives away.
 */
export function determinedBySheet(sheet: ReadSheet): number {
  const contacts = countOf(sheet.tables.contacts);
  const varying = Object.entries(sheet.tables.marginals)
    .filter(([, cells]) => Object.values(cells).filter((cell) => countOf(cell) > 0).length > 1)
    .map(([dimension]) => dimension);
  if (varying.length <= 1) return contacts;
  if (varying.length === 2) {
    const [a, b] = varying as [string, string];
    if (sheet.tables.crossTabulations[crossTabulationKey([a, b])] !== undefined) return contacts;
    if (sheet.tables.crossTabulations[crossTabulationKey([b, a])] !== undefined) return contacts;
  }
  return 0;
}

/** What the linking attack achieved across a year of sealed tables. */
export interface LinkageAttack {
  /** Contacts fully determined by their own sheet's tables (the baseline). */
  readonly baseline: number;
  /** Sheets contributing to the baseline. */
  readonly baselineSheets: number;
  /** Contacts singled out by a value kept beside counts (cells of one contact with the same companion, linked). */
  readonly singledOut: number;
  /** Of those, contacts whose every mark was rebuilt, on sheets their own tables do not determine. */
  readonly rebuiltBeyondBaseline: number;
}

/**
 * The attack of the independent review: any value a cell keeps beside its count (a record
 * key, a sum of them) is the same for the one contact of every count-1 cell it sits in, so cells
 * with equal companions are that contact's marks, linked. Counted beyond what each sheet's own
 * tables already determine.
 */
export function linkMarks(view: AttackerView): LinkageAttack {
  let baseline = 0;
  let baselineSheets = 0;
  let singledOut = 0;
  let rebuiltBeyondBaseline = 0;
  for (const sheet of sealedSheets(view)) {
    const determined = determinedBySheet(sheet);
    if (determined > 0) {
      baseline += determined;
      baselineSheets += 1;
    }
    const dimensions = Object.keys(sheet.tables.marginals);
    const linked = new Map<string, Set<string>>();
    for (const [dimension, cells] of Object.entries(sheet.tables.marginals)) {
      for (const cell of Object.values(cells)) {
        const companion = companionOf(cell);
        if (companion === undefined || countOf(cell) !== 1) continue;
        const dimensionsLinked = linked.get(companion) ?? new Set<string>();
        dimensionsLinked.add(dimension);
        linked.set(companion, dimensionsLinked);
      }
    }
    for (const dimensionsLinked of linked.values()) {
      if (dimensionsLinked.size < 2) continue;
      singledOut += 1;
      if (determined === 0 && dimensionsLinked.size === dimensions.length) rebuiltBeyondBaseline += 1;
    }
  }
  return { baseline, baselineSheets, singledOut, rebuiltBeyondBaseline };
}

/** Every leaf of every sealed table that is not a whole number: per-record values kept in clear. */
export function nonCountLeaves(view: AttackerView): number {
  let found = 0;
  const walk = (value: unknown): void => {
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) found += 1;
    } else if (typeof value === 'object' && value !== null)
      for (const item of Object.values(value)) walk(item);
    else found += 1;
  };
  for (const sheet of sealedSheets(view)) walk(sheet.tables);
  return found;
}
