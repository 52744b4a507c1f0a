import {
  createAesGcmCipher,
  createChainVerifier,
  createCommandService,
  createPayloadSealer,
  deriveSubkeys,
  ENCRYPTED_TYPE,
  type EventStore,
  fixedClock,
  isIntegrityError,
  openEvent,
  type RecordedEvent,
  readHeader,
  StoreUnavailable,
  type TallyCommandInput,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

const clock = fixedClock('2025-12-31T12:00:00Z');
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const contact = (n: number, overrides: Record<string, unknown> = {}): TallyCommandInput => ({
  type: 'TallyContact' as const,
  commandId: uuid(n),
  interventionId: 'motesplats-uppsokande',
  unitId: 'motesplats',
  date: '2025-03-14',
  marks: { gender: n % 2 === 0 ? 'female' : 'male' },
  ...overrides,
});

const keys = createMemoryKeyStore();

/** Opens detail events with the period key, as the operator (who holds the keys) can. */
async function openedDetail(store: EventStore, keyStore: typeof keys, events: readonly RecordedEvent[]) {
  void store;
  const opened = [];
  for (const event of events) {
    const material = await keyStore.get('period-2025-03');
    if (material === undefined) throw new Error('no key');
    const sealer = createPayloadSealer(createAesGcmCipher(), deriveSubkeys(material).encryption);
    const result = openEvent(event, () => sealer);
    if (result.readable) opened.push(result);
  }
  return opened;
}

async function setUp(store = createMemoryEventStore()) {
  const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(999_999),
    catalogue: vaggerydCatalogue(),
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.message.en);
  return { store, service };
}

function right<T>(result: E.Either<{ code: string }, T>): T {
  if (E.isLeft(result)) throw new Error(`unexpected refusal ${result.left.code}`);
  return result.right;
}

