// Attack 14b — ONE copy taken after the fact (every month sealed, every series closed, the
// operator's real schedule with checkpoints as the CLI signs them), no key, no nightly copies.
// A session writes nothing on its series now, but the clear `series-index` still holds, for each
// series, the position of its `SeriesIndexed` record (its opening) and of its `SeriesClosed`
// record. The distance in the global log between the two — how many events the whole service
// wrote while the series was open — is a far finer clock than "seals while open": a series
// opened, used once and closed at once spans a fixed handful of positions (index record, its
// first event, the one tally, the closing batch, the "ended" tally, the closed record); a series of
// n sessions spans roughly n − 1 inter-session gaps of the whole service's traffic.
// The attacker maps the gap to a length by 2-fold cross-validation (fit on half the series, guess
// the other half) and is held to the best blind guess from coarse clear records, in hindsight:
// the commonest length, or the commonest length per (seals while open, reason).
// Found by a fresh attacker when the opening wrote its clear record at once: 38 of 77 lengths
// and 17 of the 19 one-session series exactly, against 28 blind. Closed: an opening is written in
// its month's sealed registry, and the month's seal indexes its series in one batch (21 against 23).
import type { RecordedEvent } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { type IndexedClosing, readSeriesIndex } from './attack11-year.js';
import { scheduledYear } from './attack13-year.js';

describe('attack 14b: the positions of a series’ two clear index records', () => {
  it('does not tell a series’ number of sessions beyond a blind guess (one later copy, no key)', async () => {
    const year = await scheduledYear({ checkpoints: 'cli' });
    const events = [...year.copy].sort((a, b) => Number(a.position) - Number(b.position));

    // --- the attack: the clear series index and the seals' positions only ---
    const opened = new Map<string, number>();
    const closed = new Map<string, IndexedClosing>();
    const seals: number[] = [];
    for (const event of events) {
      if (event.type === 'PeriodSealed') seals.push(Number(event.position));
      if (event.stream === 'series-index') readSeriesIndex(event, opened, closed);
    }
    const series = [...closed.keys()].filter((s) => opened.has(s) && year.truth.has(s));
    const gapOf = (s: string) => (closed.get(s)?.position ?? 0) - (opened.get(s) ?? 0);
    const coarse = (s: string) => {
      const from = opened.get(s) ?? 0;
      const to = closed.get(s)?.position ?? 0;
      return `${seals.filter((at) => at > from && at < to).length}/${closed.get(s)?.reason}`;
    };
    // Buckets of the gap: the smallest gap alone, then geometric.
    const smallest = Math.min(...series.map(gapOf));
    const fine = (s: string) => {
      const gap = gapOf(s);
      return gap === smallest ? 'smallest' : `g${Math.floor(Math.log2(gap) * 2)}/${closed.get(s)?.reason}`;
    };

    // --- scored against the operator's truth ---
    const lengthOf = (s: string) => year.truth.get(s)?.sessions.length ?? 0;
    const counts = new Map<number, number>();
    for (const s of series) counts.set(lengthOf(s), (counts.get(lengthOf(s)) ?? 0) + 1);
    const modal = [...counts].sort((a, b) => b[1] - a[1])[0] as [number, number];
    const inHindsight = (key: (s: string) => string) => {
      const groups = new Map<string, Map<number, number>>();
      for (const s of series) {
        const row = groups.get(key(s)) ?? new Map<number, number>();
        row.set(lengthOf(s), (row.get(lengthOf(s)) ?? 0) + 1);
        groups.set(key(s), row);
      }
      return [...groups.values()].reduce((sum, row) => sum + Math.max(...row.values()), 0);
    };
    const crossValidated = (key: (s: string) => string) => {
      let right = 0;
      const halves = [0, 1].map((h) => series.filter((_, i) => i % 2 === h));
      const [first = [], second = []] = halves;
      const folds: [typeof first, typeof first][] = [
        [first, second],
        [second, first],
      ];
      for (const [fit, test] of folds) {
        const groups = new Map<string, Map<number, number>>();
        for (const s of fit) {
          const row = groups.get(key(s)) ?? new Map<number, number>();
          row.set(lengthOf(s), (row.get(lengthOf(s)) ?? 0) + 1);
          groups.set(key(s), row);
        }
        for (const s of test) {
          const row = groups.get(key(s));
          const guess =
            row === undefined ? modal[0] : ([...row].sort((a, b) => b[1] - a[1])[0] as [number, number])[0];
          if (guess === lengthOf(s)) right += 1;
        }
      }
      return right;
    };
    const blindCoarse = inHindsight(coarse);
    const attackRight = crossValidated(fine);
    const ofSmallest = series.filter((s) => gapOf(s) === smallest);
    console.log(
      `one copy, ${year.checkpointCount} checkpoints: ${series.length} series; truth ${JSON.stringify(Object.fromEntries([...counts].sort()))}; ` +
        `smallest gap ${smallest} positions: ${ofSmallest.length} series, ${ofSmallest.filter((s) => lengthOf(s) === 1).length} of them one session ` +
        `(of ${counts.get(1) ?? 0} with one)`,
    );
    console.log(
      `lengths: attacker (gap, cross-validated) right ${attackRight}; in hindsight ${inHindsight(fine)}; ` +
        `blind: commonest ${modal[1]} (always ${modal[0]}), per (seals while open, reason) in hindsight ${blindCoarse}`,
    );
    const gaps = series
      .map((s) => [lengthOf(s), gapOf(s)] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let n = 1; n <= 5; n += 1)
      console.log(
        `  length ${n}: gaps ${gaps
          .filter(([k]) => k === n)
          .map(([, g]) => g)
          .join(' ')}`,
      );
    expect(series.length, 'the attack had its material').toBeGreaterThan(50);
    expect(
      attackRight,
      "series' number of sessions from one later copy, beyond a blind guess",
    ).toBeLessThanOrEqual(Math.max(modal[1], blindCoarse));
  }, 600_000);
});

export type { RecordedEvent };
