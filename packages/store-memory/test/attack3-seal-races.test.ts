import {
  type CommandService,
  createAesGcmCipher,
  createPayloadSealer,
  type EventStore,
  type KeyStore,
  openEvent,
  periodKeyId,
  readSealedPeriod,
  tallySheetStream,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { contact, hotSheet, serviceOn, uuid } from './sheet-fixture.js';

// 7bbc40f: one derivation per key, a key forgotten is zeroed everywhere. A seal racing tallies
// of its month, in this process or another: nothing may be stored sealed under a zeroed
// (all-zero) subkey or named with a zeroed naming key; every tally answered as written is in
// the sealed tables; and no key of the sealed month is left in the key store.

const PERIOD = '2025-03';
const ZERO = new Uint8Array(32);
const zeroSealer = createPayloadSealer(createAesGcmCipher(), ZERO);

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Everything stored, scanned for what a zeroed key sealed or named. */
async function zeroKeyed(store: EventStore): Promise<string[]> {
  const found: string[] = [];
  const zeroName = tallySheetStream({ ...hotSheet, period: PERIOD }, ZERO);
  for (const event of await collect(store.readAll())) {
    if (event.stream === zeroName) found.push(`a sheet named with a zeroed key: ${event.stream}`);
    try {
      const opened = openEvent(event, () => zeroSealer);
      if (opened.readable && event.stream.includes('-')) {
        // public events are readable without any key: only private ones count
        const plainToo = openEvent(event);
        if (!plainToo.readable) found.push(`${event.stream}#${event.revision} opens under an all-zero key`);
      }
    } catch {
      // malformed under the zero key: not sealed with it
    }
  }
  return found;
}

async function race(
  sealer: CommandService,
  writer: CommandService,
  store: EventStore,
  keys: KeyStore,
  startAfter: number,
  primeSheet: boolean,
) {
  if (primeSheet) expect(E.isRight(await writer.tally(contact(1)))).toBe(true);
  const answers: Promise<E.Either<{ code: string }, unknown>>[] = [];
  let sealing: Promise<unknown> | undefined;
  for (let step = 0; step < 40; step += 1) {
    if (step === startAfter)
      sealing = sealer.sealPeriod({ type: 'SealPeriod', commandId: uuid(500), period: PERIOD });
    answers.push(writer.tally(contact(10 + step)));
    await tick();
  }
  const sealed = await sealing;
  expect(E.isRight(sealed as E.Either<unknown, unknown>)).toBe(true);
  const results = await Promise.all(answers);
  const written = results.filter(E.isRight).length + (primeSheet ? 1 : 0);
  const codes = results.flatMap((result) => (E.isLeft(result) ? [result.left.code] : []));
  const record = await readSealedPeriod(store, PERIOD);
  const counted = record.sheets.reduce((sum, sheet) => sum + (sheet.tables.contacts as number), 0);
  return {
    written,
    counted,
    codes: [...new Set(codes)],
    keyLeft: (await keys.get(periodKeyId(PERIOD))) !== undefined,
    zero: await zeroKeyed(store),
  };
}

describe('a month sealed while tallies for it are in flight', () => {
  for (const [name, processes, keyRecheckMs] of [
    ['in the same process', 1, 1],
    ['from another process (keys looked up again every millisecond)', 2, 1],
    ['from another process (keys looked up again every minute, the default)', 2, 60_000],
  ] as const)
    for (const primeSheet of [true, false])
      it(`${name}, ${primeSheet ? 'its sheet already written' : 'the month still empty'}: every tally answered as written is counted, no key of it is left, nothing under a zeroed key`, async () => {
        const problems: string[] = [];
        for (let startAfter = 0; startAfter < 12; startAfter += 1) {
          const store = createMemoryEventStore();
          const keys = createMemoryKeyStore();
          const writer = await serviceOn(store, keys, { keyRecheckMs });
          const sealer = processes === 1 ? writer : await serviceOn(store, keys, { keyRecheckMs });
          const outcome = await race(sealer, writer, store, keys, startAfter, primeSheet);
          if (outcome.written !== outcome.counted)
            problems.push(
              `seal started at step ${startAfter}: ${outcome.written} tallies answered as written, ${outcome.counted} counted in the sealed tables`,
            );
          if (outcome.keyLeft)
            problems.push(`seal started at step ${startAfter}: the sealed month's key is in the key store`);
          if (outcome.zero.length > 0)
            problems.push(
              `seal started at step ${startAfter}: ${outcome.zero.length} stored events sealed or named under a zeroed key, e.g. ${outcome.zero[0]}`,
            );
          const unexpected = outcome.codes.filter((code) => code !== 'SHEET_SEALED');
          if (unexpected.length > 0) problems.push(`step ${startAfter}: refused ${unexpected.join(', ')}`);
        }
        expect(problems).toEqual([]);
      }, 30_000);
});
