import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../src/crypto/aes-gcm-cipher.js';
import { createPayloadSealer } from '../src/crypto/payload-sealer.js';
import { GENESIS_HASH } from '../src/envelope/event-hash.js';
import { sealEvent } from '../src/envelope/seal-event.js';
import { createSheetReceipts } from '../src/service/sheet-receipts.js';

// A sheet keeps whole receipts for its newest 16 commands only; an older command's receipt is
// read back from the store. No command of today's service writes more than one event on a
// sheet, but the index is built for one that does (a later command kind, another version of
// the library in another process): its retry must get back every event it wrote, not the first.

const STREAM = 'tally-2025-03-multi';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function sheetWith(commands: readonly (readonly string[])[]) {
  const store = createMemoryEventStore();
  // Sealed as the service seals a sheet's events (a clear one in a tally stream is refused).
  const sealer = createPayloadSealer(createAesGcmCipher(), new Uint8Array(32).fill(3));
  const privacy = { sealer, paddedSize: () => 1024 };
  const receipts = createSheetReceipts(store, STREAM, () => sealer);
  let prev = GENESIS_HASH;
  let revision = 0;
  for (const [index, eventIds] of commands.entries()) {
    const commandId = id(10_000 + index);
    for (const eventId of eventIds) {
      const sealed = sealEvent(
        STREAM,
        revision,
        prev,
        {
          id: eventId,
          type: 'ContactTallied',
          data: { n: revision },
          meta: { commandId, digest: `digest-${index}` },
        },
        privacy,
      );
      const appended = await store.append(STREAM, [sealed.event], {
        expected: revision === 0 ? 'no-stream' : revision - 1,
      });
      if (appended._tag === 'Left') throw new Error(`setup: ${appended.left.code}`);
      receipts.record(commandId, `digest-${index}`, eventId, revision, sealed.hash);
      prev = sealed.hash;
      revision += 1;
    }
  }
  return receipts;
}

describe("a sheet's receipt of an older command of several events", () => {
  it('is read back whole: every event the command wrote, its last revision, its digest', async () => {
    // The first command wrote three events; twenty single-event commands follow it.
    const commands = [[id(1), id(2), id(3)], ...Array.from({ length: 20 }, (_, n) => [id(100 + n)])];
    const receipts = await sheetWith(commands);
    expect(receipts.recent(id(10_000))).toBeUndefined(); // not kept whole: it must be read back
    const found = await receipts.find(id(10_000));
    expect(found).toEqual({
      commandId: id(10_000),
      stream: STREAM,
      eventIds: [id(1), id(2), id(3)],
      revision: 2,
      digest: 'digest-0',
    });
  });

  it('is read back whole in the middle of the sheet, and its neighbours keep theirs', async () => {
    const commands = [
      [id(1)],
      [id(2), id(3)],
      [id(4)],
      ...Array.from({ length: 20 }, (_, n) => [id(100 + n)]),
    ];
    const receipts = await sheetWith(commands);
    expect((await receipts.find(id(10_001)))?.eventIds).toEqual([id(2), id(3)]);
    expect((await receipts.find(id(10_000)))?.eventIds).toEqual([id(1)]);
    expect(await receipts.find(id(10_002))).toMatchObject({ eventIds: [id(4)], revision: 3 });
  });
});
