// Attack 14f — the closing's fallback when the month it tallies the end on is sealed under it.
// `markEnd` picks the month of the series' last contact while that month is open; if the seal of
// that month lands between the check and the append (the operator's seal job runs "daily from
// the 16th" while counsellors close series), the append is refused `SHEET_SEALED` and the end is
// written as a CLEAR `SheetAmended` (reason `series-ended-after-seal`) on the period stream: the
// intervention, the unit and `seriesLengths: { n: 1 }` — written right before the clear
// `SeriesClosed` record that names the series stream. One copy of the store, no key: the series'
// number of sessions and its intervention and unit, for good.
// (First case: broke at 79d8c09, closed by 55853b2, which falls back to the closing's month.)
// Second case, still there after 55853b2: a closing that stopped after its `SeriesClosing` (the
// process died before the "ended" tally) and is finished by `expireSeries` only after the month it
// closed in was sealed — both months sealed, so the end is the clear amendment again: the
// intervention and unit in clear beside the record naming the series, and its length as 0 (the
// seal carried nothing to a series being closed, and the count skips sealed months: its three
// sessions are lost from the tables too).
// Both cases closed: the closing falls back to the month it closes in, then to today's month
// (55853b2 and after), and a seal carries a month's sessions to a series being closed until the
// closing pads its stream, its last write — the resumed case lost them from the tables before.
import {
  createCommandService,
  type EventStore,
  fixedClock,
  seededRandom,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { clearData, freshId } from './attack11-year.js';

describe('attack 14f: an end tallied after its month was sealed', () => {
  const scenario = async (how: 'seal-races-the-closing' | 'closing-resumed-after-seal') => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const catalogue = vaggerydCatalogue();
    // The seal job of another process, started as the closing is about to tally the end.
    const race: { armed: boolean; run?: () => Promise<void>; crash?: boolean } = { armed: false };
    const store: EventStore = {
      ...inner,
      append: async (stream, events, options) => {
        if (race.armed && stream.startsWith('tally-2025-03')) {
          race.armed = false;
          if (race.crash === true) throw new Error('the process died');
          await race.run?.();
        }
        return inner.append(stream, events, options);
      },
      appendBatch: async (parts) => {
        if (race.armed && parts.some((p) => p.stream.startsWith('tally-2025-03'))) {
          race.armed = false;
          if (race.crash === true) throw new Error('the process died');
          await race.run?.();
        }
        return inner.appendBatch(parts);
      },
    };
    const make = (at: string) =>
      createCommandService({
        store,
        keys,
        catalogueId: catalogue.id,
        clock: fixedClock(at),
        random: seededRandom(3),
      });
    const first = make('2025-03-03T09:00:00Z');
    const adopted = await first.adoptCatalogue({ type: 'AdoptCatalogue', commandId: freshId(), catalogue });
    if (adopted._tag === 'Left') throw new Error(adopted.left.code);
    const opened = await first.openSeries({
      type: 'OpenSeries',
      commandId: freshId(),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    });
    if (opened._tag === 'Left') throw new Error(opened.left.code);
    const marks = {
      gender: 'female',
      childAges: [6],
      numberOfChildren: 1,
      problemArea: 'school-situation',
      routeIn: 'school',
      furtherAction: 'continued-support',
    };
    for (const [at, date] of [
      ['2025-03-03T10:00:00Z', '2025-03-03'],
      ['2025-03-14T10:00:00Z', '2025-03-14'],
      ['2025-03-28T10:00:00Z', '2025-03-28'],
    ] as const) {
      const r = await make(at).recordSession({
        type: 'RecordSession',
        token: opened.right.token,
        commandId: freshId(),
        date,
        marks,
      });
      if (r._tag === 'Left') throw new Error(r.left.code);
    }
    if (how === 'seal-races-the-closing') {
      // 16 April: the counsellor closes the series (its last contact in March) while the seal job
      // seals March.
      const today = '2025-04-16T10:00:00Z';
      race.run = async () => {
        const sealed = await make(today).sealPeriod({
          type: 'SealPeriod',
          commandId: freshId(),
          period: '2025-03',
        });
        if (sealed._tag === 'Left') throw new Error(`seal: ${sealed.left.code}`);
      };
      race.armed = true;
      const closed = await make(today).closeSeries({
        type: 'CloseSeries',
        commandId: freshId(),
        token: opened.right.token,
        reason: 'completed',
      });
      console.log('closing answered', JSON.stringify(closed));
    } else {
      // 31 March: the closing dies before its end is tallied; the month is sealed on 16 April and
      // the nightly expiry finishes the closing after.
      race.crash = true;
      race.armed = true;
      await make('2025-03-31T15:00:00Z')
        .closeSeries({
          type: 'CloseSeries',
          commandId: freshId(),
          token: opened.right.token,
          reason: 'completed',
        })
        .catch((error: unknown) => console.log('closing died:', String(error)));
      const sealed = await make('2025-04-16T02:00:00Z').sealPeriod({
        type: 'SealPeriod',
        commandId: freshId(),
        period: '2025-03',
      });
      if (sealed._tag === 'Left') throw new Error(`seal: ${sealed.left.code}`);
      console.log('expiry:', JSON.stringify(await make('2025-04-17T01:00:00Z').expireSeries()));
    }

    // --- the attack: one copy, clear records only ---
    const copy = await collect(inner.readAll());
    const byPosition = new Map(copy.map((e) => [Number(e.position), e]));
    const leaks: string[] = [];
    for (const event of copy) {
      if (event.stream !== 'series-index' || event.type !== 'SeriesClosed') continue;
      const { series } = clearData(event) as { series: string };
      // The nearest clear event before the record (holes are the deleted closing batch).
      for (let p = Number(event.position) - 1; p > 0; p -= 1) {
        const before = byPosition.get(p);
        if (before === undefined) continue;
        const data = clearData(before) as
          | {
              reason?: string;
              interventionId?: string;
              unitId?: string;
              delta?: { seriesLengths?: Record<string, number> };
            }
          | undefined;
        if (before.type === 'SheetAmended' && data?.reason === 'series-ended-after-seal')
          leaks.push(
            `${series.slice(0, 20)}…: ${data.interventionId}/${data.unitId}, length ${Object.keys(data.delta?.seriesLengths ?? {}).join(',')}`,
          );
        break;
      }
    }
    console.log(`${how}: clear ends beside a closing record: ${leaks.length}`, leaks);
    return leaks;
  };

  it('a seal racing the closing: no length, intervention and unit in clear beside its closing record', async () => {
    expect(await scenario('seal-races-the-closing')).toEqual([]);
  }, 120_000);

  it('a closing finished after its month was sealed: no length, intervention and unit in clear beside its closing record', async () => {
    expect(await scenario('closing-resumed-after-seal')).toEqual([]);
  }, 120_000);
});
