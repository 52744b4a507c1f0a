import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { SESSION_MARKS, serviceWithSeries } from './series-fixture.js';

// A session may come in while another process is sealing its month: every sheet of the month
// closed for the seal and its tables written, the detail not yet deleted. Two things keep it out
// today — the opener sees the month's registry closed, and the decision sees the detail closed —
// and a session that got in would be deleted with the detail, in no table. A cache-first opener
// for sessions (as tallies have) was tried and measured (no gain beyond noise, bench/README.md):
// with it only the detail's closed state stands in the way. This test failed with that check
// ignored under the cache-first opener, and with both checks ignored under today's (the session
// answered with a receipt, then destroyed by the seal).

const uuid = (n: number): string => `5e55b000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const clock = fixedClock('2026-02-20T10:00:00Z');
const MONTH = '2026-01';

/** A process with a series of råd och stöd that has had one session in January (its sheet cached). */
async function seriesWithASession(store: EventStore, keys: KeyStore) {
  const { service: here, token } = await serviceWithSeries(uuid, { store, keys });
  const first = await here.recordSession({
    type: 'RecordSession',
    commandId: uuid(2),
    token,
    date: `${MONTH}-12`,
    marks: SESSION_MARKS,
  });
  if (E.isLeft(first)) throw new Error(first.left.code);
  return { here, token };
}

const secondSession = (token: string) => ({
  type: 'RecordSession' as const,
  commandId: uuid(3),
  token,
  date: `${MONTH}-19`,
  marks: SESSION_MARKS,
});

describe('a session coming in while another process seals its month', () => {
  it('is refused while the seal is under way (the detail closed, not yet deleted); the sealed tables are those of a quiet seal', async () => {
    /** The January tables a seal keeps, with `during` run just before it deletes the detail. */
    const sealedTables = async (during?: (here: CommandService, token: string) => Promise<void>) => {
      const shared = createMemoryEventStore();
      const keys = createMemoryKeyStore();
      const { here, token } = await seriesWithASession(shared, keys);
      let interrupted = false;
      // The other process stopped just before it deletes the month's detail: every sheet is
      // closed for the seal and its tables are written. This process's session comes in then.
      const sealing: EventStore = {
        ...shared,
        async deleteStreams(streams) {
          if (!interrupted) {
            interrupted = true;
            await during?.(here, token);
          }
          return shared.deleteStreams(streams);
        },
      };
      const elsewhere = createCommandService({ store: sealing, keys, catalogueId: 'vaggeryd', clock });
      const sealed = await elsewhere.sealPeriod({ type: 'SealPeriod', commandId: uuid(4), period: MONTH });
      expect(E.isRight(sealed)).toBe(true);
      const tables: unknown[] = [];
      for await (const event of shared.readAll())
        if (event.type === 'SheetsSealed') tables.push(JSON.parse(Buffer.from(event.data).toString('utf8')));
      return tables;
    };
    let meanwhile: E.Either<{ code: string }, unknown> | undefined;
    const raced = await sealedTables(async (here, token) => {
      meanwhile = await here.recordSession(secondSession(token));
    });
    expect(meanwhile !== undefined && E.isLeft(meanwhile) && meanwhile.left.code).toBe('SHEET_SEALED');
    expect(raced.length).toBeGreaterThan(0);
    expect(raced).toEqual(await sealedTables());
  });
});
