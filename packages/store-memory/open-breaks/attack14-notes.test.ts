// Attack 14d — working notes. Notes are the one thing a counsellor still writes on a series
// stream while it is open, and the natural moment is right after a session (the privacy doc's own
// example records a session and then writes "Nästa gång: …"). The seeded year of attack 11 is
// recorded with a counsellor who, after a råd och stöd session, writes a note 60 % of the time.
// (1) Nightly copies: a `NoteWritten` (an event of the series' named stream) right after a tally of
//     a month stream ties that tally to the series — its sessions counted, one by one, with their
//     months, though sessions write nothing on the series.
// (2) One later copy: the clear `SeriesClosed` keeps `notesDestroyed` for good; and notes exist only
//     for interventions whose documentation allows them, so a series with any note is råd och stöd
//     (the catalogue's other series intervention, home visits, keeps none).
import { type CommandService, normaliseSeriesToken, seriesStreamOf } from '@pinnstatistik/core';
import { createCommandRecorder, seededYear } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import {
  attackedStore,
  beforePadding,
  clearData,
  freshId,
  nightlyCopies,
  recordDayByDay,
} from '../test/attack11-year.js';

const monthOf = (stream: string) => stream.slice(6, 13);
const isTally = (stream: string | undefined) => stream?.startsWith('tally-') === true;