describe('the command service on the memory store', () => {
  it('adopts a catalogue as an event, and adopting the same content again writes nothing', async () => {
    const { store, service } = await setUp();
    const again = right(
      await service.adoptCatalogue({
        type: 'AdoptCatalogue',
        commandId: uuid(5),
        catalogue: vaggerydCatalogue(),
      }),
    );
    expect(again.eventIds).toEqual([]);
    const events = await collect(store.readStream('catalogue-vaggeryd'));
    expect(events.map((event) => event.type)).toEqual(['CatalogueAdopted']);
    expect((await service.catalogueInForceOn('2025-06-01'))?.version).toBe('1.1');
  });

  it('refuses a different catalogue under a version already adopted', async () => {
    const { service } = await setUp();
    const changed = { ...vaggerydCatalogue(), effectiveFrom: '2025-02-01' };
    const result = await service.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: uuid(6),
      catalogue: changed,
    });
    expect(E.isLeft(result) && result.left.code).toBe('CATALOGUE_VERSION_EXISTS');
  });

  it('records a tally on its sheet with the catalogue version and a verifiable hash chain', async () => {
    const { store, service } = await setUp();
    for (let n = 1; n <= 5; n += 1) right(await service.tally(contact(n)));
    const all = await collect(store.readAll());
    const sheet = all.filter((event) => event.stream.startsWith('tally-'));
    expect(sheet.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
    // In clear: the type `Encrypted`, the codec and the chain hash — nothing else.
    expect(new Set(sheet.map((event) => event.type))).toEqual(new Set([ENCRYPTED_TYPE]));
    expect(sheet.map((event) => readHeader(event.metadata)?.codec)).toEqual(Array(5).fill('aes-256-gcm'));
    const opened = await openedDetail(store, keys, sheet);
    expect(opened[0]?.meta).toMatchObject({ commandId: uuid(1), catalogueVersion: '1.1' });
    expect(opened[0]?.type).toBe('ContactTallied');
    const verifier = createChainVerifier();
    expect(all.map((event) => verifier.check(event)).filter(Boolean)).toEqual([]);
  });

  it('the same command twice yields the same receipt and one event', async () => {
    const { store, service } = await setUp();
    const first = right(await service.tally(contact(1)));
    const second = right(await service.tally(contact(1)));
    expect(second).toEqual(first);
    expect(first.tallyId).toBe(uuid(1));
    const concurrent = await Promise.all([
      service.tally(contact(2)),
      service.tally(contact(2)),
      service.tally(contact(2)),
    ]);
    expect(new Set(concurrent.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(
      (await collect(store.readAll())).filter((event) => event.stream.startsWith('tally-')),
    ).toHaveLength(2);
  });

  it('refuses a command id reused for other content, writing nothing', async () => {
    const { store, service } = await setUp();
    right(await service.tally(contact(1)));
    const before = store.size;
    const reused = await service.tally(contact(1, { marks: { gender: 'other' } }));
    expect(E.isLeft(reused) && reused.left.code).toBe('COMMAND_ID_REUSED');
    const fromAnotherProcess = await createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock,
    }).tally(contact(1, { marks: { gender: 'other' } }));
    expect(E.isLeft(fromAnotherProcess) && fromAnotherProcess.left.code).toBe('COMMAND_ID_REUSED');
    expect(store.size).toBe(before);
  });

  it('a command retried by a second process (after a lost response) is not counted twice', async () => {
    const { store, service } = await setUp();
    right(await service.tally(contact(1)));
    const otherProcess = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
    const retried = right(await otherProcess.tally(contact(1)));
    expect(retried.eventIds).toHaveLength(1);
    expect(
      (await collect(store.readAll())).filter((event) => event.stream.startsWith('tally-')),
    ).toHaveLength(1);
  });

  it('an append whose response is lost is retried by the service itself without double-counting', async () => {
    const inner = createMemoryEventStore();
    let lostResponses = 2;
    const flaky: EventStore = {
      ...inner,
      append: async (stream, events, options) => {
        const result = await inner.append(stream, events, options);
        if (stream.startsWith('tally-') && lostResponses > 0) {
          lostResponses -= 1;
          throw new StoreUnavailable('connection reset after the write', 'unknown');
        }
        return result;
      },
    };
    const { service } = await setUp(flaky as ReturnType<typeof createMemoryEventStore>);
    const retried = right(await service.tally(contact(1)));
    expect(retried.eventIds).toHaveLength(1);
    expect(
      (await collect(inner.readAll())).filter((event) => event.stream.startsWith('tally-')),
    ).toHaveLength(1);
  });

  it('writers in two processes on one sheet retry conflicts and lose nothing', async () => {
    const { store, service } = await setUp();
    const other = createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock,
      maxConflictRetries: 50,
    });
    const mine = createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock,
      maxConflictRetries: 50,
    });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, n) => (n % 2 === 0 ? mine : other).tally(contact(n + 1))),
    );
    expect(results.every(E.isRight)).toBe(true);
    const sheet = (await collect(store.readAll())).filter((event) => event.stream.startsWith('tally-'));
    expect(sheet).toHaveLength(40);
    const verifier = createChainVerifier();
    expect(sheet.map((event) => verifier.check(event)).filter(Boolean)).toEqual([]);
    void service;
  });

  it('says the outcome is unknown, and that a retry is safe, when the store stays unavailable', async () => {
    const inner = createMemoryEventStore();
    let down = true;
    const unreachable: EventStore = {
      ...inner,
      append: async (stream, events, options) => {
        // The request may have reached the server before the connection broke: the writer cannot know.
        if (down && stream.startsWith('tally-')) throw new StoreUnavailable('connection lost', 'unknown');
        return inner.append(stream, events, options);
      },
    };
    const service = createCommandService({
      store: unreachable,
      keys,
      catalogueId: 'vaggeryd',
      clock,
      maxUnavailableRetries: 2,
    });
    right(
      await service.adoptCatalogue({
        type: 'AdoptCatalogue',
        commandId: uuid(999_999),
        catalogue: vaggerydCatalogue(),
      }),
    );
    const failed = await service.tally(contact(1));
    expect(E.isLeft(failed) && failed.left).toMatchObject({ code: 'STORE_UNAVAILABLE', outcome: 'unknown' });
    down = false;
    right(await service.tally(contact(1)));
    expect(
      (await collect(inner.readAll())).filter((event) => event.stream.startsWith('tally-')),
    ).toHaveLength(1);
  });

  it('refuses a tally dated in the future, writing nothing', async () => {
    const { store, service } = await setUp();
    const result = await service.tally(contact(1, { date: '2026-01-01' }));
    expect(E.isLeft(result) && result.left.code).toBe('DATE_IN_FUTURE');
    expect(store.size).toBe(1);
  });

  it('a refusal leaves the store exactly as it was', async () => {
    const { store, service } = await setUp();
    right(await service.tally(contact(1)));
    const before = Buffer.concat(store.storedBytes());
    for (const bad of [
      contact(2, { interventionId: 'faltare-uppsokande', unitId: 'faltare', marks: {} }),
      contact(3, { marks: { gender: '121212-1212' } }),
      contact(4, { marks: { gender: 'female', adultAge: 40 } }),
      contact(5, { extra: true }),
    ]) {
      expect(E.isLeft(await service.tally(bad))).toBe(true);
    }
    expect(Buffer.concat(store.storedBytes()).equals(before)).toBe(true);
  });

  it('never builds on a stream whose chain does not verify', async () => {
    const inner = createMemoryEventStore();
    const { service } = await setUp(inner);
    right(await service.tally(contact(1)));
    const tampering: EventStore = {
      ...inner,
      readStream: async function* (stream, options) {
        for await (const event of inner.readStream(stream, options)) {
          if (!stream.startsWith('tally-')) yield event;
          else {
            const altered = Uint8Array.from(event.data);
            altered[20] = (altered[20] ?? 0) ^ 1;
            yield { ...event, data: altered };
          }
        }
      },
    };
    const fresh = createCommandService({ store: tampering, keys, catalogueId: 'vaggeryd', clock });
    const failure = await fresh.tally(contact(2)).catch((error: unknown) => error);
    expect(isIntegrityError(failure)).toBe(true);
  });

  it('voids a tally by its receipt', async () => {
    const { service } = await setUp();
    const receipt = right(await service.tally(contact(1)));
    const voided = await service.tally({
      type: 'VoidTally' as const,
      commandId: uuid(2),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      period: '2025-03',
      tallyId: receipt.tallyId,
      reason: 'registered-by-mistake',
    });
    expect(E.isRight(voided) && voided.right.revision).toBe(1);
  });
});
