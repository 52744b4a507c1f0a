import { describe, expect, it } from 'vitest';
import type { ClientRecordedEvent } from './event-encoding.js';
import { planFilter } from './subscription-filter.js';

const record = (streamId: string, type: string): ClientRecordedEvent => ({
  streamId,
  type,
  id: '3f2b8c1e-9d4a-8b7c-a1e2-0f9e8d7c6b5a',
  revision: 0n,
  data: new Uint8Array(),
  isJson: false,
});

describe('subscription filters', () => {
  it('send stream prefixes to the server and check event types here', () => {
    const plan = planFilter({ streamPrefixes: ['tally-'], eventTypes: ['ContactTallied'] });
    expect(plan.server).toEqual({ filterOn: 'streamName', prefixes: ['tally-'] });
    expect(plan.accepts(record('tally-2025-01-x', 'ContactTallied'))).toBe(true);
    expect(plan.accepts(record('tally-2025-01-x', 'TallyVoided'))).toBe(false);
    expect(plan.accepts(record('period-2025-01', 'ContactTallied'))).toBe(false);
  });

  it('send event types alone as an exact-match expression that also lets tombstones through', () => {
    const plan = planFilter({ eventTypes: ['Sheet.Sealed', 'A|B'] });
    const regex = new RegExp((plan.server as { regex: string }).regex);
    expect(
      ['Sheet.Sealed', 'A|B', '$streamDeleted', 'SheetxSealed', 'A', '$metadata'].map((type) =>
        regex.test(type),
      ),
    ).toEqual([true, true, true, false, false, false]);
    expect(plan.accepts(record('sheet-1', '$streamDeleted'))).toBe(false);
  });

  it('exclude system events but tombstones on the server when nothing else is asked, and system records here always', () => {
    const plan = planFilter(undefined);
    const regex = new RegExp((plan.server as { regex: string }).regex);
    expect(
      ['Counted', '$streamDeleted', '$>', '$metadata', '$streamDeletedX'].map((type) => regex.test(type)),
    ).toEqual([true, true, false, false, false]);
    expect(plan.accepts(record('tally-1', '$streamDeleted'))).toBe(false);
    expect(plan.accepts(record('$ce-tally', 'ContactTallied'))).toBe(false);
    expect(plan.accepts(record('tally-1', '$>'))).toBe(false);
    expect(plan.accepts(record('tally-1', 'ContactTallied'))).toBe(true);
    expect(planFilter({ streamPrefixes: [] }).accepts(record('tally-1', 'ContactTallied'))).toBe(false);
  });
});
