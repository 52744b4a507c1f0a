import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert';
import * as E from 'fp-ts/lib/Either.js';
import type {
  EventStore,
  EventToAppend,
  ReadAllOptions,
  RecordedEvent,
  StreamAppend,
} from '../ports/event-store.js';
import { readAllInPages } from '../ports/read-all-in-pages.js';

/** Makes a fresh, empty store for one contract case; `dispose` (optional) releases it. */
export type EventStoreFactory = () => Promise<{ store: EventStore; dispose?: () => Promise<void> }>;

/** One case of the store contract: a name and a body that throws (an `AssertionError`) on failure. */
export interface ContractCase {
  readonly name: string;
  run(factory: EventStoreFactory): Promise<void>;
}

let counter = 0;
/** A unique stream name, so cases never share streams even on a store that is not emptied between them. */
function freshStream(prefix = 'contract'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}`;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** UUIDs, as stores that require them (EventStoreDB) take them. */
function uuid(): string {
  return globalThis.crypto.randomUUID();
}

function events(count: number, tag = 'e', size = 1): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => ({
    id: uuid(),
    type: index % 2 === 0 ? 'ContractEven' : 'ContractOdd',
    data: bytes(JSON.stringify({ index, tag, padding: 'x'.repeat(size) })),
    // Every byte value, so a store that treats bytes as text would corrupt it.
    metadata: Uint8Array.from({ length: 34 }, (_, at) => (at * 97 + index) % 256),
  }));
}

/** What a test compares of an event: its bytes as plain arrays (a store may return any `Uint8Array` view). */
const shape = (event: EventToAppend) => [event.id, event.type, [...event.data], [...event.metadata]];

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

async function within<T>(factory: EventStoreFactory, body: (store: EventStore) => Promise<T>): Promise<T> {
  const { store, dispose } = await factory();
  try {
    return await body(store);
  } finally {
    await dispose?.();
  }
}

function mustAppend(result: E.Either<unknown, { nextRevision: number }>, message: string): number {
  if (E.isLeft(result)) throw new Error(`${message}: ${JSON.stringify(result.left)}`);
  return result.right.nextRevision;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(condition: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await wait(5);
  }
}

/**
 * The contract every `EventStore` adapter must pass, runner-agnostic: register each case
 * with your runner, e.g. `for (const c of eventStoreContract()) it(c.name, () => c.run(factory))`.
 */
export function eventStoreContract(): readonly ContractCase[] {
  return [
    {
      name: 'appends to a new stream with expected "no-stream" and reads it back in order',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream();
          const written = events(3);
          strictEqual(
            mustAppend(await store.append(stream, written, { expected: 'no-stream' }), 'append'),
            2,
          );
          const read = await collect(store.readStream(stream));
          deepStrictEqual(
            read.map((event) => [event.stream, event.revision, ...shape(event)]),
            written.map((event, index) => [stream, index, ...shape(event)]),
          );
        }),
    },
    {
      name: 'expected "no-stream" on an existing stream is a conflict returned as data',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream();
          mustAppend(await store.append(stream, events(2), { expected: 'no-stream' }), 'first');
          const result = await store.append(stream, events(1, 'b'), { expected: 'no-stream' });
          ok(E.isLeft(result), 'expected a conflict');
          deepStrictEqual(result.left, {
            code: 'WRONG_EXPECTED_REVISION',
            stream,
            expected: 'no-stream',
            actual: 1,
          });
          strictEqual((await collect(store.readStream(stream))).length, 2, 'nothing written on conflict');
        }),
    },
    {
      name: 'expected "stream-exists" refuses an absent stream and accepts an existing one',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream();
          const absent = await store.append(stream, events(1), { expected: 'stream-exists' });
          ok(E.isLeft(absent));
          deepStrictEqual(absent.left, {
            code: 'WRONG_EXPECTED_REVISION',
            stream,
            expected: 'stream-exists',
            actual: 'no-stream',
          });
          mustAppend(await store.append(stream, events(1, 'a'), { expected: 'no-stream' }), 'create');
          strictEqual(
            mustAppend(await store.append(stream, events(1, 'b'), { expected: 'stream-exists' }), 'exists'),
            1,
          );
        }),
    },
    {
      name: 'expected "any" appends whatever the stream holds',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream();
          strictEqual(mustAppend(await store.append(stream, events(1, 'a'), { expected: 'any' }), 'a'), 0);
          strictEqual(mustAppend(await store.append(stream, events(2, 'b'), { expected: 'any' }), 'b'), 2);
        }),
    },
    {
      name: 'an exact expected revision appends only when it matches, reporting the actual revision otherwise',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream();
          mustAppend(await store.append(stream, events(3, 'a'), { expected: 'no-stream' }), 'a');
          const stale = await store.append(stream, events(1, 'b'), { expected: 1 });
          ok(E.isLeft(stale));
          deepStrictEqual(stale.left, { code: 'WRONG_EXPECTED_REVISION', stream, expected: 1, actual: 2 });
          strictEqual(mustAppend(await store.append(stream, events(1, 'c'), { expected: 2 }), 'c'), 3);
          const onAbsent = await store.append(freshStream(), events(1, 'd'), { expected: 0 });
          ok(E.isLeft(onAbsent));
          strictEqual(onAbsent.left.code === 'WRONG_EXPECTED_REVISION' && onAbsent.left.actual, 'no-stream');
        }),
    },
    {
      name: 'N concurrent appends at the same expected revision: exactly one wins and nothing is lost',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream();
          mustAppend(await store.append(stream, events(1, 'seed'), { expected: 'no-stream' }), 'seed');
          const writers = 8;
          const batches = Array.from({ length: writers }, (_, writer) => events(2, `w${writer}`));
          const results = await Promise.all(
            batches.map((batch) => store.append(stream, batch, { expected: 0 })),
          );
          const winners = results.flatMap((result, writer) => (E.isRight(result) ? [writer] : []));
          strictEqual(winners.length, 1, `exactly one writer wins, ${winners.length} did`);
          for (const result of results) {
            if (E.isLeft(result)) strictEqual(result.left.code, 'WRONG_EXPECTED_REVISION');
          }
          const read = await collect(store.readStream(stream));
          const winner = batches[winners[0] as number] as EventToAppend[];
          deepStrictEqual(
            read.map((event) => event.id),
            [read[0]?.id, ...winner.map((event) => event.id)],
          );
        }),
    },
    {
      name: 'a retried append with the same event ids succeeds without writing twice',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream();
          const batch = events(3);
          mustAppend(await store.append(stream, batch, { expected: 'no-stream' }), 'first');
          const retry = await store.append(stream, batch, { expected: 'no-stream' });
          ok(E.isRight(retry), `a retry is not a conflict: ${JSON.stringify(retry)}`);
          strictEqual((await collect(store.readStream(stream))).length, 3);
          strictEqual((await collect(store.readAll())).filter((event) => event.stream === stream).length, 3);
        }),
    },
    {
      name: 'reads a stream backwards, from a revision, and with a limit',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream();
          mustAppend(await store.append(stream, events(5), { expected: 'no-stream' }), 'append');
          const backwards = await collect(store.readStream(stream, { direction: 'backwards' }));
          deepStrictEqual(
            backwards.map((event) => event.revision),
            [4, 3, 2, 1, 0],
          );
          const fromTwo = await collect(store.readStream(stream, { fromRevision: 2, limit: 2 }));
          deepStrictEqual(
            fromTwo.map((event) => event.revision),
            [2, 3],
          );
          const backFromThree = await collect(
            store.readStream(stream, { direction: 'backwards', fromRevision: 3, limit: 2 }),
          );
          deepStrictEqual(
            backFromThree.map((event) => event.revision),
            [3, 2],
          );
        }),
    },
    {
      name: 'an absent stream reads as empty',
      run: (factory) =>
        within(factory, async (store) => {
          deepStrictEqual(await collect(store.readStream(freshStream())), []);
          deepStrictEqual(await collect(store.readStream(freshStream(), { direction: 'backwards' })), []);
        }),
    },
    {
      name: 'reads all streams in append order, and resumes after a position exclusively',
      run: (factory) =>
        within(factory, async (store) => {
          const [a, b] = [freshStream('a'), freshStream('b')];
          const before = await collect(store.readAll());
          const start = before.at(-1)?.position;
          mustAppend(await store.append(a, events(2, 'a1'), { expected: 'no-stream' }), 'a1');
          mustAppend(await store.append(b, events(1, 'b1'), { expected: 'no-stream' }), 'b1');
          mustAppend(await store.append(a, events(1, 'a2'), { expected: 1 }), 'a2');
          const mine = (await collect(store.readAll(start === undefined ? {} : { after: start }))).filter(
            (event) => event.stream === a || event.stream === b,
          );
          deepStrictEqual(
            mine.map((event) => [event.stream, event.revision]),
            [
              [a, 0],
              [a, 1],
              [b, 0],
              [a, 2],
            ],
          );
          const resumed = await collect(store.readAll({ after: (mine[1] as RecordedEvent).position }));
          deepStrictEqual(
            resumed
              .filter((event) => event.stream === a || event.stream === b)
              .map((event) => [event.stream, event.revision]),
            [
              [b, 0],
              [a, 2],
            ],
          );
        }),
    },
    {
      name: 'reads the log in pages (readAllInPages) exactly as readAll reads it, with the same options',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream('paged');
          mustAppend(await store.append(stream, events(5, 'p'), { expected: 'no-stream' }), 'paged');
          const flat = async (options?: ReadAllOptions) => {
            const pages = await collect(readAllInPages(store, options));
            ok(
              pages.every((page) => page.length > 0),
              'a page is never empty',
            );
            return pages.flat();
          };
          const read = (list: readonly RecordedEvent[]) =>
            list.map((event) => [event.stream, event.revision, event.position, event.id, [...event.data]]);
          deepStrictEqual(read(await flat()), read(await collect(store.readAll())));
          const all = await collect(store.readAll());
          const after = (all.at(-4) as RecordedEvent).position;
          deepStrictEqual(
            read(await flat({ after, limit: 2 })),
            read(await collect(store.readAll({ after, limit: 2 }))),
          );
        }),
    },
    {
      // PostgreSQL's log once showed a stream's revision 28 after 29 and 30 under concurrent
      // appends (store-postgres' migration 8): a fold of the log would have applied them out of order.
      name: "many appends at once to the same streams: readAll yields each stream's events in revision order",
      run: (factory) =>
        within(factory, async (store) => {
          const streams = [freshStream(), freshStream()];
          await Promise.all(
            Array.from({ length: 40 }, async (_, index) => {
              const stream = streams[index % streams.length] as string;
              mustAppend(await store.append(stream, events(1 + (index % 3)), { expected: 'any' }), 'append');
            }),
          );
          const log = await collect(store.readAll());
          for (const stream of streams) {
            const revisions = log.filter((event) => event.stream === stream).map((event) => event.revision);
            deepStrictEqual(
              revisions,
              revisions.map((_, index) => index),
              stream,
            );
          }
        }),
    },
    {
      name: 'positions survive a JSON round trip and resume reads exactly where they left off',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream();
          mustAppend(await store.append(stream, events(3), { expected: 'no-stream' }), 'append');
          const read = (await collect(store.readAll())).filter((event) => event.stream === stream);
          const checkpoint = JSON.parse(JSON.stringify({ position: read[0]?.position })) as {
            position: string;
          };
          strictEqual(typeof checkpoint.position, 'string');
          const after = (await collect(store.readAll({ after: checkpoint.position }))).filter(
            (event) => event.stream === stream,
          );
          deepStrictEqual(
            after.map((event) => event.revision),
            [1, 2],
          );
        }),
    },
    {
      name: 'an oversized append is refused with a typed error and writes nothing',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream();
          const huge = events(3, 'big', 600 * 1024);
          const result = await store.append(stream, huge, { expected: 'no-stream' });
          ok(E.isLeft(result), 'an append over the limit is refused');
          strictEqual(result.left.code, 'APPEND_TOO_LARGE');
          deepStrictEqual(await collect(store.readStream(stream)), []);
        }),
    },
    {
      name: 'a subscription catches up, goes live, and resumes from a checkpoint without gaps or repeats',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream('sub');
          mustAppend(await store.append(stream, events(3, 'old'), { expected: 'no-stream' }), 'old');
          const seen: RecordedEvent[] = [];
          const first = store.subscribe(
            { filter: { streamPrefixes: [stream] } },
            { onEvent: (event) => void seen.push(event) },
          );
          await first.caughtUp;
          strictEqual(seen.length, 3, 'caught up with the stored events');
          mustAppend(await store.append(stream, events(2, 'live'), { expected: 2 }), 'live');
          await eventually(() => seen.length === 5, 'live events delivered');
          await first.close();
          const checkpoint = JSON.parse(JSON.stringify((seen[3] as RecordedEvent).position)) as string;
          mustAppend(await store.append(stream, events(1, 'later'), { expected: 4 }), 'later');
          const resumed: RecordedEvent[] = [];
          const second = store.subscribe(
            { after: checkpoint, filter: { streamPrefixes: [stream] } },
            { onEvent: (event) => void resumed.push(event) },
          );
          await second.caughtUp;
          await eventually(() => resumed.length === 2, 'resumed after the checkpoint');
          await second.close();
          deepStrictEqual(
            resumed.map((event) => event.revision),
            [4, 5],
          );
        }),
    },
    {
      name: 'a subscription filters by event type',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream('typed');
          mustAppend(await store.append(stream, events(4), { expected: 'no-stream' }), 'append');
          const seen: RecordedEvent[] = [];
          const subscription = store.subscribe(
            { filter: { streamPrefixes: [stream], eventTypes: ['ContractOdd'] } },
            { onEvent: (event) => void seen.push(event) },
          );
          await subscription.caughtUp;
          await eventually(() => seen.length === 2, 'odd events delivered');
          await subscription.close();
          deepStrictEqual(
            seen.map((event) => event.revision),
            [1, 3],
          );
        }),
    },
    {
      name: 'caughtUp resolves only after an async handler has finished every stored event',
      run: (factory) =>
        within(factory, async (store) => {
          const stream = freshStream('slow');
          const stored = events(4, 'slow');
          mustAppend(await store.append(stream, stored, { expected: 'no-stream' }), 'append');
          const finished: string[] = [];
          const finishedAtCaughtUp: number[] = [];
          let running = 0;
          let overlapped = false;
          const subscription = store.subscribe(
            { filter: { streamPrefixes: [stream] } },
            {
              onEvent: async (event) => {
                running += 1;
                overlapped ||= running > 1;
                await wait(10);
                finished.push(event.id);
                running -= 1;
              },
              onCaughtUp: () => void finishedAtCaughtUp.push(finished.length),
            },
          );
          try {
            await subscription.caughtUp;
            deepStrictEqual(
              finished,
              stored.map((event) => event.id),
              'every stored event fully handled, in order, before caughtUp resolved',
            );
            strictEqual(running, 0, 'no handler call still running when caughtUp resolved');
            strictEqual(overlapped, false, 'handler calls run one at a time');
            strictEqual(finishedAtCaughtUp[0], stored.length, 'onCaughtUp only after the stored events');
          } finally {
            await subscription.close();
          }
        }),
    },
    {
      name: 'deleting streams removes them from reads, all-reads and subscriptions, and refuses appends to them',
      run: (factory) =>
        within(factory, async (store) => {
          const [doomed, kept] = [freshStream('doomed'), freshStream('kept')];
          mustAppend(await store.append(doomed, events(3, 'd'), { expected: 'no-stream' }), 'doomed');
          mustAppend(await store.append(kept, events(2, 'k'), { expected: 'no-stream' }), 'kept');
          const deletion = await store.deleteStreams([doomed]);
          strictEqual(deletion.removed, 3);
          ok(deletion.extent === 'physical' || deletion.extent === 'logical');
          deepStrictEqual(await collect(store.readStream(doomed)), []);
          deepStrictEqual(await collect(store.readStream(doomed, { direction: 'backwards' })), []);
          const all = await collect(store.readAll());
          strictEqual(all.filter((event) => event.stream === doomed).length, 0, 'readAll never returns it');
          strictEqual(all.filter((event) => event.stream === kept).length, 2, 'other streams untouched');
          const paged = (await collect(readAllInPages(store))).flat();
          strictEqual(paged.filter((event) => event.stream === doomed).length, 0, 'pages never return it');
          const seen: RecordedEvent[] = [];
          const subscription = store.subscribe(
            { filter: { streamPrefixes: [doomed, kept] } },
            { onEvent: (event) => void seen.push(event) },
          );
          await subscription.caughtUp;
          await subscription.close();
          deepStrictEqual(
            seen.map((event) => event.stream),
            [kept, kept],
            'a subscription from the start never delivers it',
          );
          for (const expected of ['no-stream', 'any', 2] as const) {
            const revived = await store.append(doomed, events(1, 'again'), { expected });
            ok(E.isLeft(revived), `an append to a deleted stream is refused (expected ${expected})`);
            deepStrictEqual(revived.left, { code: 'STREAM_DELETED', stream: doomed });
          }
          deepStrictEqual(await store.deleteStreams([doomed]), { removed: 0, extent: deletion.extent });
          strictEqual(
            (await store.deleteStreams([freshStream('absent')])).removed,
            0,
            'deleting an absent stream is no error',
          );
        }),
    },
    {
      name: 'an atomic batch writes every stream or none',
      run: (factory) =>
        within(factory, async (store) => {
          const [a, b, c] = [freshStream('ba'), freshStream('bb'), freshStream('bc')];
          mustAppend(await store.append(b, events(1, 'b0'), { expected: 'no-stream' }), 'b0');
          const [forA, forB] = [events(2, 'a'), events(1, 'b')];
          const written = await store.appendBatch([
            { stream: a, events: forA, expected: 'no-stream' },
            { stream: b, events: forB, expected: 0 },
          ]);
          ok(
            E.isRight(written),
            `the batch is written: ${JSON.stringify(E.isLeft(written) && written.left)}`,
          );
          deepStrictEqual(
            written.right.map((success) => [success.nextRevision, success.written]),
            [
              [1, 2],
              [1, 1],
            ],
          );
          const retry = await store.appendBatch([
            { stream: a, events: forA, expected: 'no-stream' },
            { stream: b, events: forB, expected: 0 },
          ]);
          ok(E.isRight(retry), 'a retried batch succeeds without writing twice');
          strictEqual((await collect(store.readStream(a))).length, 2);
          strictEqual((await collect(store.readStream(b))).length, 2);
          const refused = await store.appendBatch([
            { stream: c, events: events(2, 'c'), expected: 'no-stream' },
            { stream: b, events: events(1, 'late'), expected: 0 },
          ]);
          ok(E.isLeft(refused), 'a batch with one stale part is refused');
          deepStrictEqual(refused.left, {
            code: 'WRONG_EXPECTED_REVISION',
            stream: b,
            expected: 0,
            actual: 1,
          });
          deepStrictEqual(await collect(store.readStream(c)), [], 'and writes none of its parts');
          const tooLarge = await store.appendBatch([
            { stream: c, events: events(1, 'c'), expected: 'no-stream' },
            { stream: freshStream('bd'), events: events(3, 'big', 600 * 1024), expected: 'no-stream' },
          ]);
          ok(E.isLeft(tooLarge), 'a batch over the limit is refused');
          strictEqual(tooLarge.left.code, 'APPEND_TOO_LARGE');
          deepStrictEqual(await collect(store.readStream(c)), [], 'and writes nothing');
        }),
    },
    {
      // Two parts of one batch on one stream have no single meaning across stores: store-memory
      // checked both against the stream before the batch and wrote a second revision 0 (the
      // stream then read back only the second part; the log held both), EventStoreDB wrote a
      // prefix of the batch. Every store refuses such a batch as a caller's error, writing nothing.
      name: 'a batch naming one stream twice is thrown back, nothing written',
      run: (factory) =>
        within(factory, async (store) => {
          const [twice, other, existing] = [
            freshStream('twice'),
            freshStream('twice-other'),
            freshStream('twice-old'),
          ];
          mustAppend(await store.append(existing, events(1, 'old'), { expected: 'no-stream' }), 'old');
          const before = (await collect(store.readAll())).length;
          const batches: StreamAppend[][] = [
            [
              { stream: twice, events: events(1, 'p'), expected: 'no-stream' },
              { stream: twice, events: events(1, 'q'), expected: 'no-stream' },
            ],
            [
              { stream: other, events: events(1, 'o'), expected: 'no-stream' },
              { stream: twice, events: events(2, 'first'), expected: 'no-stream' },
              { stream: twice, events: events(1, 'second'), expected: 1 },
            ],
            [
              { stream: existing, events: events(1, 'x'), expected: 0 },
              { stream: existing, events: events(1, 'y'), expected: 1 },
            ],
          ];
          for (const batch of batches) {
            await rejects(store.appendBatch(batch), TypeError, 'a batch naming a stream twice');
            deepStrictEqual(await collect(store.readStream(twice)), [], 'nothing written to the stream');
            deepStrictEqual(await collect(store.readStream(other)), [], 'nor to the batch’s other streams');
            strictEqual((await collect(store.readStream(existing))).length, 1, 'nor to an existing stream');
            strictEqual((await collect(store.readAll())).length, before, 'nor to the log');
          }
        }),
    },
  ];
}
