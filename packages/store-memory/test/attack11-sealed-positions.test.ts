// Attack 11 — the positions of what a seal keeps. Once every month is sealed and every series
// closed, the store still keeps the series index's clear records (SeriesIndexed, SeriesClosed),
// each at its global position, and positions are never reused: the gaps count the deleted detail
// written in between. With each month's deleted event counts (PeriodSealed sizes) as a calendar,
// a SeriesClosed record's position dates the closing. When the record's size still gave the
// contacts (size − notes − 2), the sealed tables' "ended series by length" then named the one
// sheet — intervention, unit and month — a series ended on: 24 of 25 (failing here before the
// series stream was padded at its closing). The month of a closing stays readable (the month of
// the last contact for ≈ 70 of 77), as docs/privacy-at-rest.md says; the sheet does not.
import type { RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import { attackedYear, beforePadding, clearData, type Opened, operatorView } from './attack11-year.js';

describe('attack 11: positions in a sealed copy', () => {
  it('do not tie a closed series to the sheet it ended on', async () => {
    const truth = new Map<RecordedEvent, Opened>();
    let last = 0;
    const year = await attackedYear(0.3, 42, undefined, async (store, keys) => {
      const fresh = await collect(store.readAll(last === 0 ? {} : { after: String(last) }));
      for (const event of fresh) last = Math.max(last, Number(event.position));
      await operatorView(fresh, keys, truth);
    });
    await operatorView(await collect(year.store.readAll({ after: String(last) })), year.keys, truth);
    const sealed = await year.sealAll();

    // Ground truth: each series' intervention, unit and month of its last contact.
    const coordinatesOf = new Map<string, string>();
    const lastMonthOf = new Map<string, string>();
    const truthAt = new Map([...truth].map(([event, opened]) => [event.position, opened]));
    const truthEvents = new Map([...truth.keys()].map((event) => [Number(event.position), event]));
    for (const [event, opened] of truth) {
      if (opened.type === 'SeriesOpened')
        coordinatesOf.set(event.stream, `${opened.data.interventionId}/${opened.data.unitId}`);
    }
    // A closing's "series ended" tally, written right before its record, is on the month of its last contact.
    for (const event of sealed) {
      const record = event.stream === 'series-index' ? clearData(event) : undefined;
      if (typeof record?.size !== 'number') continue;
      const ended = truthAt.get(
        beforePadding((at) => truthEvents.get(at), Number(event.position))?.position ?? '',
      );
      if (ended?.type === 'SeriesEnded')
        lastMonthOf.set(record.series as string, ended.data.period as string);
    }

    // --- the attack: the sealed copy only ---
    const firstSeal = Math.min(
      ...sealed
        .filter((e) => e.type === 'PeriodSealed' || e.type === 'SheetsSealed')
        .map((e) => Number(e.position)),
    );
    const monthly = new Map<string, number>(); // deleted sheet and registry events per month
    const ended = new Map<string, { coordinates: string; lengths: Record<string, number> }[]>();
    for (const event of sealed) {
      const data = clearData(event);
      // A month with no sheet held only series openings (the recording's clock stood there): its
      // registry's positions are spread over the year, so it is no part of the calendar.
      if (event.type === 'PeriodSealed' && (data?.sheets as number) > 0)
        monthly.set(
          event.stream.slice(7),
          ((data?.deleted ?? []) as { size: number }[]).reduce((a, d) => a + d.size, 0),
        );
      if (event.type === 'SheetsSealed')
        for (const sheet of (data?.sheets ?? []) as {
          interventionId: string;
          unitId: string;
          tables: { seriesLengths: Record<string, number> };
        }[])
          ended.set(data?.period as string, [
            ...(ended.get(data?.period as string) ?? []),
            { coordinates: `${sheet.interventionId}/${sheet.unitId}`, lengths: sheet.tables.seriesLengths },
          ]);
    }
    const months = [...monthly.keys()].sort();
    const total = [...monthly.values()].reduce((a, b) => a + b, 0);
    // A calendar: month boundaries as positions, the recording's positions spread in proportion.
    const bounds: [string, number][] = [];
    let running = 0;
    for (const month of months) {
      running += monthly.get(month) ?? 0;
      bounds.push([month, (running / total) * firstSeal]);
    }
    const monthAt = (position: number) =>
      bounds.find(([, bound]) => position <= bound)?.[0] ?? (months.at(-1) as string);
    let closings = 0;
    let monthRight = 0;
    let tied = 0;
    let tiedRight = 0;
    for (const event of sealed) {
      const data = clearData(event);
      if (event.stream !== 'series-index' || typeof data?.size !== 'number') continue;
      if (Number(event.position) > firstSeal) continue; // closed by the final expiry: dated to its end, not its contacts
      closings += 1;
      const series = data.series as string;
      const contacts = String((data.size as number) - (data.notesDestroyed as number) - 2);
      const month = monthAt(Number(event.position));
      if (month === lastMonthOf.get(series)) monthRight += 1;
      const sheets = (ended.get(month) ?? []).filter((sheet) => (sheet.lengths[contacts] ?? 0) > 0);
      if (sheets.length !== 1) continue;
      tied += 1;
      if (sheets[0]?.coordinates === coordinatesOf.get(series) && month === lastMonthOf.get(series))
        tiedRight += 1;
    }
    console.log(
      `sealed positions: ${closings} closings during the year; month of the last contact read from position right for ${monthRight}; ` +
        `${tied} tied to a single sheet's "ended series of n" cell, ${tiedRight} right (intervention, unit and month)`,
    );
    expect(monthRight, 'the calendar of positions dates most closings (documented)').toBeGreaterThan(
      closings / 2,
    );
    expect(tiedRight, 'closed series tied to the sheet they ended on, from a sealed copy').toBe(0);
  }, 60_000);
});
