import { type Catalogue, seededRandom, type TallyCommandInput, vaggerydCatalogue } from '@pinnstatistik/core';
import { seededYear } from '@pinnstatistik/core/testing';

/** The year every workload is recorded in. */
export const YEAR = 2025;

/** A clock instant after every month of the year is past its seal grace (default 15 days). */
export const BENCH_NOW = `${YEAR + 1}-02-01T09:00:00Z`;

/** The twelve periods of the year. */
export const PERIODS = Array.from(
  { length: 12 },
  (_, index) => `${YEAR}-${String(index + 1).padStart(2, '0')}`,
);

/** What the workload is made of, for the report. */
export interface WorkloadShape {
  readonly n: number;
  readonly seed: number;
  readonly interventions: number;
  readonly tallyingInterventions: number;
  readonly units: number;
  readonly months: number;
  /** Sheets (intervention × unit × month) that receive tallies. */
  readonly sheets: number;
  readonly byType: Readonly<Record<string, number>>;
}

/** A seeded workload of N tally commands, generated month by month so it never sits in memory whole. */
export interface Workload {
  readonly catalogue: Catalogue;
  readonly shape: WorkloadShape;
  commands(): Generator<TallyCommandInput>;
}

type Template = Exclude<TallyCommandInput, { readonly type: 'VoidTally' }>;

const hex8 = (value: number): string => (value >>> 0).toString(16).padStart(8, '0');

/**
 * The bench workload: N tally commands over the Vaggeryd catalogue's interventions × units × 12
 * months of 2025 (the 216 sheets its policies allow), mulberry32 seed 42.
 *
 * Realism comes from `seededYear` (core's testing kit): its seeded year (seed 42, ≈2,800
 * commands) fixes each sheet's share of a month and the mix of marks per policy (gender and
 * age mixes of each target group, code-list weights, group meetings and visitors where the
 * policy keeps them). The workload scales that year to N by resampling: each sheet of each
 * month gets its share of N (largest remainder, so the total is exactly N), and each command
 * is a template of the same sheet and month drawn with the seeded generator, with a fresh
 * command id and day. Every command is valid for the catalogue — the bench fails on a refusal.
 */
export function createWorkload(n: number, seed = 42): Workload {
  const catalogue = vaggerydCatalogue();
  const year = seededYear({ catalogue, year: YEAR, seed }) as Template[];
  // Templates by month, then by sheet (intervention × unit).
  const bySheet = PERIODS.map(() => new Map<string, Template[]>());
  for (const command of year) {
    const month = Number(command.date.slice(5, 7)) - 1;
    const sheets = bySheet[month] as Map<string, Template[]>;
    const key = `${command.interventionId}/${command.unitId}`;
    const list = sheets.get(key) ?? [];
    list.push(command);
    sheets.set(key, list);
  }
  // Each sheet-month's share of N, by largest remainder.
  const cells = bySheet.flatMap((sheets, month) =>
    [...sheets].map(([key, templates]) => ({
      month,
      key,
      templates,
      exact: (templates.length * n) / year.length,
    })),
  );
  const counts = cells.map((cell) => Math.floor(cell.exact));
  let missing = n - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = cells
    .map((cell, index) => ({ index, remainder: cell.exact - Math.floor(cell.exact) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
    missing -= 1;
  }
  const byType: Record<string, number> = {};
  cells.forEach((cell, index) => {
    const count = counts[index] ?? 0;
    // Expected mix of the sheet's templates, for the report (exact counts vary with resampling).
    for (const template of cell.templates)
      byType[template.type] = (byType[template.type] ?? 0) + count / cell.templates.length;
  });
  for (const type of Object.keys(byType)) byType[type] = Math.round(byType[type] ?? 0);
  const units = new Set(catalogue.interventions.flatMap((policy) => policy.responsibleUnits));

  function* commands(): Generator<TallyCommandInput> {
    const rng = seededRandom(seed);
    const uuid = (): string => {
      const a = hex8(rng.next() * 2 ** 32);
      const b = hex8(rng.next() * 2 ** 32);
      const c = hex8(rng.next() * 2 ** 32);
      const d = hex8(rng.next() * 2 ** 32);
      const variant = '89ab'[Math.floor(rng.next() * 4)] as string;
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    };
    for (let month = 0; month < PERIODS.length; month += 1) {
      // One month at a time, in date order; within a day the sheets' tallies are shuffled together.
      const days: TallyCommandInput[][] = Array.from({ length: 28 }, () => []);
      cells.forEach((cell, index) => {
        if (cell.month !== month) return;
        for (let count = counts[index] ?? 0; count > 0; count -= 1) {
          const template = cell.templates[Math.floor(rng.next() * cell.templates.length)] as Template;
          const day = Math.floor(rng.next() * 28);
          const date = `${PERIODS[month]}-${String(day + 1).padStart(2, '0')}`;
          (days[day] as TallyCommandInput[]).push({ ...template, commandId: uuid(), date });
        }
      });
      for (const day of days) {
        for (let index = day.length - 1; index > 0; index -= 1) {
          const other = Math.floor(rng.next() * (index + 1));
          [day[index], day[other]] = [day[other] as TallyCommandInput, day[index] as TallyCommandInput];
        }
        yield* day;
      }
    }
  }

  return {
    catalogue,
    shape: {
      n,
      seed,
      interventions: catalogue.interventions.length,
      tallyingInterventions: new Set(cells.map((cell) => cell.key.split('/')[0])).size,
      units: units.size,
      months: PERIODS.length,
      sheets: cells.length,
      byType,
    },
    commands,
  };
}
