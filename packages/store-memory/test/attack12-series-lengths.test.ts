// Attack 12 — a series' length against the sealed tables' `seriesLengths` (closed). The attacker
// (nightly copies of the open year, the sealed copy, no key) counts each series' sessions as the
// series events written in one batch with a tally (and holes a closing left), dates its end by
// the "series ended" tally right before its clear `SeriesClosed` record, and places the series at
// the one sheet whose sealed tables hold an ended series of that (month, length) — then runs an
// exact cover over the series-only interventions' contacts. Against a session written on its
// series stream (core before 79d8c09) it counted 77 of 77 lengths and placed 26 series at their
// intervention and unit, 60 at their intervention, none wrong, 38 by the exact cover. A session
// now writes only its tally: the only series event beside a session's tally is an opening, and
// the attack does no better than a blind attacker who guesses one length for every series and
// places it by the month it ended in (the month of a closing stays readable, documented).
import { type RecordedEvent, requiresSeries } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import { attackedYear, clearData, type Opened, operatorView } from './attack11-year.js';
import { type Item, solve } from './exact-cover.js';

const monthOf = (stream: string) => stream.slice(6, 13);
const isSeries = (stream: string) => stream.startsWith('series-') && stream !== 'series-index';

interface SealedSheet {
  interventionId: string;
  unitId: string;
  tables: {
    contacts: number;
    seriesLengths: Record<string, number>;
    marginals: Record<string, Record<string, number>>;
  };
}