describe('attack 14d: working notes written after sessions', () => {
  it('do not tell a series’ sessions, months or intervention beyond a blind guess (no key used)', async () => {
    const seed = 42;
    const { store, keys, catalogue, make } = attackedStore(seed);
    // The service runs on each day's own clock (a counsellor records the day's work that day).
    let service = make('2025-01-01T08:00:00Z');
    const adopted = await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: freshId(), catalogue });
    if (adopted._tag === 'Left') throw new Error(adopted.left.code);

    // Ground truth, kept by the wrapper (never by the attack).
    const truth = new Map<string, { interventionId: string; sessions: string[]; notes: number }>();
    const streamOf = (token: string) => seriesStreamOf(normaliseSeriesToken(token) as string);
    let roll = 12345;
    const random = () => {
      roll = (roll * 1103515245 + 12345) % 2 ** 31;
      return roll / 2 ** 31;
    };
    const counsellor: CommandService = {
      adoptCatalogue: (c) => service.adoptCatalogue(c),
      tally: (c) => service.tally(c),
      sealPeriod: (c) => service.sealPeriod(c),
      amendSheet: (c) => service.amendSheet(c),
      expireSeries: () => service.expireSeries(),
      catalogueInForceOn: (d) => service.catalogueInForceOn(d),
      writeNote: (c) => service.writeNote(c),
      readNotes: (c) => service.readNotes(c),
      closeSeries: (c) => service.closeSeries(c),
      openSeries: async (c) => {
        const opened = await service.openSeries(c);
        if (opened._tag === 'Right')
          truth.set(streamOf(opened.right.token), {
            interventionId: c.interventionId,
            sessions: [],
            notes: 0,
          });
        return opened;
      },
      recordSession: async (c) => {
        const recorded = await service.recordSession(c);
        const t = truth.get(streamOf(c.token));
        if (recorded._tag === 'Right' && t !== undefined) {
          t.sessions.push(c.date);
          if (t.interventionId === 'rad-och-stod' && random() < 0.6) {
            const note = await service.writeNote({
              type: 'WriteNote',
              token: c.token,
              commandId: freshId(),
              text: 'Nästa gång: schemat och vägen till skolan.',
            });
            if (note._tag === 'Left') throw new Error(note.left.code);
            t.notes += 1;
          }
        }
        return recorded;
      },
    };
    const recorder = createCommandRecorder(counsellor, catalogue, seed);
    const { seen, copy } = nightlyCopies(store);
    await recordDayByDay(
      seededYear({ catalogue, year: 2025, seed, volume: 0.3 }),
      (command) => recorder.record(command),
      async (date) => {
        await copy();
        service = make(`${date}T12:00:00Z`);
      },
    );
    await copy();
    await make('2026-06-01T09:00:00Z').expireSeries();
    await copy();
    const last = Math.max(0, ...seen.keys());
    void keys;

    // --- the attack: positions, stream names, clear index records ---
    const streamAt = (p: number) => seen.get(p)?.stream;
    const indexedAt = new Map<string, number>();
    const closedRecord = new Map<string, { position: number; notes: number }>();
    for (const [position, event] of [...seen].sort(([a], [b]) => a - b)) {
      // An opening: the first event a nightly copy sees of a series stream (the clear index dates
      // it no more: it is indexed at its month's seal). The index record stands one before it.
      if (event.stream.startsWith('series-') && event.stream !== 'series-index') {
        if (!indexedAt.has(event.stream)) indexedAt.set(event.stream, position - 1);
        continue;
      }
      if (event.stream !== 'series-index') continue;
      const data = clearData(event) as { series: string; notesDestroyed?: number };
      if (event.type === 'SeriesClosed')
        closedRecord.set(data.series, { position, notes: data.notesDestroyed ?? 0 });
    }
    const linked = new Map<string, Set<number>>(); // series → tally positions tied to it
    const tie = (series: string, p: number) => {
      const set = linked.get(series) ?? new Set<number>();
      set.add(p);
      linked.set(series, set);
    };
    for (const [series, opened] of indexedAt) {
      let p = opened + 1;
      while (streamAt(p) === series || (streamAt(p) === undefined && p < last)) p += 1;
      if (isTally(streamAt(p))) tie(series, p); // the first session, right after the opening
      const closed = closedRecord.get(series);
      if (closed !== undefined) {
        // Back over the closing's padding to its "ended" tally, then over its first step.
        const ended = beforePadding((at) => seen.get(at), closed.position);
        let q = Number(ended?.position ?? closed.position) - 1;
        while (streamAt(q) === series || streamAt(q) === undefined) q -= 1;
        if (isTally(streamAt(q))) tie(series, q); // the last session, right before the closing
      }
    }
    for (const [position, event] of seen)
      if (
        event.stream.startsWith('series-') &&
        event.stream !== 'series-index' &&
        isTally(streamAt(position - 1))
      )
        tie(event.stream, position - 1); // a note right after a tally: that session
    // A note whose series was deleted before any copy: a hole right after a tally, inside a known bracket.

    // --- scoring ---
    const series = [...closedRecord.keys()].filter((s) => truth.has(s));
    const lengthOf = (s: string) => truth.get(s)?.sessions.length ?? 0;
    const counts = new Map<number, number>();
    for (const s of series) counts.set(lengthOf(s), (counts.get(lengthOf(s)) ?? 0) + 1);
    const modal = [...counts].sort((a, b) => b[1] - a[1])[0] as [number, number];
    let lengthRight = 0;
    let monthsRight = 0;
    let monthsBlind = 0;
    let monthsBlindSpan = 0;
    for (const s of series) {
      const ties = linked.get(s) ?? new Set<number>();
      // At least the tallies tied; the next most likely is exactly that (a session without a note is 40 %).
      const guess = Math.max(1, ties.size);
      if (guess === lengthOf(s)) lengthRight += 1;
      const months = new Set([...ties].map((p) => monthOf(streamAt(p) as string)));
      const trueMonths = new Set((truth.get(s)?.sessions ?? []).map((d) => d.slice(0, 7)));
      if (months.size === trueMonths.size && [...months].every((m) => trueMonths.has(m))) monthsRight += 1;
      const endedTally = beforePadding((at) => seen.get(at), closedRecord.get(s)?.position ?? 0);
      const endedMonth = isTally(endedTally?.stream) ? monthOf(endedTally?.stream as string) : '';
      if (trueMonths.size === 1 && trueMonths.has(endedMonth)) monthsBlind += 1;
      // A stronger blind one: every month from the opening's (the month of the tally nearest before
      // the clear SeriesIndexed) to the ended month — the index's timing, no tie at all.
      let openedMonth = '';
      for (let q = indexedAt.get(s) ?? 0; q > 0; q -= 1)
        if (isTally(streamAt(q))) {
          openedMonth = monthOf(streamAt(q) as string);
          break;
        }
      const spanned: string[] = [];
      for (let m = openedMonth; m !== '' && m <= endedMonth; ) {
        spanned.push(m);
        const [y, mo] = m.split('-').map(Number) as [number, number];
        m = new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 7);
      }
      if (spanned.length === trueMonths.size && spanned.every((m) => trueMonths.has(m))) monthsBlindSpan += 1;
    }
    // Intervention: a series with a note destroyed is råd och stöd (clear SeriesClosed), else the blind guess.
    const interventions = new Map<string, number>();
    for (const s of series) {
      const i = truth.get(s)?.interventionId ?? '';
      interventions.set(i, (interventions.get(i) ?? 0) + 1);
    }
    const commonest = [...interventions].sort((a, b) => b[1] - a[1])[0] as [string, number];
    const other = [...interventions.keys()].find((i) => i !== 'rad-och-stod') ?? commonest[0];
    let interventionRight = 0;
    for (const s of series) {
      const guess = (closedRecord.get(s)?.notes ?? 0) > 0 ? 'rad-och-stod' : other;
      if (guess === truth.get(s)?.interventionId) interventionRight += 1;
    }
    const notesTotal = series.reduce((sum, s) => sum + (truth.get(s)?.notes ?? 0), 0);
    console.log(
      `${series.length} series, ${notesTotal} notes; truth lengths ${JSON.stringify(Object.fromEntries([...counts].sort()))}, ` +
        `interventions ${JSON.stringify(Object.fromEntries(interventions))}`,
    );
    console.log(
      `lengths (tallies tied by opening, closing and notes): attacker right ${lengthRight} vs blind right ${modal[1]} (always ${modal[0]})`,
    );
    console.log(
      `months of sessions: attacker right ${monthsRight} vs blind (ended month alone) ${monthsBlind}, (opening's month … ended month) ${monthsBlindSpan}`,
    );
    console.log(
      `intervention from the clear notesDestroyed (any note ⇒ råd och stöd, else ${other}): attacker right ${interventionRight} ` +
        `vs blind right ${commonest[1]} (always ${commonest[0]})`,
    );
    expect(series.length, 'the attack had its material').toBeGreaterThan(50);
    expect(lengthRight, 'series lengths beyond the commonest').toBeLessThanOrEqual(modal[1]);
    expect(monthsRight, 'months of sessions beyond the ended month').toBeLessThanOrEqual(
      Math.max(monthsBlind, monthsBlindSpan),
    );
    expect(interventionRight, 'intervention beyond the commonest').toBeLessThanOrEqual(commonest[1]);
  }, 300_000);
});
