// Attack 14e — the "ended" tally is not written for every intervention. A closing tallies
// "a series of n contacts ended" on a month stream right before its clear `SeriesClosed` record —
// but only where the intervention tallies series lengths (`talliesSeriesLengths`): Rörligt
// elevstöd keeps series for its working notes only (`lengthTallied: false`), so its closing
// writes the closing batch (deleted with the stream) and then the clear record, with no tally in
// between. In any copy taken after the closing and before the month is sealed, the position right
// before a `SeriesClosed` is either a live event of a month stream (råd och stöd, home visits) or
// a hole (Rörligt elevstöd): the series' intervention, read off one position.
// The seeded year of attack 11 is recorded with the counsellors of Rörligt elevstöd keeping a
// series for each pupil they see (one to three contacts), as the catalogue allows.
// Found by a fresh attacker on 79d8c09 (109 of 118 interventions read, Rörligt elevstöd 44 of 44,
// against 65 blind); closed: a closing whose intervention tallies no lengths writes a
// `SeriesEndMarked` (sealed, counted nowhere) where others write their "ended" tally.
import { type CommandService, normaliseSeriesToken, seriesStreamOf } from '@pinnstatistik/core';
import { createCommandRecorder, seededYear } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import { attackedStore, clearData, freshId, nightlyCopies, recordDayByDay } from './attack11-year.js';

describe('attack 14e: the ended tally written for some interventions only', () => {
  it('does not tell a series’ intervention beyond a blind guess (nightly copies, no key)', async () => {
    const seed = 42;
    const { store, catalogue, make } = attackedStore(seed);
    let service = make('2025-01-01T08:00:00Z');
    const adopted = await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: freshId(), catalogue });
    if (adopted._tag === 'Left') throw new Error(adopted.left.code);
    const truth = new Map<string, string>(); // series stream → intervention (ground truth)
    const streamOf = (token: string) => seriesStreamOf(normaliseSeriesToken(token) as string);
    let roll = 777;
    const random = () => {
      roll = (roll * 1103515245 + 12345) % 2 ** 31;
      return roll / 2 ** 31;
    };
    const pupils = new Map<string, { token: string; left: number }>();
    const counsellor: CommandService = {
      adoptCatalogue: (c) => service.adoptCatalogue(c),
      sealPeriod: (c) => service.sealPeriod(c),
      amendSheet: (c) => service.amendSheet(c),
      expireSeries: () => service.expireSeries(),
      catalogueInForceOn: (d) => service.catalogueInForceOn(d),
      writeNote: (c) => service.writeNote(c),
      readNotes: (c) => service.readNotes(c),
      closeSeries: (c) => service.closeSeries(c),
      recordSession: (c) => service.recordSession(c),
      openSeries: async (c) => {
        const opened = await service.openSeries(c);
        if (opened._tag === 'Right') truth.set(streamOf(opened.right.token), c.interventionId);
        return opened;
      },
      tally: async (c) => {
        if (c.type !== 'TallyContact' || c.interventionId !== 'rorligt-elevstod') return service.tally(c);
        // A pupil's series at Rörligt elevstöd: one to three contacts, then closed.
        let pupil = pupils.get(c.unitId);
        if (pupil === undefined) {
          const opened = await counsellor.openSeries({
            type: 'OpenSeries',
            commandId: freshId(),
            interventionId: c.interventionId,
            unitId: c.unitId,
          });
          if (opened._tag === 'Left') throw new Error(opened.left.code);
          pupil = { token: opened.right.token, left: 1 + Math.floor(random() * 3) };
          pupils.set(c.unitId, pupil);
        }
        const recorded = await service.recordSession({
          type: 'RecordSession',
          token: pupil.token,
          commandId: c.commandId,
          date: c.date,
          marks: c.marks ?? {},
        });
        if (recorded._tag === 'Left') throw new Error(recorded.left.code);
        pupil.left -= 1;
        if (pupil.left === 0) {
          pupils.delete(c.unitId);
          const closed = await service.closeSeries({
            type: 'CloseSeries',
            commandId: freshId(),
            token: pupil.token,
            reason: 'completed',
          });
          if (closed._tag === 'Left') throw new Error(closed.left.code);
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

    // --- the attack: one position before each clear SeriesClosed ---
    const guessOf = new Map<string, string>();
    for (const [position, event] of seen) {
      if (event.stream !== 'series-index' || event.type !== 'SeriesClosed') continue;
      const { series } = clearData(event) as { series: string };
      const before = seen.get(position - 1);
      guessOf.set(
        series,
        before?.stream.startsWith('tally-') === true ? 'ended-tallied' : 'rorligt-elevstod',
      );
    }

    // --- scoring ---
    const scored = [...guessOf.keys()].filter((s) => truth.has(s));
    const byIntervention = new Map<string, number>();
    for (const s of scored)
      byIntervention.set(truth.get(s) as string, (byIntervention.get(truth.get(s) as string) ?? 0) + 1);
    const ranked = [...byIntervention].sort((a, b) => b[1] - a[1]);
    const commonest = ranked[0] as [string, number];
    // Among the series with an ended tally, the attacker guesses the commonest of the others (hindsight, as the blind one).
    const commonestTallied = ranked.find(([i]) => i !== 'rorligt-elevstod')?.[0] ?? commonest[0];
    let right = 0;
    let rorligtRead = 0;
    let rorligtRight = 0;
    for (const s of scored) {
      const g = guessOf.get(s) === 'rorligt-elevstod' ? 'rorligt-elevstod' : commonestTallied;
      if (g === 'rorligt-elevstod') {
        rorligtRead += 1;
        if (truth.get(s) === g) rorligtRight += 1;
      }
      if (g === truth.get(s)) right += 1;
    }
    console.log(
      `${scored.length} closed series: ${JSON.stringify(Object.fromEntries(byIntervention))}; ` +
        `read as Rörligt elevstöd (no tally before the closed record): ${rorligtRead}, ${rorligtRight} right`,
    );
    console.log(
      `intervention: attacker right ${right} vs blind right ${commonest[1]} (always ${commonest[0]})`,
    );
    expect(scored.length, 'the attack had its material').toBeGreaterThan(50);
    expect(right, 'series placed at their intervention, beyond a blind guess').toBeLessThanOrEqual(
      commonest[1],
    );
  }, 300_000);
});