describe('attack 12: series lengths against the sealed seriesLengths', () => {
  it('does not place a series at an intervention and unit (no key used)', async () => {
    const seen = new Map<number, RecordedEvent>();
    const truth = new Map<RecordedEvent, Opened>();
    const year = await attackedYear(0.3, 42, async (store, keys) => {
      const last = Math.max(0, ...seen.keys());
      const fresh = await collect(store.readAll(last === 0 ? {} : { after: String(last) }));
      for (const event of fresh) seen.set(Number(event.position), event);
      await operatorView(fresh, keys, truth); // ground truth only
    });
    const sealed = await year.sealAll();
    for (const event of sealed)
      if (!seen.has(Number(event.position))) seen.set(Number(event.position), event);

    // --- the attack: stream names, positions, clear index and period records only ---
    const positions = [...seen.keys()].sort((a, b) => a - b);
    const closings: { position: number; series: string; endedMonth: string; ended?: RecordedEvent }[] = [];
    for (const position of positions) {
      const event = seen.get(position) as RecordedEvent;
      if (event.stream !== 'series-index' || event.type !== 'SeriesClosed') continue;
      // The ended tally sits right before the series' padding (its last write, deleted with it);
      // closed at expiry after the last copy, it is not seen (its month is then the month of the
      // series' last session, fixed below).
      let back = position - 1;
      while (
        back > position - 64 &&
        (seen.get(back) === undefined || isSeries((seen.get(back) as RecordedEvent).stream))
      )
        back -= 1;
      const before = seen.get(back);
      const data = clearData(event) as { series: string };
      if (before?.stream.startsWith('tally-'))
        closings.push({ position, series: data.series, endedMonth: monthOf(before.stream), ended: before });
      else closings.push({ position, series: data.series, endedMonth: '' });
    }
    const closingPositions = closings.map((closing) => closing.position);
    const sessions = new Map<string, number>(); // series → sessions counted
    const perMonth = new Map<string, Map<string, number>>(); // series → month → sessions
    const tallyOf = new Map<string, RecordedEvent[]>(); // series → its sessions' tallies (for scoring)
    const count = (series: string, month: string, tally: RecordedEvent) => {
      tallyOf.set(series, [...(tallyOf.get(series) ?? []), tally]);
      sessions.set(series, (sessions.get(series) ?? 0) + 1);
      const months = perMonth.get(series) ?? new Map<string, number>();
      months.set(month, (months.get(month) ?? 0) + 1);
      perMonth.set(series, months);
    };
    const endedTallies = new Set(
      closings.flatMap((closing) => (closing.ended === undefined ? [] : [Number(closing.ended.position)])),
    );
    for (const position of positions) {
      const event = seen.get(position) as RecordedEvent;
      if (!event.stream.startsWith('tally-') || endedTallies.has(position)) continue;
      const before = seen.get(position - 1);
      if (before !== undefined && isSeries(before.stream)) {
        count(before.stream, monthOf(event.stream), event);
      } else if (before === undefined && position > 1) {
        // A hole: a series deleted before the next copy — the series of the next closing.
        const next = closingPositions.find((at) => at > position);
        const closing = closings.find((c) => c.position === next);
        if (closing !== undefined) count(closing.series, monthOf(event.stream), event);
      }
    }
    for (const closing of closings)
      if (closing.endedMonth === '')
        closing.endedMonth = [...(perMonth.get(closing.series)?.keys() ?? [])].sort().at(-1) ?? '';
    const sheets = new Map<string, SealedSheet[]>();
    for (const event of sealed) {
      if (event.type !== 'SheetsSealed') continue;
      const data = clearData(event) as { period: string; sheets: SealedSheet[] };
      sheets.set(data.period, [...(sheets.get(data.period) ?? []), ...data.sheets]);
    }
    const placed = new Map<string, string>();
    let lengthsKnown = 0;
    for (const closing of closings) {
      const n = sessions.get(closing.series) ?? 0;
      const candidates = (sheets.get(closing.endedMonth) ?? []).filter(
        (sheet) => (sheet.tables.seriesLengths[String(n)] ?? 0) > 0,
      );
      if (candidates.length === 1) {
        const only = candidates[0] as SealedSheet;
        placed.set(closing.series, `${only.interventionId}/${only.unitId}`);
      }
    }
    const interventionOnly = new Map<string, string>();
    for (const closing of closings) {
      const n = sessions.get(closing.series) ?? 0;
      const interventions = new Set(
        (sheets.get(closing.endedMonth) ?? [])
          .filter((sheet) => (sheet.tables.seriesLengths[String(n)] ?? 0) > 0)
          .map((sheet) => sheet.interventionId),
      );
      if (interventions.size === 1) interventionOnly.set(closing.series, [...interventions][0] as string);
    }

    // Step two: every contact of an intervention that requires a series is a session, so a sheet's
    // sealed contacts each month are its series' sessions that month, and its seriesLengths the
    // series that ended there: an exact-cover problem over the public catalogue's series sheets.
    const limits = new Map(
      year.catalogue.interventions.filter(requiresSeries).map((p) => [p.id, p.series?.maxContacts ?? 99]),
    );
    const capacity = new Map<string, number>();
    const values = new Set<string>();
    for (const [period, list] of sheets)
      for (const sheet of list) {
        if (!limits.has(sheet.interventionId)) continue;
        const value = `${sheet.interventionId}/${sheet.unitId}`;
        values.add(value);
        capacity.set(`${value}\u0000contacts ${period}`, sheet.tables.contacts);
        for (const [n, c] of Object.entries(sheet.tables.seriesLengths))
          capacity.set(`${value}\u0000ended ${period} ${n}`, c);
      }
    const items: Item[] = closings.map((closing) => {
      const n = sessions.get(closing.series) ?? 0;
      const adds = new Map<string, number>([[`ended ${closing.endedMonth} ${n}`, 1]]);
      for (const [month, k] of perMonth.get(closing.series) ?? []) adds.set(`contacts ${month}`, k);
      return {
        id: closing.series,
        domain: [...values].filter((v) => (limits.get(v.split('/')[0] as string) ?? 0) >= n),
        adds,
      };
    });
    const firstMonth = (item: Item) =>
      [...item.adds.keys()].map((b) => b.split(' ')[1] ?? '').sort()[0] ?? '';
    items.sort((a, b) => firstMonth(a).localeCompare(firstMonth(b)));
    const solved = solve(items, capacity, 20_000);
    const solvedPlaced = new Map(
      [...solved.possible]
        .filter(([, set]) => set.size === 1)
        .map(([id, set]) => [id, [...set][0] as string]),
    );
    const solvedIntervention = new Map(
      [...solved.possible]
        .map(([id, set]) => [id, new Set([...set].map((v) => v.split('/')[0]))] as const)
        .filter(([, set]) => set.size === 1)
        .map(([id, set]) => [id, [...set][0] as string]),
    );

    // Step three: a placed series that is all of its sheet's contacts in a month owns that
    // sheet-month's tables: its marks (gender, problem area, …) are read off the marginals.
    const genderRead = new Map<string, string>();
    const allPlaced = new Map([...placed, ...solvedPlaced]);
    for (const [series, coordinates] of allPlaced)
      for (const [month, k] of perMonth.get(series) ?? []) {
        const sheet = (sheets.get(month) ?? []).find(
          (t) => `${t.interventionId}/${t.unitId}` === coordinates,
        );
        if (sheet === undefined || sheet.tables.contacts !== k) continue;
        const genders = Object.entries(sheet.tables.marginals.gender ?? {}).filter(([, c]) => c > 0);
        if (genders.length === 1) genderRead.set(series, (genders[0] as [string, number])[0]);
      }

    // --- scored against the operator's view ---
    let right = 0;
    let interventionRight = 0;
    const seriesWith = new Map<string, string>();
    const openedAs = new Map<string, Record<string, unknown>>();
    for (const [event, opened] of truth)
      if (opened.type === 'SeriesOpened') openedAs.set(event.stream, opened.data);
    const lengthOf = new Map<string, number>();
    for (const [event, opened] of truth)
      if (opened.type === 'SessionRecorded')
        lengthOf.set(event.stream, (lengthOf.get(event.stream) ?? 0) + 1);
    for (const closing of closings) {
      const ended = closing.ended === undefined ? undefined : truth.get(closing.ended);
      const data = ended?.type === 'SeriesEnded' ? ended.data : openedAs.get(closing.series);
      if (data === undefined) continue;
      const coordinates = `${data.interventionId}/${data.unitId}`;
      seriesWith.set(closing.series, coordinates);
      const contacts = ended?.type === 'SeriesEnded' ? ended.data.contacts : lengthOf.get(closing.series);
      if (contacts === sessions.get(closing.series)) lengthsKnown += 1;
      if (placed.get(closing.series) === coordinates) right += 1;
      if (interventionOnly.get(closing.series) === data.interventionId) interventionRight += 1;
    }
    {
      // Self-check (ground truth): the true placement must fill every capacity exactly.
      const left = new Map(capacity);
      for (const item of items) {
        const v = seriesWith.get(item.id);
        for (const [bucket, amount] of item.adds)
          left.set(`${v}\u0000${bucket}`, (left.get(`${v}\u0000${bucket}`) ?? 0) - amount);
      }
      const off = [...left].filter(([, v]) => v !== 0);
      console.log(`truth misfits: ${off.length}`, off.slice(0, 12));
    }
    // The blind attacker: no count at all, every series guessed at one length (the best of 1–5 in
    // hindsight), placed by the month it ended in and the tables alone. What the counting adds is
    // what the attack gets beyond this.
    const placedBlind = (guess: number) => {
      let sheetRight = 0;
      let interventionRightBlind = 0;
      for (const closing of closings) {
        const truthAt = seriesWith.get(closing.series);
        const candidates = (sheets.get(closing.endedMonth) ?? []).filter(
          (sheet) => (sheet.tables.seriesLengths[String(guess)] ?? 0) > 0,
        );
        if (
          candidates.length === 1 &&
          `${candidates[0]?.interventionId}/${candidates[0]?.unitId}` === truthAt
        )
          sheetRight += 1;
        const interventions = new Set(candidates.map((sheet) => sheet.interventionId));
        if (interventions.size === 1 && truthAt?.split('/')[0] === [...interventions][0])
          interventionRightBlind += 1;
      }
      return { sheetRight, interventionRight: interventionRightBlind };
    };
    const blind = [1, 2, 3, 4, 5].map(placedBlind);
    const blindRight = Math.max(...blind.map((b) => b.sheetRight));
    const blindInterventionRight = Math.max(...blind.map((b) => b.interventionRight));
    const lengthCounts = new Map<number, number>();
    for (const closing of closings) {
      const ended = closing.ended === undefined ? undefined : truth.get(closing.ended);
      const n =
        ended?.type === 'SeriesEnded' ? (ended.data.contacts as number) : lengthOf.get(closing.series);
      if (n !== undefined) lengthCounts.set(n, (lengthCounts.get(n) ?? 0) + 1);
    }
    const modalLength = Math.max(0, ...lengthCounts.values());
    console.log(
      `blind (no count, best single guess of the length): ${blindRight} placed right at intervention and unit, ` +
        `${blindInterventionRight} at intervention; the commonest length is that of ${modalLength} series`,
    );
    const solvedRight = [...solvedPlaced].filter(([id, v]) => seriesWith.get(id) === v).length;
    const solvedInterventionRight = [...solvedIntervention].filter(
      ([id, v]) => seriesWith.get(id)?.split('/')[0] === v,
    ).length;
    const sessionsOnPlaced = [...solvedPlaced.keys()].reduce((sum, id) => sum + (sessions.get(id) ?? 0), 0);
    console.log(
      `exact cover over ${values.size} series sheets (search ${solved.exhausted ? 'cut short' : 'complete'}): ` +
        `${solvedPlaced.size} series placed at one intervention and unit, ${solvedRight} right (${sessionsOnPlaced} sessions); ` +
        `${solvedIntervention.size} at one intervention, ${solvedInterventionRight} right`,
    );
    const genderRight = [...genderRead].filter(([series, gender]) =>
      (tallyOf.get(series) ?? []).some(
        (tally) => (truth.get(tally)?.data.marks as { gender?: string } | undefined)?.gender === gender,
      ),
    ).length;
    console.log(
      `marks: ${genderRead.size} placed series are all of their sheet's contacts in some month; gender read for them, ${genderRight} right`,
    );
    console.log(
      `series lengths: ${closings.length} closings seen; length counted right for ${lengthsKnown}; ` +
        `${placed.size} series placed at one intervention and unit, ${right} right; ` +
        `${interventionOnly.size} at one intervention, ${interventionRight} right`,
    );
    expect(closings.length, 'the attack had its material').toBeGreaterThan(50);
    expect(lengthsKnown, 'series lengths counted, beyond always guessing the commonest').toBeLessThanOrEqual(
      modalLength,
    );
    expect(right, 'series placed at their intervention and unit, beyond a blind guess').toBeLessThanOrEqual(
      blindRight,
    );
    expect(
      interventionRight,
      'series placed at their intervention, beyond a blind guess',
    ).toBeLessThanOrEqual(blindInterventionRight);
    expect(solvedRight, 'series placed at their intervention and unit by the exact cover').toBe(0);
    expect(genderRight, 'a person’s marks read off a sheet-month they alone fill').toBe(0);
  }, 120_000);
});
