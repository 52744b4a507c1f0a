import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyRegistry, evolveRegistry, type RegistryState } from '../sealing/period-state.js';
import type { ContactTallied, TallyVoided } from '../tally/events.js';
import { emptyKeptSheet, evolveKeptSheet, type KeptSheet, tallyCandidates } from './kept-sheet.js';

const session = (index: number, series = `tag-${index}`): ContactTallied => ({
  type: 'ContactTallied',
  data: {
    interventionId: 'rad-och-stod',
    unitId: 'familjecentralen',
    period: '2025-03',
    tallyId: `tally-${index}`,
    catalogueVersion: '1',
    marks: {},
    session: { series, on: `2025-03-${String(1 + (index % 28)).padStart(2, '0')}` },
  },
});

const registered = (index: number) => ({
  type: 'SeriesRegistered',
  data: { period: '2025-03', series: `series-${index}` },
});

/**
 * Native Map and Set writes while `run` runs. Copying a collection is observable here:
 * `new Map(entries)` and `new Set(values)` call `set` and `add` once per member.
 */
function nativeWrites(run: () => void): number {
  const sets = vi.spyOn(Map.prototype, 'set');
  const adds = vi.spyOn(Set.prototype, 'add');
  run();
  const writes = sets.mock.calls.length + adds.mock.calls.length;
  vi.restoreAllMocks();
  return writes;
}

afterEach(() => vi.restoreAllMocks());

// Both folds once copied a collection that grows with the month at every event: the n-th series
// of a month cost O(n), and the command path at N = 1 M ran 291 commands a second (5,134 since).
describe('what the service keeps of a month, as the month grows', () => {
  it('a session costs the same at the 3,000th series tag of a month as at the first (no copy per session)', () => {
    const n = 3000;
    let sheet: KeptSheet = emptyKeptSheet();
    const writes = nativeWrites(() => {
      for (let index = 0; index < n; index += 1) sheet = evolveKeptSheet(sheet, session(index));
    });
    // A copy per session: n² / 2 ≈ 4.5 million writes. Linear work: a few per session.
    expect(writes).toBeLessThan(10 * n);
    expect(sheet.sessions.get('tag-2999')).toEqual({ sessions: 1, lastOn: '2025-03-04', ended: false });
  });

  it('an opening costs the same at the 3,000th series of a month as at the first (no copy per opening)', () => {
    const n = 3000;
    let registry: RegistryState = emptyRegistry();
    const writes = nativeWrites(() => {
      for (let index = 0; index < n; index += 1) registry = evolveRegistry(registry, registered(index));
    });
    expect(writes).toBeLessThan(10 * n);
    expect(registry.series.size).toBe(n);
    expect(registry.registrations).toBe(n);
  });

  it('keeps every earlier state as it was: a state evolved again (a retried decision) sees only its own past', () => {
    let sheet: KeptSheet = emptyKeptSheet();
    for (let index = 0; index < 5; index += 1) sheet = evolveKeptSheet(sheet, session(index, 'same-tag'));
    const before = sheet;
    const later = evolveKeptSheet(evolveKeptSheet(before, session(5, 'same-tag')), session(6, 'other'));
    const branch = evolveKeptSheet(before, session(7, 'same-tag'));
    expect(before.sessions.get('same-tag')?.sessions).toBe(5);
    expect(before.sessions.get('other')).toBeUndefined();
    expect(later.sessions.get('same-tag')?.sessions).toBe(6);
    expect(branch.sessions.get('same-tag')?.sessions).toBe(6);
    expect(branch.sessions.get('other')).toBeUndefined();

    const registry = evolveRegistry(emptyRegistry(), registered(1));
    const grown = evolveRegistry(registry, registered(2));
    const other = evolveRegistry(registry, registered(3));
    expect([...registry.series]).toEqual(['series-1']);
    expect([...grown.series]).toEqual(['series-1', 'series-2']);
    expect([...other.series]).toEqual(['series-1', 'series-3']);
  });
});

// Attack 23's latent finding: successive states share their tally tables, and an older state
// evolved again (a branch: its append lost to another process's) must see only its own entries.
describe('a branch of a kept sheet', () => {
  const voidOf = (tallied: ContactTallied): TallyVoided => ({
    type: 'TallyVoided',
    data: { ...tallied.data, reason: 'registered-by-mistake', voided: tallied } as TallyVoided['data'],
  });
  const seriesEnded = {
    type: 'SeriesEnded',
    data: { interventionId: 'rad-och-stod', unitId: 'familjecentralen', period: '2025-03', contacts: 2 },
  } as const;

  it('sees no entry of the abandoned branch after an event that is not a tally (a series end)', () => {
    let base: KeptSheet = emptyKeptSheet();
    for (let index = 0; index < 3; index += 1) base = evolveKeptSheet(base, session(index));
    // The abandoned branch: a void of tally 1 at revision 3 (its append lost the race).
    evolveKeptSheet(base, voidOf(session(1)));
    // What the store holds at revision 3 instead: another process's series end; then a tally.
    const ended = evolveKeptSheet(base, seriesEnded);
    expect(tallyCandidates(ended, 'tally-1').voids).toEqual([]);
    const next = evolveKeptSheet(ended, session(7));
    expect(tallyCandidates(next, 'tally-1')).toEqual({ tallies: [1], voids: [] });
    expect(tallyCandidates(next, 'tally-7').tallies).toEqual([4]);
  });
});
