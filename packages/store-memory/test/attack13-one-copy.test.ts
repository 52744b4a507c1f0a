// Attack 13 — attack 12 from ONE copy taken after the fact (every 2025 month sealed, every series
// closed), with no nightly copies (closed). Every signed checkpoint of the log lists every stream
// with its size when signed, series streams included, and the clear `series-index` names each
// series stream (SeriesIndexed at its opening, SeriesClosed with its reason and its proofs from
// every checkpointed size). When a session appended to its series, a series' size at each
// checkpoint was 1 + its sessions so far: with a checkpoint signed every night, 72 of 77 series'
// sessions per month, 23 placed at their intervention and unit (32 by the exact cover), none
// wrong; with checkpoints as the CLI signs them, 30 of 77 lengths against 28 for the best blind
// guess (core before 79d8c09). Now a series stream grows only by its notes (none here) and one
// `SessionsCarried` a seal, every open series alike: its size says how long it was open, as its
// clear records do anyway. The attack is held to the best blind guess from those records (one
// length per (seals while open, reason), chosen in hindsight).
import { checkpointOf, LOG_CHECKPOINT_STREAM, type RecordedEvent, requiresSeries } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { clearData, type IndexedClosing, readSeriesIndex } from './attack11-year.js';
import { type CheckpointPolicy, scheduledYear } from './attack13-year.js';
import { type OptionItem as Item, solveOptions } from './exact-cover.js';

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface SealedSheet {
  interventionId: string;
  unitId: string;
  tables: { contacts: number; seriesLengths: Record<string, number> };
}

interface Checkpoint {
  position: number;
  day: string; // the day it was signed (work of earlier days is in it)
  sizes: Map<string, number>;
}

