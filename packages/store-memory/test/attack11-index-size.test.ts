// Attack 11 — the series index's clear record. A closed series leaves, in clear and for good,
// `size` (the deleted stream's event count) and `notesDestroyed`. A series stream held exactly
// SeriesOpened, one SessionRecorded per contact, one NoteWritten per note and SeriesClosing, so
// contacts = size − notesDestroyed − 2 (81 of 81) until the stream was padded at its closing to
// 8, 16, 32 … events. In a copy taken while the closing's month is open, the record also sits
// right after the "a series of n contacts ended" tally it wrote: when a month had one detail
// stream per sheet, that named the sheet (intervention × unit) the series ended on, 78 of 78
// (failing here before the month's sheets shared one stream). Now it names the month's one
// detail stream: the month of the closing, which the record's own place says already.
import type { RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import {
  attackedYear,
  beforePadding,
  clearData,
  freshId,
  type Opened,
  operatorView,
} from './attack11-year.js';

describe('attack 11: the series index after every series is closed and every month sealed', () => {
  it('keeps no series’ number of contacts, and ties no closing to the sheet it ended on', async () => {
    const truth = new Map<RecordedEvent, Opened>();
    let last = 0;
    const look = async (
      store: Parameters<Parameters<typeof attackedYear>[3] & object>[0],
      keys: Parameters<Parameters<typeof attackedYear>[3] & object>[1],
    ) => {
      const fresh = await collect(store.readAll(last === 0 ? {} : { after: String(last) }));
      for (const event of fresh) last = Math.max(last, Number(event.position));
      await operatorView(fresh, keys, truth);
    };
    const year = await attackedYear(0.3, 42, undefined, look);
    // A few series with working notes, closed on request, as in the project's attacked year.
    for (let n = 1; n <= 4; n += 1) {
      const opened = await year.closing.openSeries({
        type: 'OpenSeries',
        commandId: freshId(),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
      });
      if (opened._tag === 'Left') throw new Error(opened.left.code);
      for (let s = 1; s <= n; s += 1)
        await year.closing.recordSession({
          type: 'RecordSession',
          token: opened.right.token,
          commandId: freshId(),
          date: `2026-05-${String(s + 3).padStart(2, '0')}`,
          marks: {
            gender: 'female',
            childAges: [9],
            numberOfChildren: 1,
            problemArea: 'family-conflict',
            routeIn: 'school',
            furtherAction: 'continued-support',
          },
        });
      for (let k = 0; k < 5 - n; k += 1)
        await year.closing.writeNote({
          type: 'WriteNote',
          commandId: freshId(),
          token: opened.right.token,
          text: `Anteckning ${k}.`,
        });
      await look(year.store, year.keys);
      await year.closing.closeSeries({
        type: 'CloseSeries',
        commandId: freshId(),
        token: opened.right.token,
        reason: 'on-request',
      });
    }
    const beforeSeal = await collect(year.store.readAll()); // a copy while the months are still open
    await look(year.store, year.keys);
    const sealed = await year.sealAll();

    const truthAt = new Map([...truth].map(([event, opened]) => [event.position, opened]));
    const truthEvents = new Map([...truth.keys()].map((event) => [Number(event.position), event]));
    // Ground truth: each series' sessions, from the "series ended" tally its closing wrote right
    // before its record (read by the operator, with the month's key).
    const contactsOf = new Map<string, number>();
    for (const event of beforeSeal) {
      if (event.stream !== 'series-index' || typeof clearData(event)?.size !== 'number') continue;
      const series = clearData(event)?.series;
      const ended = truthAt.get(
        beforePadding((at) => truthEvents.get(at), Number(event.position))?.position ?? '',
      );
      if (ended?.type === 'SeriesEnded') contactsOf.set(series as string, ended.data.contacts as number);
    }
    // --- attack 1: the sealed copy's clear index records ---
    let closed = 0;
    let right = 0;
    const lengths = new Map<number, number>();
    for (const event of sealed) {
      if (event.stream !== 'series-index') continue;
      const data = clearData(event);
      if (data === undefined || typeof data.size !== 'number') continue;
      closed += 1;
      const contacts = (data.size as number) - (data.notesDestroyed as number) - 2;
      lengths.set(contacts, (lengths.get(contacts) ?? 0) + 1);
      if (contacts === (contactsOf.get(data.series as string) ?? 0)) right += 1;
    }
    // --- attack 2: in the copy taken before the seals, the record sits right after the tally it wrote ---
    const byPosition = new Map(beforeSeal.map((event) => [Number(event.position), event]));
    const detailStreams = new Map<string, Set<string>>();
    for (const event of beforeSeal)
      if (event.stream.startsWith('tally-'))
        detailStreams.set(
          event.stream.slice(6, 13),
          (detailStreams.get(event.stream.slice(6, 13)) ?? new Set()).add(event.stream),
        );
    let endedOnStream = 0;
    let endedRight = 0;
    let namedSheet = 0;
    for (const event of beforeSeal) {
      if (event.stream !== 'series-index' || typeof clearData(event)?.size !== 'number') continue;
      const before = beforePadding((at) => byPosition.get(at), Number(event.position));
      if (!before?.stream.startsWith('tally-')) continue;
      endedOnStream += 1;
      const ended = truthAt.get(before.position);
      const series = clearData(event)?.series as string;
      if (ended?.type === 'SeriesEnded' && ended.data.contacts === contactsOf.get(series)) endedRight += 1;
      // The stream tells the sheet only if it is not its month's one detail stream.
      if ((detailStreams.get(before.stream.slice(6, 13))?.size ?? 0) > 1) namedSheet += 1;
    }
    console.log(
      `series index: ${closed} closed series, contacts read from size − notes − 2 right for ${right}` +
        ` (lengths ${JSON.stringify(Object.fromEntries(lengths))}); ${endedOnStream} closings beside the tally of their` +
        ` "series ended" (${endedRight} checked right), ${namedSheet} of them on a stream that names a sheet`,
    );
    // Closed by the padding at closing (also held by packages/store-memory/test/closed-series-size.test.ts).
    expect(right, 'closed series whose number of contacts the clear index gives').toBe(0);
    expect(endedRight, 'the attack finds the tally each closing wrote').toBeGreaterThan(50);
    expect(namedSheet, 'closings tied to the sheet they ended on').toBe(0);
  }, 60_000);
});
