import {
  catalogueStream,
  createCommandService,
  type EventStore,
  type RecordedEvent,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { clock, contact, uuid } from './sheet-fixture.js';

// A version adopted in this process governs this process's next command at once — also when
// a re-read of the catalogue stream, begun before the adoption landed, answers after it.

const RECHECK_MS = 200;
// 1.2 ends the intervention from March: a tally on it in March is refused under 1.2.
const withoutMeetingPlace = () => {
  const current = vaggerydCatalogue();
  return {
    ...current,
    version: '1.2',
    effectiveFrom: '2025-03-01',
    interventions: current.interventions.filter((policy) => policy.id !== 'motesplats-uppsokande'),
  };
};

const opened = () => {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
};

describe('a catalogue version adopted in this process', () => {
  it('decides the next command here, even when a slower re-read answers after the adoption', async () => {
    const inner = createMemoryEventStore();
    const stream = catalogueStream('vaggeryd');
    const gates: { read?: ReturnType<typeof opened>; append?: ReturnType<typeof opened> } = {};
    const store: EventStore = {
      ...inner,
      // The read's rows are taken now (before the adoption lands) and handed over later.
      readStream: (name, options) => {
        const gate = name === stream ? gates.read : undefined;
        if (gate === undefined) return inner.readStream(name, options);
        gates.read = undefined;
        const rows = collect(inner.readStream(name, options));
        return (async function* (): AsyncIterable<RecordedEvent> {
          const taken = await rows;
          await gate.promise;
          yield* taken;
        })();
      },
      append: async (name, events, options) => {
        const gate = name === stream ? gates.append : undefined;
        if (gate !== undefined) {
          gates.append = undefined;
          await gate.promise;
        }
        return inner.append(name, events, options);
      },
    };
    const service = createCommandService({
      store,
      keys: createMemoryKeyStore(),
      catalogueId: 'vaggeryd',
      clock,
      catalogueRecheckMs: RECHECK_MS,
    });
    const first = await service.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: uuid(900),
      catalogue: vaggerydCatalogue(),
    });
    expect(E.isRight(first)).toBe(true);
    expect(E.isRight(await service.tally(contact(1)))).toBe(true);

    // The adoption's append is slow; meanwhile the known catalogues go stale and a tally re-reads.
    const append = opened();
    gates.append = append;
    const adopting = service.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: uuid(901),
      catalogue: withoutMeetingPlace(),
    });
    await new Promise((resolve) => setTimeout(resolve, RECHECK_MS * 2));
    const read = opened();
    gates.read = read;
    const during = service.tally(contact(2));
    await new Promise((resolve) => setTimeout(resolve, 5));
    append.open();
    expect(E.isRight(await adopting)).toBe(true);
    read.open();
    await during; // concurrent with the adoption: either answer is right

    const after = await service.tally(contact(3));
    await new Promise((resolve) => setTimeout(resolve, RECHECK_MS * 2));
    const later = await service.tally(contact(4));
    expect(E.isLeft(later) && later.left.code).toBe('UNKNOWN_INTERVENTION');
    expect(E.isLeft(after) && after.left.code).toBe('UNKNOWN_INTERVENTION');
  });
});
