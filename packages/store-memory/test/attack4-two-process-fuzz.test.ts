import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { contact, serviceOn, uuid, voiding } from './sheet-fixture.js';

// Two processes on one sheet, bursts of commands at once (conflicts between them, batches in
// each): new tallies, retries of tallies of any age, voids of tallies written in earlier
// bursts (twice at once too), voids of tallies never written. Every answer must be the one a
// service keeping the whole sheet in memory gives.

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Answer = E.Either<{ code: string }, { tallyId: string; revision: number; eventIds: readonly string[] }>;
const code = (answer: Answer) => (E.isLeft(answer) ? answer.left.code : 'written');

describe('two processes on one sheet, in bursts', () => {
  for (const seed of [1, 2, 3]) {
    it(`answers every command as the whole sheet in memory would (seed ${seed})`, async () => {
      const next = random(seed);
      const store = createMemoryEventStore();
      const keys = createMemoryKeyStore();
      const processes = [await serviceOn(store, keys), await serviceOn(store, keys)];
      const pick = () => processes[Math.floor(next() * processes.length)] as (typeof processes)[number];
      const written = new Map<number, Answer>();
      const voided = new Set<number>();
      let n = 1;
      let voidId = 100_000;
      for (let burst = 0; burst < 30; burst += 1) {
        const work: Promise<() => void>[] = [];
        const voidedNow = new Map<number, string[]>();
        for (let op = 0; op < 8; op += 1) {
          const roll = next();
          const known = [...written.keys()];
          if (roll < 0.45 || known.length === 0) {
            const id = n++;
            work.push(
              pick()
                .tally(contact(id))
                .then((answer) => () => {
                  expect(code(answer as Answer)).toBe('written');
                  written.set(id, answer as Answer);
                }),
            );
          } else if (roll < 0.7) {
            const id = known[Math.floor(next() * known.length)] as number;
            work.push(
              pick()
                .tally(contact(id))
                .then((answer) => () => {
                  expect(answer).toEqual(written.get(id));
                }),
            );
          } else if (roll < 0.95) {
            const id = known[Math.floor(next() * known.length)] as number;
            const times = next() < 0.5 ? 2 : 1;
            for (let t = 0; t < times; t += 1)
              work.push(
                pick()
                  .tally(voiding(voidId++, uuid(id)))
                  .then((answer) => () => {
                    voidedNow.set(id, [...(voidedNow.get(id) ?? []), code(answer as Answer)]);
                  }),
              );
          } else {
            work.push(
              pick()
                .tally(voiding(voidId++, uuid(900_000 + op)))
                .then((answer) => () => {
                  expect(code(answer as Answer)).toBe('TALLY_NOT_FOUND');
                }),
            );
          }
        }
        for (const check of await Promise.all(work)) check();
        for (const [id, codes] of voidedNow) {
          const expected = voided.has(id)
            ? codes.map(() => 'TALLY_ALREADY_VOIDED')
            : ['written', ...codes.slice(1).map(() => 'TALLY_ALREADY_VOIDED')];
          expect([...codes].sort(), `voids of tally ${id} in burst ${burst}`).toEqual([...expected].sort());
          voided.add(id);
        }
      }
    });
  }
});

describe('a tally and its void sent at once to one process, while another writes the sheet', () => {
  it('voids the tally once, whatever the conflicts', async () => {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const here = await serviceOn(store, keys);
    const elsewhere = await serviceOn(store, keys);
    // The sheet known to both processes: a command is handed to the sheet's queue in the order sent.
    expect(code(await here.tally(contact(9_999)))).toBe('written');
    expect(code(await elsewhere.tally(contact(9_998)))).toBe('written');
    for (let round = 0; round < 20; round += 1) {
      const id = 1 + round * 10;
      const answers = await Promise.all([
        here.tally(contact(id)),
        here.tally(voiding(50_000 + round * 3, uuid(id))),
        here.tally(contact(id + 1)),
        here.tally(voiding(50_000 + round * 3 + 1, uuid(id))),
        elsewhere.tally(contact(id + 2)),
        elsewhere.tally(contact(id + 3)),
        here.tally(contact(id)),
        here.tally(voiding(50_000 + round * 3 + 2, uuid(id + 2))),
      ]);
      expect(answers.map((answer) => code(answer as Answer)).slice(0, 7)).toEqual([
        'written',
        'written',
        'written',
        'TALLY_ALREADY_VOIDED',
        'written',
        'written',
        'written',
      ]);
      expect(answers[6]).toEqual(answers[0]);
      expect(['written', 'TALLY_NOT_FOUND']).toContain(code(answers[7] as Answer));
    }
  });
});
