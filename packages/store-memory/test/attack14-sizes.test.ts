// Attack 14c — sizes. Every stored private event's clear shape (its data and metadata lengths) by
// what it really is (ground truth), from the seeded year's nightly copies: a session's tally
// (which now carries the series' tag and the date) against a bare tally and the "ended" tally on
// the month's one stream; and on a series stream, SessionsCarried with sessions against without,
// against SeriesOpened, SeriesClosing and SeriesPadded. Any real kind with a length of its own on a
// stream where another kind could stand tells it apart without a key.
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import { attackedStore, attackedYear, freshId, type Opened, operatorView } from './attack11-year.js';

type Seen = { stream: string; data: number; metadata: number; kind: string };

function shapes(seen: readonly Seen[]) {
  const byKind = new Map<string, Set<string>>();
  for (const s of seen) {
    const set = byKind.get(s.kind) ?? new Set<string>();
    set.add(`${s.data}/${s.metadata}`);
    byKind.set(s.kind, set);
  }
  return byKind;
}

describe('attack 14c: lengths of the stored private events', () => {
  it('month streams: a session tally, a bare tally and an ended tally have one length', async () => {
    const seen: Seen[] = [];
    const truth = new Map<unknown, Opened>();
    let last = 0;
    await attackedYear(0.3, 42, async (store, keys) => {
      const fresh = await collect(store.readAll(last === 0 ? {} : { after: String(last) }));
      for (const event of fresh) last = Math.max(last, Number(event.position));
      const opened = await operatorView(fresh, keys);
      for (const event of fresh) {
        const o = opened.get(event);
        if (o === undefined) continue;
        truth.set(event, o);
        const kind =
          o.type === 'ContactTallied' && (o.data as { session?: unknown }).session !== undefined
            ? 'ContactTallied+session'
            : o.type;
        seen.push({
          stream: event.stream.split('-')[0] as string,
          data: event.data.length,
          metadata: event.metadata.length,
          kind: `${event.stream.split('-')[0]}:${kind}`,
        });
      }
    });
    const byKind = shapes(seen);
    for (const [kind, set] of byKind) console.log(`${kind}: ${[...set].join(' ')}`);
    const tallyShapes = new Set(
      seen.filter((s) => s.stream === 'tally').map((s) => `${s.data}/${s.metadata}`),
    );
    const seriesShapes = new Set(
      seen.filter((s) => s.stream === 'series').map((s) => `${s.data}/${s.metadata}`),
    );
    console.log(
      `tally-stream shapes: ${[...tallyShapes].join(' ')}; series-stream shapes: ${[...seriesShapes].join(' ')}`,
    );
    expect(tallyShapes.size, 'one length for every event of a month stream').toBe(1);
    expect(seriesShapes.size, 'one length for every event of a series stream without notes').toBe(1);
  }, 300_000);

  it('series streams: SessionsCarried with sessions, without, and the other series events have one length', async () => {
    const { store, keys, catalogue, make } = attackedStore(7);
    const day = make('2025-03-03T09:00:00Z');
    const adopted = await day.adoptCatalogue({ type: 'AdoptCatalogue', commandId: freshId(), catalogue });
    if (adopted._tag === 'Left') throw new Error(adopted.left.code);
    const open = async () => {
      const o = await day.openSeries({
        type: 'OpenSeries',
        commandId: freshId(),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
      });
      if (o._tag === 'Left') throw new Error(o.left.code);
      return o.right.token;
    };
    const busy = await open();
    const idle = await open();
    const marks = {
      gender: 'male',
      childAges: [14],
      numberOfChildren: 1,
      problemArea: 'school-situation',
      routeIn: 'school',
      furtherAction: 'continued-support',
    };
    for (const date of ['2025-02-03', '2025-02-10', '2025-02-17']) {
      const r = await day.recordSession({
        type: 'RecordSession',
        token: busy,
        commandId: freshId(),
        date,
        marks,
      });
      if (r._tag === 'Left') throw new Error(r.left.code);
    }
    const sealed = await make('2025-03-20T09:00:00Z').sealPeriod({
      type: 'SealPeriod',
      commandId: freshId(),
      period: '2025-02',
    });
    if (sealed._tag === 'Left') throw new Error(sealed.left.code);
    const copy = await collect(store.readAll());
    const opened = await operatorView(copy, keys);
    const seen: Seen[] = [];
    for (const event of copy) {
      const o = opened.get(event);
      if (o === undefined || !event.stream.startsWith('series-') || event.stream === 'series-index') continue;
      const kind =
        o.type === 'SessionsCarried'
          ? `SessionsCarried(${(o.data as { sessions: number }).sessions})`
          : o.type;
      seen.push({ stream: 'series', data: event.data.length, metadata: event.metadata.length, kind });
    }
    for (const [kind, set] of shapes(seen)) console.log(`${kind}: ${[...set].join(' ')}`);
    void idle;
    const all = new Set(seen.map((s) => `${s.data}/${s.metadata}`));
    expect(seen.some((s) => s.kind === 'SessionsCarried(3)')).toBe(true);
    expect(all.size, 'one length for every series event').toBe(1);
  }, 120_000);
});
