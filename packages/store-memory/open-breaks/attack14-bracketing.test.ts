// Attack 14a — a session writes nothing on its series, but a series is still *bracketed* in the
// global order. Opening writes the clear `SeriesIndexed` record (naming the series) and the
// series' first event; a counsellor opens a series to record its first contact, so that session's
// tally is the very next position. Closing writes the closing batch on the series stream (or its
// holes once deleted), then the "ended" tally, then the clear `SeriesClosed` record (naming the
// series); a counsellor closes a series right after its last contact, so that session's tally
// sits right before the closing batch. From positions and clear records alone (nightly copies and
// the sealed copy, no key), the attacker reads each series' first and last session tally: when they
// are the same position the series had exactly one session; else at least two. The stream names of
// those tallies give the months of the first and last sessions.
import type { RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import { attackedYear, beforePadding, clearData, type Opened, operatorView } from '../test/attack11-year.js';

const monthOf = (stream: string) => stream.slice(6, 13);
const isTally = (stream: string) => stream.startsWith('tally-');

interface SealedSheet {
  interventionId: string;
  unitId: string;
  tables: { contacts: number; seriesLengths: Record<string, number> };
}

describe('attack 14a: a series bracketed by its opening and its closing', () => {
  it('does not tell a series’ sessions or months beyond a blind guess (no key used)', async () => {
    const seen = new Map<number, RecordedEvent>();
    const dayOf = new Map<number, number>(); // position → the nightly copy that first held it
    let copies = 0;
    const truth = new Map<RecordedEvent, Opened>();
    const take = async (
      store: { readAll: (o?: { after?: string }) => AsyncIterable<RecordedEvent> },
      keys: Parameters<typeof operatorView>[1],
    ) => {
      const last = Math.max(0, ...seen.keys());
      const fresh = await collect(store.readAll(last === 0 ? {} : { after: String(last) }));
      copies += 1;
      for (const event of fresh) {
        seen.set(Number(event.position), event);
        dayOf.set(Number(event.position), copies);
      }
      await operatorView(fresh, keys, truth); // ground truth only
    };
    const year = await attackedYear(0.3, 42, take);
    // The operator's year-end jobs: expire the rest (a copy after), then seal every month.
    await year.closing.expireSeries();
    await take(year.store, year.keys);
    const sealed = await year.sealAll();
    for (const event of sealed)
      if (!seen.has(Number(event.position))) seen.set(Number(event.position), event);

    // --- the attack: positions, stream names and clear index records only ---
    const streamAt = (p: number) => seen.get(p)?.stream; // undefined: a hole (deleted before any copy)
    const indexedAt = new Map<string, number>();
    const closedAt = new Map<string, number>();
    for (const [position, event] of [...seen].sort(([a], [b]) => a - b)) {
      // An opening: the first event a nightly copy sees of a series stream (the clear index no
      // longer dates it: it is indexed at its month's seal); "indexed at" one before it.
      if (event.stream.startsWith('series-') && event.stream !== 'series-index') {
        if (!indexedAt.has(event.stream)) indexedAt.set(event.stream, position - 1);
        continue;
      }
      if (event.stream !== 'series-index') continue;
      const data = clearData(event) as { series: string };
      if (event.type === 'SeriesClosed') closedAt.set(data.series, position);
    }
    // A series closed but never seen open was opened since the last copy before its closing: that
    // day (its opening stands just before the closing, for the day it is dated to).
    for (const [series, closed] of closedAt) if (!indexedAt.has(series)) indexedAt.set(series, closed - 1);
    interface Read {
      series: string;
      first?: number;
      last?: number;
      one: boolean;
      firstMonth?: string;
      lastMonth?: string;
      endedMonth?: string;
    }
    const reads: Read[] = [];
    for (const [series, closed] of closedAt) {
      const opened = indexedAt.get(series);
      if (opened === undefined) continue;
      // The opening: the index record, then the series' first event (its stream, or a hole).
      let p = opened + 1;
      while (streamAt(p) === series || streamAt(p) === undefined) p += 1;
      const first = streamAt(p) !== undefined && isTally(streamAt(p) as string) ? p : undefined;
      // The closing: the record, the ended tally before it, the closing batch (its stream or holes) before that.
      // (The closing pads its stream last: the ended tally is found back over the padding.)
      const endedEvent = beforePadding((at) => seen.get(at), closed);
      const endedStream = endedEvent?.stream;
      let q = Number(endedEvent?.position ?? closed) - 1;
      while (streamAt(q) === series || streamAt(q) === undefined) q -= 1;
      const last = streamAt(q) !== undefined && isTally(streamAt(q) as string) ? q : undefined;
      reads.push({
        series,
        ...(first === undefined ? {} : { first, firstMonth: monthOf(streamAt(first) as string) }),
        ...(last === undefined ? {} : { last, lastMonth: monthOf(streamAt(last) as string) }),
        one: first !== undefined && first === last,
        ...(endedStream !== undefined && isTally(endedStream) ? { endedMonth: monthOf(endedStream) } : {}),
      });
    }

    // --- ground truth (operator's view): the tags on the months' tallies, via the ended tally ---
    const endedTruth = new Map<
      string,
      { contacts: number; interventionId: string; unitId: string; tag: string; period: string }
    >();
    for (const [series, closed] of closedAt) {
      const ended = beforePadding((at) => seen.get(at), closed);
      const opened = ended === undefined ? undefined : truth.get(ended);
      if (opened?.type === 'SeriesEnded') endedTruth.set(series, opened.data as never);
    }
    // Months of each series' sessions: tags are per month, so collect (tag, period) → dates.
    const sessionsByTag = new Map<string, string[]>();
    for (const [event, opened] of truth) {
      if (opened.type !== 'ContactTallied') continue;
      const session = (opened.data as { session?: { series: string; on: string } }).session;
      if (session === undefined) continue;
      sessionsByTag.set(session.series, [...(sessionsByTag.get(session.series) ?? []), session.on]);
      void event;
    }
    // The first/last tally read by the attacker is a session of that series (ground truth tag).
    const tagOf = (p: number | undefined) => {
      const event = p === undefined ? undefined : seen.get(p);
      const opened = event === undefined ? undefined : truth.get(event);
      return (opened?.data as { session?: { series: string } } | undefined)?.session?.series;
    };

    let scored = 0;
    let attackRight = 0;
    const lengthCounts = new Map<number, number>();
    const lengthsOf = new Map<string, number>();
    for (const read of reads) {
      const t = endedTruth.get(read.series);
      if (t === undefined) continue;
      scored += 1;
      lengthsOf.set(read.series, t.contacts);
      lengthCounts.set(t.contacts, (lengthCounts.get(t.contacts) ?? 0) + 1);
    }
    // Hindsight-best guesses: the blind one for all, the attacker's for the series it reads as "two or more".
    const modal = [...lengthCounts].sort((a, b) => b[1] - a[1])[0] as [number, number];
    const atLeastTwo = new Map<number, number>();
    for (const read of reads) {
      const n = lengthsOf.get(read.series);
      if (n === undefined || read.one) continue;
      atLeastTwo.set(n, (atLeastTwo.get(n) ?? 0) + 1);
    }
    const guessTwoPlus = ([...atLeastTwo].sort((a, b) => b[1] - a[1])[0] ?? [2, 0])[0];
    let onesRead = 0;
    let onesRight = 0;
    for (const read of reads) {
      const n = lengthsOf.get(read.series);
      if (n === undefined) continue;
      const guess = read.one ? 1 : guessTwoPlus;
      if (read.one) {
        onesRead += 1;
        if (n === 1) onesRight += 1;
      }
      if (guess === n) attackRight += 1;
    }
    const trueOnes = lengthCounts.get(1) ?? 0;
    // Finer: the nights between the first and the last session tally (sessions come one to three
    // weeks apart), mapped to a length by 2-fold cross-validation (fit on one half, guess the other).
    const spanOf = (read: Read) =>
      read.first === undefined || read.last === undefined
        ? -1
        : (dayOf.get(read.last) ?? 0) - (dayOf.get(read.first) ?? 0);
    const bucketOf = (read: Read) => (read.one ? 'one' : `w${Math.floor(spanOf(read) / 7)}`);
    let spanRight = 0;
    const spanGuess = new Map<string, number>();
    const halves = [0, 1].map((h) => reads.filter((_, i) => i % 2 === h));
    for (const [fit, test] of [
      [halves[0], halves[1]],
      [halves[1], halves[0]],
    ] as const) {
      const table = new Map<string, Map<number, number>>();
      for (const read of fit ?? []) {
        const n = lengthsOf.get(read.series);
        if (n === undefined) continue;
        const row = table.get(bucketOf(read)) ?? new Map<number, number>();
        row.set(n, (row.get(n) ?? 0) + 1);
        table.set(bucketOf(read), row);
      }
      for (const read of test ?? []) {
        const n = lengthsOf.get(read.series);
        if (n === undefined) continue;
        const row = table.get(bucketOf(read));
        const guess = read.one
          ? 1
          : row === undefined
            ? Math.min(5, 2 + Math.floor(spanOf(read) / 14))
            : ([...row].sort((a, b) => b[1] - a[1])[0] as [number, number])[0];
        spanGuess.set(read.series, guess);
        if (guess === n) spanRight += 1;
      }
    }
    // A stronger blind attacker: only the days of the clear index records (opened, closed), the
    // same cross-validation — what the index's timing alone gives, with no bracketing.
    let datesRight = 0;
    const dateBucket = (read: Read) => {
      const d =
        (dayOf.get(closedAt.get(read.series) as number) ?? 0) -
        (dayOf.get(indexedAt.get(read.series) as number) ?? 0);
      return d === 0 ? 'same' : `w${Math.floor(d / 7)}`;
    };
    for (const [fit, test] of [
      [halves[0], halves[1]],
      [halves[1], halves[0]],
    ] as const) {
      const table = new Map<string, Map<number, number>>();
      for (const read of fit ?? []) {
        const n = lengthsOf.get(read.series);
        if (n === undefined) continue;
        const row = table.get(dateBucket(read)) ?? new Map<number, number>();
        row.set(n, (row.get(n) ?? 0) + 1);
        table.set(dateBucket(read), row);
      }
      for (const read of test ?? []) {
        const n = lengthsOf.get(read.series);
        if (n === undefined) continue;
        const row = table.get(dateBucket(read));
        const guess =
          row === undefined ? modal[0] : ([...row].sort((a, b) => b[1] - a[1])[0] as [number, number])[0];
        if (guess === n) datesRight += 1;
      }
    }
    const sameDay = reads.filter((r) => dateBucket(r) === 'same');
    console.log(
      `index dates only: ${sameDay.length} series opened and closed between the same two copies ` +
        `(${sameDay.filter((r) => lengthsOf.get(r.series) === 1).length} of them one session); cross-validated right ${datesRight}`,
    );
    console.log(`lengths by span (cross-validated): attacker right ${spanRight} vs blind right ${modal[1]}`);
    console.log(
      `lengths: ${scored} series scored; truth ${JSON.stringify(Object.fromEntries([...lengthCounts].sort()))}; ` +
        `read as one session: ${onesRead} (${onesRight} right, of ${trueOnes} true ones); ` +
        `attacker right ${attackRight} (1 or ${guessTwoPlus}) vs blind right ${modal[1]} (always ${modal[0]})`,
    );

    // Months of sessions: the attacker says {first month … last month}; blind says {ended month}
    // (the month of the "ended" tally beside the clear closing record), or {month of opening … ended month}.
    const monthsOf = new Map<string, Set<string>>();
    {
      // Ground truth: each series' sessions are its tallies whose tag is the series' tag for the
      // month. Find them through the attacker-read first/last tallies' tags (ground truth only)
      // and the ended tally's tag: every tally tag belonging to this series is one of
      // {tag of each month}; match by the key-free route — the truth map of tallies in a month
      // whose tag equals the tag of a known session of the series in that month.
      const seriesOfTag = new Map<string, string>();
      for (const read of reads) {
        for (const p of [read.first, read.last]) {
          const tag = tagOf(p);
          if (tag !== undefined) seriesOfTag.set(tag, read.series);
        }
        const t = endedTruth.get(read.series);
        if (t !== undefined)
          seriesOfTag.set(t.tag ?? (t as unknown as { series: string }).series, read.series);
      }
      for (const [tag, dates] of sessionsByTag) {
        const series = seriesOfTag.get(tag);
        if (series === undefined) continue;
        const months = monthsOf.get(series) ?? new Set<string>();
        for (const date of dates) months.add(date.slice(0, 7));
        monthsOf.set(series, months);
      }
    }
    const span = (from: string, to: string) => {
      const out: string[] = [];
      for (let m = from; m <= to; ) {
        out.push(m);
        const [y, mo] = m.split('-').map(Number) as [number, number];
        m = new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 7);
      }
      return out;
    };
    const same = (a: Set<string> | undefined, b: string[]) =>
      a !== undefined && a.size === b.length && b.every((m) => a.has(m));
    let monthsScored = 0;
    let monthsAttack = 0;
    let monthsBlindEnded = 0;
    let monthsBlindSpan = 0;
    const monthOfPosition = (p: number) => {
      // The month a position was written in, as a clear calendar: the month of the nearest tally before it.
      for (let q = p; q > 0; q -= 1) {
        const s = streamAt(q);
        if (s !== undefined && isTally(s)) return monthOf(s);
      }
      return '';
    };
    for (const read of reads) {
      const truthMonths = monthsOf.get(read.series);
      if (truthMonths === undefined || read.endedMonth === undefined) continue;
      monthsScored += 1;
      if (
        read.firstMonth !== undefined &&
        read.lastMonth !== undefined &&
        same(truthMonths, span(read.firstMonth, read.lastMonth))
      )
        monthsAttack += 1;
      if (same(truthMonths, [read.endedMonth])) monthsBlindEnded += 1;
      const openedMonth = monthOfPosition(indexedAt.get(read.series) as number);
      if (
        openedMonth !== '' &&
        openedMonth <= read.endedMonth &&
        same(truthMonths, span(openedMonth, read.endedMonth))
      )
        monthsBlindSpan += 1;
    }
    console.log(
      `months: ${monthsScored} series scored; attacker (first…last session tally) right ${monthsAttack}; ` +
        `blind by the ended month alone ${monthsBlindEnded}; blind by opening position…ended month ${monthsBlindSpan}`,
    );

    // Placement at a sheet: the sealed seriesLengths of the ended month. The attacker looks for a
    // single sheet with a series of length 1 (read as one) or of length ≥ 2 (read as more); the
    // blind one for a single sheet with the one length it guesses for all, or with any ended series.
    const sheets = new Map<string, SealedSheet[]>();
    for (const event of sealed) {
      if (event.type !== 'SheetsSealed') continue;
      const data = clearData(event) as { period: string; sheets: SealedSheet[] };
      sheets.set(data.period, [...(sheets.get(data.period) ?? []), ...data.sheets]);
    }
    const only = (month: string | undefined, accept: (n: number) => boolean) => {
      const c = (sheets.get(month ?? '') ?? []).filter((s) =>
        Object.entries(s.tables.seriesLengths).some(([n, k]) => k > 0 && accept(Number(n))),
      );
      return c.length === 1 ? `${c[0]?.interventionId}/${c[0]?.unitId}` : undefined;
    };
    const at = (series: string) => {
      const t = endedTruth.get(series);
      return t === undefined ? undefined : `${t.interventionId}/${t.unitId}`;
    };
    const endedMonthOf = (read: Read) => read.endedMonth ?? endedTruth.get(read.series)?.period;
    let placedAttack = 0;
    let placedAttackWrong = 0;
    for (const read of reads) {
      const n = spanGuess.get(read.series) ?? 1;
      const guess = only(endedMonthOf(read), (k) => k === n);
      if (guess !== undefined && guess === at(read.series)) placedAttack += 1;
      else if (guess !== undefined) placedAttackWrong += 1;
    }
    const blindWith = (accept: (n: number) => boolean) =>
      reads.filter((read) => {
        const guess = only(endedMonthOf(read), accept);
        return guess !== undefined && guess === at(read.series);
      }).length;
    const blindPlaced = Math.max(
      ...[1, 2, 3, 4, 5].map((g) => blindWith((n) => n === g)),
      blindWith(() => true),
    );
    console.log(
      `placement (unique sheet with a series of the guessed length ending that month): attacker right ${placedAttack} ` +
        `(${placedAttackWrong} wrong) vs blind right ${blindPlaced}`,
    );

    expect(reads.length, 'the attack had its material').toBeGreaterThan(50);
    expect(attackRight, 'series lengths, beyond always guessing the commonest').toBeLessThanOrEqual(modal[1]);
    // The days a series was open (and the tallies between its opening and its closing) count it too.
    expect(datesRight, 'series lengths from the days it was open, beyond the commonest').toBeLessThanOrEqual(
      modal[1],
    );
    expect(spanRight, 'series lengths from its span of tallies, beyond the commonest').toBeLessThanOrEqual(
      modal[1],
    );
    expect(monthsAttack, 'months of sessions, beyond the ended month alone').toBeLessThanOrEqual(
      Math.max(monthsBlindEnded, monthsBlindSpan),
    );
    expect(placedAttack, 'placement at intervention and unit, beyond a blind guess').toBeLessThanOrEqual(
      blindPlaced,
    );
  }, 300_000);
});
