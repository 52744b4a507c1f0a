// Attack 11 — batch adjacency. A session and its tally are written in one atomic batch, so in the
// store's global order (positions, row order) the series event sits right beside the tally it
// belongs to. An attacker with nightly copies of the store (a backup, say) and no key at all
// reads, for every series (one person), which detail stream holds each of its tallies. When a
// month had one detail stream per sheet (intervention × unit), that named the series' sheet:
// 139 of 139 sessions tied to their sheet and revision, 59 series tied across sheets and months,
// and sessions of one month told apart by sheet (failing here before the month's sheets shared
// one stream). Now a month has one detail stream: the link says the month of the tally — which
// the session's own write time says already — and nothing about its intervention or unit.
import type { RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import { attackedYear, type Opened, operatorView } from './attack11-year.js';

const monthOf = (stream: string) => stream.slice(6, 13);

describe('attack 11: the global order of nightly copies of an open year', () => {
  it('links a series session to no more than the month of its tally (no key used)', async () => {
    // The attacker's copies, merged by position; the operator's view of them is kept apart.
    const seen = new Map<number, RecordedEvent>();
    const truth = new Map<RecordedEvent, Opened>();
    let copies = 0;
    const year = await attackedYear(0.3, 42, async (store, keys) => {
      copies += 1;
      const last = Math.max(0, ...seen.keys());
      const fresh = await collect(store.readAll(last === 0 ? {} : { after: String(last) }));
      for (const event of fresh) seen.set(Number(event.position), event);
      await operatorView(fresh, keys, truth);
    });
    // --- the attack: only stream names and positions ---
    const links: { series: string; session: RecordedEvent; tally: RecordedEvent }[] = [];
    for (const [position, event] of seen) {
      const next = seen.get(position + 1);
      if (
        event.stream.startsWith('series-') &&
        event.stream !== 'series-index' &&
        next?.stream.startsWith('tally-')
      )
        links.push({ series: event.stream, session: event, tally: next });
    }
    // What a link can tell: the detail stream, among the month's detail streams.
    const detailStreams = new Map<string, Set<string>>();
    for (const event of seen.values())
      if (event.stream.startsWith('tally-'))
        detailStreams.set(
          monthOf(event.stream),
          (detailStreams.get(monthOf(event.stream)) ?? new Set()).add(event.stream),
        );
    // Sessions of one month whose links name different streams: told apart by sheet.
    const linkedStreams = new Map<string, Set<string>>();
    for (const link of links)
      linkedStreams.set(
        monthOf(link.tally.stream),
        (linkedStreams.get(monthOf(link.tally.stream)) ?? new Set()).add(link.tally.stream),
      );
    const toldApart = [...linkedStreams.values()].reduce((sum, streams) => sum + streams.size - 1, 0);
    const multiStreamMonths = [...detailStreams.values()].filter((streams) => streams.size > 1).length;

    // --- checked against the operator's view ---
    let right = 0;
    let beyondOpening = 0;
    const coordinatesInMonth = new Map<string, Set<string>>();
    for (const [event, opened] of truth) {
      if (!event.stream.startsWith('tally-') || typeof opened.data.interventionId !== 'string') continue;
      const month = monthOf(event.stream);
      coordinatesInMonth.set(
        month,
        (coordinatesInMonth.get(month) ?? new Set()).add(
          `${opened.data.interventionId}/${opened.data.unitId}`,
        ),
      );
    }
    for (const link of links) {
      const tally = truth.get(link.tally);
      if (tally?.type === 'ContactTallied' && tally.data.session !== undefined) {
        right += 1;
        if (truth.get(link.session)?.type !== 'SeriesOpened') beyondOpening += 1;
      }
    }
    const sessions = [...truth.values()].filter(
      (opened) => opened.type === 'ContactTallied' && opened.data.session !== undefined,
    ).length;
    const fewestSheets = Math.min(...[...coordinatesInMonth.values()].map((set) => set.size));
    console.log(
      `batch adjacency (${copies} nightly copies, ${year.commands.length} commands): ${links.length} session→tally links, ` +
        `${right} to a session's tally (${beyondOpening} from other than the opening), of ${sessions} sessions seen; ${toldApart} sessions of a month told apart by stream; ` +
        `months with more than one detail stream: ${multiStreamMonths}; each link hides its sheet among ≥ ${fewestSheets} sheets of its month`,
    );
    expect(sessions, 'the year has sessions').toBeGreaterThan(100);
    // A session writes nothing on its series any more: the only series event that can sit right
    // before a session's tally is the series' opening (opened, then its first session at once) —
    // one link a series at most, so no link counts sessions (58 of 218 here; every session before).
    expect(beyondOpening, 'series events other than an opening found right before a session’s tally').toBe(0);
    expect(new Set(links.map((link) => link.series)).size, 'links, one a series at most').toBe(links.length);
    expect(multiStreamMonths, 'months whose detail streams a link could tell apart').toBe(0);
    expect(toldApart, 'sessions of one month told apart by the stream of their tally').toBe(0);
    expect(fewestSheets, 'sheets a month’s one detail stream holds').toBeGreaterThan(1);
  }, 60_000);
});
