import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  type RecordedEvent,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { ok } from './answers.js';

// 1bdc999: "the key ring now tells the series store when it forgets a key", so the decrypted
// state kept for a series is dropped when its key is destroyed here or found destroyed by the
// recheck. Attacked: a load of the series that is under way when the key is forgotten. The
// series store took its key before the forget and kept what it loaded after it — the closed
// series' decrypted notes kept again, with nothing left to drop them; and a first read whose key
// was zeroed under it reported tampering.

const uuid = (n: number): string => `a2c10000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const NOTE = 'Fortsätt med sömnrutiner nästa gång.';

/** A store whose reads of series streams, once `gate.armed`, wait for `gate.open()` before yielding (a slow network). */
function gatedStore(inner: EventStore) {
  let release: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const gate = {
    armed: false,
    reached: new Promise<void>((resolve) => {
      reached = resolve;
    }),
    opened: new Promise<void>((resolve) => {
      release = resolve;
    }),
    open: () => release(),
  };
  const store: EventStore = {
    ...inner,
    readStream(stream, options) {
      const source = inner.readStream(stream, options);
      if (!gate.armed || !stream.startsWith('series-')) return source;
      gate.armed = false;
      return (async function* () {
        const fetched: RecordedEvent[] = [];
        // Copies, as rows that came over a connection are (the memory store's own views are
        // zeroed in place when the stream is deleted).
        for await (const event of source)
          fetched.push({ ...event, data: event.data.slice(), metadata: event.metadata.slice() });
        reached();
        await gate.opened;
        yield* fetched;
      })();
    },
  };
  return { store, gate };
}

async function setUp() {
  const inner = createMemoryEventStore();
  const { store, gate } = gatedStore(inner);
  const keys = createMemoryKeyStore();
  const clock = fixedClock('2026-02-20T10:00:00Z');
  const here = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock, keyRecheckMs: 5 });
  const elsewhere: CommandService = createCommandService({
    store: inner,
    keys,
    catalogueId: 'vaggeryd',
    clock,
  });
  await ok(
    here.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(0), catalogue: vaggerydCatalogue() }),
  );
  const { token } = await ok(
    here.openSeries({
      type: 'OpenSeries',
      commandId: uuid(1),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    }),
  );
  await ok(here.writeNote({ type: 'WriteNote', commandId: uuid(2), token, text: NOTE }));
  const reader = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock, keyRecheckMs: 5 });
  return { here, reader, elsewhere, gate, token };
}

/** Reads the notes, keeping only their texts (copies) and a weak reference to what was answered. */
async function readWeakly(service: CommandService, token: string) {
  const read = await service.readNotes({ token });
  if (E.isLeft(read)) return { texts: read.left.code as unknown, held: new WeakRef({}) };
  return { texts: read.right.map((note) => `${note.text}`), held: new WeakRef(read.right) };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a series closed elsewhere while this process is reading it', () => {
  it('does not keep the closed series’ decrypted notes in memory once its key is forgotten', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { here, elsewhere, gate, token } = await setUp();
    gate.armed = true;
    // A read under way: the series store has taken the key and is reading the stream.
    const reading = readWeakly(here, token);
    await gate.reached;
    await ok(elsewhere.closeSeries({ type: 'CloseSeries', commandId: uuid(3), token, reason: 'completed' }));
    await tick(30); // this process's key ring finds the key destroyed, zeroes it and forgets it
    gate.open();
    // The read completes: answered as of before the close, or refused as closed (both fine) …
    const { texts, held } = await reading;
    expect(['SERIES_CLOSED', [NOTE]]).toContainEqual(texts);
    await tick(30);
    gc();
    await tick(0);
    gc();
    // … but what it decrypted must not be kept once the key that sealed it was forgotten.
    expect(held.deref(), 'the closed series’ notes, kept after the key was forgotten').toBeUndefined();
  });

  it('is answered SERIES_CLOSED (or its notes), never a tamper alarm, when the key is zeroed mid-read', async () => {
    const { reader, elsewhere, gate, token } = await setUp();
    // A process that reads the series for the first time (nothing kept): its key ring opens
    // the key, then the read waits on the network while the series is closed elsewhere.
    gate.armed = true;
    const reading = reader.readNotes({ token }).then(
      (result) => (E.isRight(result) ? result.right.map((note) => note.text) : result.left.code),
      (error: Error) => `thrown: ${error.message}`,
    );
    await gate.reached;
    await ok(elsewhere.closeSeries({ type: 'CloseSeries', commandId: uuid(3), token, reason: 'completed' }));
    await tick(30);
    gate.open();
    expect(['SERIES_CLOSED', [NOTE]]).toContainEqual(await reading);
  });
});
