import { createCommandService, fixedClock, vaggerydCatalogue } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { SESSION_MARKS } from './series-fixture.js';

// The series index keeps, in clear and for good, each closed series' deleted stream size (the
// auditor proves the deletion with it) and how many notes went. Unpadded, the stream held its
// opening, one event per contact and per note, and its closing: size − notes − 2 was the
// series' number of contacts, for every series (found by an attacker; 81 of 81 on the seeded
// year). Padded at the closing to a bucket, every series of up to five contacts looks the same.

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe("a closed series' clear record in the index", () => {
  it('does not tell how many contacts it had', async () => {
    const store = createMemoryEventStore();
    const service = createCommandService({
      store,
      keys: createMemoryKeyStore(),
      catalogueId: 'vaggeryd',
      clock: fixedClock('2026-02-20T10:00:00Z'),
    });
    const ok = <T>(answer: E.Either<{ code: string }, T>): T => {
      if (E.isLeft(answer)) throw new Error(answer.left.code);
      return answer.right;
    };
    ok(
      await service.adoptCatalogue({
        type: 'AdoptCatalogue',
        commandId: uuid(1),
        catalogue: vaggerydCatalogue(),
      }),
    );
    let n = 100;
    const nextId = (): string => {
      n += 1;
      return uuid(n);
    };
    for (let contacts = 1; contacts <= 5; contacts += 1) {
      const { token } = ok(
        await service.openSeries({
          type: 'OpenSeries',
          commandId: nextId(),
          interventionId: 'rad-och-stod',
          unitId: 'motesplats',
        }),
      );
      for (let session = 0; session < contacts; session += 1)
        ok(
          await service.recordSession({
            type: 'RecordSession',
            commandId: nextId(),
            token,
            date: `2026-02-${String(2 + session).padStart(2, '0')}`,
            marks: SESSION_MARKS,
          }),
        );
      ok(
        await service.closeSeries({
          type: 'CloseSeries',
          commandId: nextId(),
          token,
          reason: 'completed',
        }),
      );
    }
    // What a copy of the store shows of each closing, in clear.
    const records: { size: number; notesDestroyed: number }[] = [];
    for await (const event of store.readAll())
      if (event.stream === 'series-index' && event.type === 'SeriesClosed')
        records.push(JSON.parse(Buffer.from(event.data).toString('utf8')).data);
    expect(records).toHaveLength(5);
    expect(records.map((record) => record.size - record.notesDestroyed - 2)).not.toEqual([1, 2, 3, 4, 5]);
    expect(new Set(records.map((record) => record.size))).toEqual(new Set([8]));
  });
});
