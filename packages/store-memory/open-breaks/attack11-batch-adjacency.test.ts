// Attack 11 — batch adjacency. A session and its tally are written in one atomic batch, so in the
// store's global order (positions, row order) the series event sits right beside the tally it
// belongs to. An attacker with nightly copies of the store (a backup, say) and no key at all
// reads, for every series (one person), which keyed sheet stream and which revision holds each
// of its tallies — across months too, where the keyed sheet names are otherwise unlinkable.
// The docs claim (privacy-at-rest.md, attacker table): values shared by a series and a sheet —
// "every session links to its tally" in the weak layout — are now 0, open or sealed.
import type { RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import { attackedYear, type Opened, operatorView } from './attack11-year.js';

describe('attack 11: the global order of nightly copies of an open year', () => {
  it('does not link a series session to its tally (no key used)', async () => {
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
    // --- checked against the operator's view ---
    let right = 0;
    for (const link of links) {
      const session = truth.get(link.session);
      const tally = truth.get(link.tally);
      if (session?.type === 'SessionRecorded' && session.data.tallyId === tally?.meta.commandId) right += 1;
    }
    const sessions = [...truth.values()].filter((opened) => opened.type === 'SessionRecorded').length;
    const monthsOf = new Map<string, Set<string>>();
    for (const link of links) {
      const months = monthsOf.get(link.series) ?? new Set<string>();
      months.add(link.tally.stream.slice(6, 13));
      monthsOf.set(link.series, months);
    }
    const acrossMonths = [...monthsOf.values()].filter((months) => months.size > 1).length;
    const multi = [...monthsOf.keys()].filter(
      (series) => links.filter((l) => l.series === series).length > 1,
    ).length;
    console.log(
      `batch adjacency (${copies} nightly copies, ${year.commands.length} commands): ${links.length} session→tally links, ` +
        `${right} right, of ${sessions} sessions seen; ${monthsOf.size} series, ${multi} with several tallies linked, ` +
        `${acrossMonths} with tallies on sheets of several months`,
    );
    expect(right).toBeGreaterThan(0); // the attack works on what is stored
    // What the docs claim: no session is linked to its tally.
    expect(right, 'sessions linked to their tally by global order').toBe(0);
  }, 60_000);
});