/** The attack: the final copy only (stream names, positions, clear records). */
function attack(copy: readonly RecordedEvent[], seriesPolicies: Map<string, number>) {
  const events = [...copy].sort((a, b) => Number(a.position) - Number(b.position));
  const checkpoints: Checkpoint[] = [];
  const opened = new Map<string, number>();
  const closed = new Map<string, IndexedClosing>();
  const sheets = new Map<string, SealedSheet[]>();
  for (const event of events) {
    if (event.stream === LOG_CHECKPOINT_STREAM) {
      const checkpoint = checkpointOf(event);
      if (checkpoint !== undefined)
        checkpoints.push({
          position: Number(event.position),
          day: checkpoint.time.slice(0, 10),
          sizes: new Map(checkpoint.leaves.map((leaf) => [leaf.stream, leaf.size])),
        });
    } else if (event.stream === 'series-index') readSeriesIndex(event, opened, closed);
    else if (event.type === 'SheetsSealed') {
      const data = clearData(event) as { period: string; sheets: SealedSheet[] };
      sheets.set(data.period, [...(sheets.get(data.period) ?? []), ...data.sheets]);
    }
  }
  // The days of work between the checkpoint before a position and the one after it.
  const bracket = (position: number): { from: string; to: string } => {
    const before = checkpoints.filter((c) => c.position < position).at(-1);
    const after = checkpoints.find((c) => c.position > position);
    return {
      from: before?.day ?? '2025-01-01',
      to: after === undefined ? '9999-12-31' : addDays(after.day, -1),
    };
  };
  const monthIf = ({ from, to }: { from: string; to: string }) =>
    from.slice(0, 7) === to.slice(0, 7) ? from.slice(0, 7) : undefined;

  const found = new Map<
    string,
    {
      sessions: number;
      seen: number;
      hidden: boolean;
      hiddenMonth?: string;
      perMonth: Map<string, number>; // with the one hidden session guessed
      seenPerMonth: Map<string, number>;
      monthsKnown: boolean;
      endedMonth?: string;
    }
  >();
  for (const [series, closing] of closed) {
    const openedAt = opened.get(series) ?? 0;
    const seen = checkpoints.filter(
      (c) => c.position > openedAt && c.position < closing.position && c.sizes.has(series),
    );
    const perMonth = new Map<string, number>();
    let monthsKnown = true;
    const add = (month: string | undefined, k: number) => {
      if (k === 0) return;
      if (month === undefined) monthsKnown = false;
      else perMonth.set(month, (perMonth.get(month) ?? 0) + k);
    };
    let size = 1; // its opening
    let from = bracket(openedAt).from;
    for (const checkpoint of seen) {
      const now = checkpoint.sizes.get(series) as number;
      add(monthIf({ from, to: addDays(checkpoint.day, -1) }), now - size);
      size = now;
      from = checkpoint.day;
    }
    const seenPerMonth = new Map(perMonth);
    const closingDays = bracket(closing.position);
    const hiddenMonth = monthIf({
      from: [closingDays.from, from].sort().at(-1) as string,
      to: closingDays.to,
    });
    // A counsellor closes a series right after its last session (one more than the checkpoints
    // saw); an expired one was idle past retention, long after a checkpoint saw all of it.
    const hidden = closing.reason === 'completed' ? 1 : 0;
    add(hiddenMonth, hidden);
    found.set(series, {
      sessions: size - 1 + hidden,
      seen: size - 1,
      hidden: hidden > 0,
      ...(hiddenMonth === undefined ? {} : { hiddenMonth }),
      perMonth,
      seenPerMonth,
      monthsKnown,
      endedMonth: monthIf(closingDays),
    });
  }

  // Step one (attack 12): a (month ended, length) on one sheet only places the series there.
  const placed = new Map<string, string>();
  const interventionOnly = new Map<string, string>();
  for (const [series, f] of found) {
    if (f.endedMonth === undefined) continue;
    const candidates = (sheets.get(f.endedMonth) ?? []).filter(
      (sheet) => (sheet.tables.seriesLengths[String(f.sessions)] ?? 0) > 0,
    );
    if (candidates.length === 1) {
      const only = candidates[0] as SealedSheet;
      placed.set(series, `${only.interventionId}/${only.unitId}`);
    }
    const interventions = new Set(candidates.map((sheet) => sheet.interventionId));
    if (interventions.size === 1) interventionOnly.set(series, [...interventions][0] as string);
  }

  // Step two (attack 12): the exact cover over the series-only interventions' sealed contacts and
  // ended lengths — when every series' months are known (each month it had sessions, and ended).
  const capacity = new Map<string, number>();
  const values = new Set<string>();
  for (const [period, list] of sheets)
    for (const sheet of list) {
      if (!seriesPolicies.has(sheet.interventionId)) continue;
      const value = `${sheet.interventionId}/${sheet.unitId}`;
      values.add(value);
      capacity.set(`${value}\u0000contacts ${period}`, sheet.tables.contacts);
      for (const [n, c] of Object.entries(sheet.tables.seriesLengths))
        capacity.set(`${value}\u0000ended ${period} ${n}`, c);
    }
  const allKnown = [...found.values()].every((f) => f.monthsKnown && f.endedMonth !== undefined);
  let solvedPlaced = new Map<string, string>();
  let solvedIntervention = new Map<string, string>();
  let solvedLengths = new Map<string, number>();
  let exhausted = false;
  if (allKnown) {
    // Each series takes a sheet and, when its closing day was not seen, how many sessions it had
    // that day (one at least, within the intervention's limit).
    const items: Item[] = [...found].map(([series, f]) => ({
      id: series,
      options: [...values].flatMap((value) => {
        const limit = seriesPolicies.get(value.split('/')[0] as string) ?? 0;
        const ks = f.hidden ? Array.from({ length: Math.max(0, limit - f.seen) }, (_, i) => i + 1) : [0];
        return (
          ks
            .filter((k) => f.seen + k <= limit)
            .map((k) => {
              const adds = new Map<string, number>();
              const n = f.seen + k;
              // An ended tally on a month sealed in the copy (one expired in 2026 ended on an open month).
              if (sheets.has(f.endedMonth as string)) adds.set(`ended ${f.endedMonth} ${n}`, 1);
              const months = new Map(f.seenPerMonth);
              if (k > 0) months.set(f.hiddenMonth as string, (months.get(f.hiddenMonth as string) ?? 0) + k);
              for (const [month, c] of months) if (sheets.has(month)) adds.set(`contacts ${month}`, c);
              return { value: `${value}#${n}`, adds };
            })
            // An option its sheet's own tables cannot hold alone is no option.
            .filter((option) =>
              [...option.adds].every(([bucket, c]) => (capacity.get(`${value}\u0000${bucket}`) ?? 0) >= c),
            )
        );
      }),
    }));
    const firstMonth = (item: Item) =>
      [...(item.options[0]?.adds.keys() ?? [])].map((b) => b.split(' ')[1] ?? '').sort()[0] ?? '';
    items.sort((a, b) => firstMonth(a).localeCompare(firstMonth(b)));
    const solved = solveOptions(items, capacity, 5_000);
    exhausted = solved.exhausted;
    const sheetsOf = (set: Set<string>) => new Set([...set].map((v) => v.split('#')[0] as string));
    const lengthsOf = (set: Set<string>) => new Set([...set].map((v) => Number(v.split('#')[1])));
    solvedPlaced = new Map(
      [...solved.possible]
        .filter(([, set]) => sheetsOf(set).size === 1)
        .map(([id, set]) => [id, [...sheetsOf(set)][0] as string]),
    );
    solvedLengths = new Map(
      [...solved.possible]
        .filter(([, set]) => lengthsOf(set).size === 1)
        .map(([id, set]) => [id, [...lengthsOf(set)][0] as number]),
    );
    solvedIntervention = new Map(
      [...solved.possible]
        .map(([id, set]) => [id, new Set([...set].map((v) => v.split('/')[0]))] as const)
        .filter(([, set]) => set.size === 1)
        .map(([id, set]) => [id, [...set][0] as string]),
    );
  }
  return {
    checkpoints,
    opened,
    closed,
    found,
    placed,
    interventionOnly,
    sheets,
    solvedPlaced,
    solvedIntervention,
    solvedLengths,
    allKnown,
    exhausted,
  };
}

