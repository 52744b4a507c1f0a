import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  normaliseSeriesToken,
  seriesStreamOf,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { ok } from './answers.js';

// 1bdc999: an OpenSeries retried after its series was closed is refused SERIES_CLOSED and
// makes no key for the closed series again. Attacked: the retry and the close at once (in one
// process and from two), at every interleaving a few event-loop turns apart; and the same
// OpenSeries from two processes at once.

const uuid = (n: number): string => `a2e50000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A store whose every call takes a turn of the event loop (as a network would). */
function slow(inner: EventStore): EventStore {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  return {
    ...inner,
    append: async (...args) => {
      await turn();
      return inner.append(...args);
    },
    appendBatch: async (...args) => {
      await turn();
      return inner.appendBatch(...args);
    },
    deleteStreams: async (...args) => {
      await turn();
      return inner.deleteStreams(...args);
    },
    readStream(stream, options) {
      return (async function* () {
        await turn();
        yield* inner.readStream(stream, options);
      })();
    },
  };
}

async function world(): Promise<{
  a: CommandService;
  b: CommandService;
  keys: KeyStore & { readonly size: number };
  store: EventStore;
}> {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const clock = fixedClock('2026-02-20T10:00:00Z');
  const make = () => createCommandService({ store: slow(store), keys, catalogueId: 'vaggeryd', clock });
  const a = make();
  const b = make();
  await ok(a.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(0), catalogue: vaggerydCatalogue() }));
  return { a, b, keys, store };
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

const open = (n: number) => ({
  type: 'OpenSeries' as const,
  commandId: uuid(n),
  interventionId: 'rad-och-stod',
  unitId: 'motesplats',
});

describe('an OpenSeries retried while its series is being closed', () => {
  it('answers the token or SERIES_CLOSED and leaves no key for the closed series, at every interleaving', async () => {
    const answers = new Set<string>();
    for (const sameProcess of [true, false]) {
      for (let delay = 0; delay < 40; delay += 1) {
        const { a, b, keys } = await world();
        const n = 100 + delay * 10;
        const { token } = await ok(a.openSeries(open(n)));
        const stream = seriesStreamOf(normaliseSeriesToken(token) as string);
        const closer = sameProcess ? a : b;
        const [retried, closed] = await Promise.all([
          turns(delay).then(() => a.openSeries(open(n))),
          closer.closeSeries({ type: 'CloseSeries', commandId: uuid(n + 1), token, reason: 'completed' }),
        ]);
        expect(E.isRight(closed)).toBe(true);
        answers.add(E.isRight(retried) ? 'token' : retried.left.code);
        expect(E.isRight(retried) ? retried.right.token : retried.left.code).toMatch(
          new RegExp(`^(SERIES_CLOSED|${token.replace(/[-]/g, '\\-')})$`),
        );
        expect(await keys.get(stream), `a key left for the closed series (delay ${delay})`).toBeUndefined();
        expect(E.isLeft(await a.openSeries(open(n)))).toBe(true);
      }
    }
    expect([...answers].sort()).toEqual(['SERIES_CLOSED', 'token']); // both sides of the race were met
  });
});

describe('the same OpenSeries from two processes at once', () => {
  it('opens one series with one key, and both get its token', async () => {
    for (let delay = 0; delay < 10; delay += 1) {
      const { a, b, keys, store } = await world();
      const n = 1000 + delay;
      const [first, second] = await Promise.all([
        a.openSeries(open(n)),
        turns(delay).then(() => b.openSeries(open(n))),
      ]);
      if (E.isLeft(first) || E.isLeft(second)) throw new Error('refused');
      expect(second.right.token).toBe(first.right.token);
      const stream = seriesStreamOf(normaliseSeriesToken(first.right.token) as string);
      const events = [];
      for await (const event of store.readStream(stream)) events.push(event);
      expect(events).toHaveLength(1);
      // The token secret, this series' key, its month's key (the series is registered there), the
      // store's origin (registered when the catalogue was adopted, attack 42), and the adopted version
      // with the mark that every version of the store is registered
      // (attack 44, round 2): one series key, not two.
      expect(keys.size).toBe(6);
      // Both processes can use it.
      await ok(
        a.writeNote({ type: 'WriteNote', commandId: uuid(n + 50), token: first.right.token, text: 'Ett.' }),
      );
      expect((await ok(b.readNotes({ token: first.right.token }))).map((note) => note.text)).toEqual([
        'Ett.',
      ]);
    }
  });
});