describe('attack 13: series lengths from one later copy (signed checkpoints, series index)', () => {
  for (const policy of ['cli', 'daily'] as CheckpointPolicy[])
    it(`does not count a series' sessions nor place it (checkpoints: ${policy})`, async () => {
      const year = await scheduledYear({ volume: 0.3, seed: 42, checkpoints: policy });
      const seriesPolicies = new Map(
        year.catalogue.interventions.filter(requiresSeries).map((p) => [p.id, p.series?.maxContacts ?? 99]),
      );
      const result = attack(year.copy, seriesPolicies);

      // --- scored against the operator's view ---
      const lengths = [...year.truth.values()].map((t) => t.sessions.length);
      const histogram = new Map<number, number>();
      for (const n of lengths) histogram.set(n, (histogram.get(n) ?? 0) + 1);
      const modal = [...histogram].sort((a, b) => b[1] - a[1])[0] as [number, number];
      let lengthsRight = 0;
      let monthsRight = 0;
      for (const [series, f] of result.found) {
        const t = year.truth.get(series);
        if (t === undefined) continue;
        if (t.sessions.length === f.sessions) lengthsRight += 1;
        else if (process.env.A13_DIAG)
          console.log('wrong', policy, f.sessions, t.sessions, result.closed.get(series));
        const months = new Map<string, number>();
        for (const date of t.sessions) months.set(date.slice(0, 7), (months.get(date.slice(0, 7)) ?? 0) + 1);
        if (
          f.monthsKnown &&
          months.size === f.perMonth.size &&
          [...months].every(([m, k]) => f.perMonth.get(m) === k)
        )
          monthsRight += 1;
      }
      const coordinates = (series: string) => {
        const t = year.truth.get(series);
        return t === undefined ? '' : `${t.interventionId}/${t.unitId}`;
      };
      const right = [...result.placed].filter(([s, v]) => coordinates(s) === v).length;
      // The blind attacker: the same month each series ended in, no count — every series guessed at
      // one length (the best of 1–5 in hindsight) and placed by the tables alone.
      // A series' stream size also says how long it was open — as its clear opening and closing
      // records do anyway (one SessionsCarried a seal) — and the closing record says why it closed:
      // the best blind guess per (duration, reason) (in hindsight, the commonest length of the
      // series open as long and closed for the same reason) is a baseline too.
      // How long a series was open, from clear records alone: the seals between its index records.
      const seals = year.copy
        .filter((event) => event.type === 'PeriodSealed')
        .map((event) => Number(event.position));
      const durationOf = (series: string, _seen: number) => {
        const from = result.opened.get(series) ?? 0;
        const to = result.closed.get(series)?.position ?? Number.POSITIVE_INFINITY;
        const sealsWhileOpen = seals.filter((at) => at > from && at < to).length;
        return `${sealsWhileOpen}/${result.closed.get(series)?.reason}`;
      };
      const byDuration = new Map<string, Map<number, number>>();
      for (const [series, f] of result.found) {
        const n = year.truth.get(series)?.sessions.length;
        if (n === undefined) continue;
        const counts = byDuration.get(durationOf(series, f.seen)) ?? new Map<number, number>();
        counts.set(n, (counts.get(n) ?? 0) + 1);
        byDuration.set(durationOf(series, f.seen), counts);
      }
      const durationGuess = new Map(
        [...byDuration].map(([seen, counts]) => [
          seen,
          ([...counts].sort((a, b) => b[1] - a[1])[0] as [number, number])[0],
        ]),
      );
      const durationBaseline = [...byDuration.values()].reduce(
        (sum, counts) => sum + Math.max(...counts.values()),
        0,
      );
      const blind = [1, 2, 3, 4, 5, 0].map((constant) => {
        let sheetRight = 0;
        let interventionRightBlind = 0;
        for (const [series, f] of result.found) {
          if (f.endedMonth === undefined) continue;
          const guess = constant === 0 ? durationGuess.get(durationOf(series, f.seen)) : constant;
          const candidates = (result.sheets.get(f.endedMonth) ?? []).filter(
            (sheet) => (sheet.tables.seriesLengths[String(guess)] ?? 0) > 0,
          );
          if (
            candidates.length === 1 &&
            `${candidates[0]?.interventionId}/${candidates[0]?.unitId}` === coordinates(series)
          )
            sheetRight += 1;
          const interventions = new Set(candidates.map((sheet) => sheet.interventionId));
          if (interventions.size === 1 && coordinates(series).split('/')[0] === [...interventions][0])
            interventionRightBlind += 1;
        }
        return { sheetRight, interventionRight: interventionRightBlind };
      });
      // Per (duration, reason), the one guess that places most series right (in hindsight): the
      // best any attacker does from the clear records alone, whatever rule it guesses by.
      const placedRightWith = (
        series: string,
        f: typeof result.found extends Map<string, infer F> ? F : never,
        guess: number,
      ) => {
        if (f.endedMonth === undefined) return false;
        const candidates = (result.sheets.get(f.endedMonth) ?? []).filter(
          (sheet) => (sheet.tables.seriesLengths[String(guess)] ?? 0) > 0,
        );
        return (
          candidates.length === 1 &&
          `${candidates[0]?.interventionId}/${candidates[0]?.unitId}` === coordinates(series)
        );
      };
      const groups = new Map<
        string,
        [string, typeof result.found extends Map<string, infer F> ? F : never][]
      >();
      for (const [series, f] of result.found)
        groups.set(durationOf(series, f.seen), [
          ...(groups.get(durationOf(series, f.seen)) ?? []),
          [series, f],
        ]);
      const bestPerGroup = [...groups.values()].reduce(
        (sum, members) =>
          sum +
          Math.max(
            ...[1, 2, 3, 4, 5, 6, 7, 8].map(
              (guess) => members.filter(([series, f]) => placedRightWith(series, f, guess)).length,
            ),
          ),
        0,
      );
      const blindRight = Math.max(bestPerGroup, ...blind.map((b) => b.sheetRight));
      const blindLengths = Math.max(modal[1], durationBaseline);
      const blindInterventionRight = Math.max(...blind.map((b) => b.interventionRight));
      const interventionRight = [...result.interventionOnly].filter(
        ([s, v]) => coordinates(s).split('/')[0] === v,
      ).length;
      const solvedRight = [...result.solvedPlaced].filter(([s, v]) => coordinates(s) === v).length;
      const solvedInterventionRight = [...result.solvedIntervention].filter(
        ([s, v]) => coordinates(s).split('/')[0] === v,
      ).length;
      // The closing record alone (no checkpoint read): its proofs start from every checkpointed size.
      const fromProofs = [...result.found].filter(
        ([s, f]) => Math.max(1, ...(result.closed.get(s)?.proofsFrom ?? [])) - 1 === f.seen,
      ).length;
      console.log(
        `[${policy}] SeriesClosed.proofs alone give the last checkpointed size of ${fromProofs} of ${result.found.size} series`,
      );
      const solvedLengthsRight = [...result.solvedLengths].filter(
        ([s, n]) => year.truth.get(s)?.sessions.length === n,
      ).length;
      const seenByACheckpoint = [...result.closed.keys()].filter((s) =>
        result.checkpoints.some((c) => c.sizes.has(s)),
      ).length;
      console.log(
        `[${policy}] ${year.checkpointCount} checkpoints signed (${year.expiredTotal} series expired, ` +
          `${year.reopened} reopened after expiry); copy: ${year.copy.length} events, ` +
          `${result.checkpoints.length} checkpoints, ${result.closed.size} closed series ` +
          `(${seenByACheckpoint} named in some checkpoint), ${year.truth.size} in truth`,
      );
      console.log(
        `[${policy}] lengths: ${lengthsRight} of ${result.found.size} counted right ` +
          `(baseline, always guessing the commonest length ${modal[0]}: ${modal[1]}; by how long the series was open: ${durationBaseline}); ` +
          `sessions per month right for ${monthsRight}`,
      );
      console.log(
        `[${policy}] one sheet with that (month, length): ${result.placed.size} placed, ${right} right; ` +
          `one intervention: ${result.interventionOnly.size}, ${interventionRight} right ` +
          `(blind, no count: ${blindRight} right at intervention and unit, ${blindInterventionRight} at intervention)`,
      );
      console.log(
        `[${policy}] exact cover ${result.allKnown ? `(search ${result.exhausted ? 'cut short' : 'complete'})` : '(not run: some months unknown)'}: ` +
          `${result.solvedPlaced.size} placed at intervention and unit, ${solvedRight} right; ` +
          `${result.solvedIntervention.size} at intervention, ${solvedInterventionRight} right; ` +
          `${result.solvedLengths.size} lengths fixed by it, ${solvedLengthsRight} right`,
      );
      expect(result.closed.size, 'the attack had its material').toBeGreaterThan(50);
      expect(
        right,
        'series placed at intervention and unit from one later copy, beyond a blind guess',
      ).toBeLessThanOrEqual(blindRight);
      expect(
        interventionRight,
        'series placed at their intervention, beyond a blind guess',
      ).toBeLessThanOrEqual(blindInterventionRight);
      expect(solvedRight, 'series placed at intervention and unit by the exact cover').toBe(0);
      expect(
        lengthsRight,
        "series' number of sessions counted from one later copy, beyond a blind guess",
      ).toBeLessThanOrEqual(blindLengths);
      expect(solvedLengthsRight, "series' number of sessions fixed by the exact cover").toBeLessThanOrEqual(
        modal[1],
      );
    }, 300_000);
});
