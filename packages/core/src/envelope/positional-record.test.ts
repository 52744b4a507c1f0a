import { describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../crypto/aes-gcm-cipher.js';
import { createPayloadSealer } from '../crypto/payload-sealer.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { secureRandom } from '../ports/random.js';
import { GENESIS_HASH } from './event-hash.js';
import { decodeInner, type InnerRecord, innerJson, sealedInnerJson } from './inner-record.js';
import { openEvent } from './open-event.js';
import { sealPadded } from './padded-plaintext.js';
import { fromPositional } from './positional-record.js';
import { sealEvent } from './seal-event.js';

// A tally sheet's detail is sealed as an array of values (`positional-record.ts`): the replay's
// parse was its largest part. What a reader must be able to count on: every record comes back
// exactly as written, a record the table does not describe keeps the named form, stores sealed
// before this form (named JSON inside the ciphertext) still open, and an array that is not
// exactly a record of the table is refused rather than read as something else. Weakenings seen
// to fail: dropping the decoder's "every value read, none left over" check (the refusals), or the
// encoder's count of members the form lists (a record with an unlisted member loses it).

const TALLY_ID = '2c4a1230-d7ba-48b3-9cdc-85f2cf1c2159';
const OTHER_ID = '6f1d3b52-9a0e-4c7b-8e21-0d5f4a3c2b19';
const base = {
  catalogueVersion: '1.1',
  interventionId: 'motesplats-uppsokande',
  period: '2025-01',
  tallyId: TALLY_ID,
  unitId: 'motesplats',
};
const commandMeta = { catalogueVersion: '1.1', commandId: TALLY_ID, digest: '5LJEcJLwxXV-ww54zvAj6A' };
const contact = {
  type: 'ContactTallied',
  data: { ...base, marks: { gender: 'female', childAges: ['0-2', '7-9'] } },
};

const { unitId: _unit, ...withoutUnit } = contact.data;

const records: [string, InnerRecord][] = [
  ['a contact', { ...contact, meta: commandMeta }],
  [
    "a session's contact, with both optional ids",
    {
      type: 'ContactTallied',
      data: { ...contact.data, session: { series: 'a'.repeat(32), on: '2025-01-14' } },
      meta: { ...commandMeta, correlationId: OTHER_ID, causationId: OTHER_ID, catalogueId: 'vaggeryd' },
    },
  ],
  [
    'a contact of an unusual shape (no unit: built member by member)',
    { type: 'ContactTallied', data: withoutUnit, meta: { commandId: OTHER_ID } },
  ],
  [
    'a group meeting',
    {
      type: 'GroupMeetingTallied',
      data: { ...base, participants: { adults: { female: 3 }, children: { male: 2 } } },
      meta: commandMeta,
    },
  ],
  [
    'visitors',
    { type: 'VisitorsTallied', data: { ...base, visitors: { female: 12, x: 1 } }, meta: commandMeta },
  ],
  [
    'a void (its own command id, the voided tally inside)',
    {
      type: 'TallyVoided',
      data: { ...base, reason: 'registered-by-mistake', voided: contact },
      meta: { ...commandMeta, commandId: OTHER_ID },
    },
  ],
  [
    "a series' end",
    {
      type: 'SeriesEnded',
      data: {
        contacts: 4,
        interventionId: 'rad-och-stod',
        period: '2025-01',
        series: 'b'.repeat(32),
        unitId: 'x',
      },
      meta: { commandId: `ended\u0000${'c'.repeat(32)}` },
    },
  ],
  [
    "an end without its series' tag",
    {
      type: 'SeriesEnded',
      data: { contacts: 1, interventionId: 'rad-och-stod', period: '2025-01', unitId: 'x' },
      meta: { commandId: 'ended' },
    },
  ],
  [
    "an untallied series' end",
    {
      type: 'SeriesEndMarked',
      data: { interventionId: 'rad-och-stod', period: '2025-01', series: 'd'.repeat(32), unitId: 'x' },
      meta: { commandId: 'ended' },
    },
  ],
  [
    "a sheet's close",
    {
      type: 'SheetClosed',
      data: { interventionId: 'rad-och-stod', period: '2025-01', unitId: 'x' },
      meta: { commandId: 'close\u0000tally-2025-01-x' },
    },
  ],
];

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('the positional form of a sheet detail record', () => {
  it.each(records)('gives %s back exactly, in fewer bytes than the named form', (_name, record) => {
    const sealed = sealedInnerJson(record);
    expect(sealed.startsWith('[')).toBe(true);
    expect(sealed.length).toBeLessThan(innerJson(record).length);
    const back = decodeInner(bytes(sealed));
    expect(back).toEqual(record);
    // Canonical text again from what was read: the record a hash or a digest sees is the same.
    expect(innerJson(back as InnerRecord)).toBe(innerJson(record));
  });

  it("writes a tally's id once when it is its command's id, and names no member", () => {
    const sealed = sealedInnerJson({ ...contact, meta: commandMeta });
    expect(sealed.split(TALLY_ID)).toHaveLength(2);
    expect(sealed.split('"1.1"')).toHaveLength(2);
    for (const name of ['interventionId', 'tallyId', 'commandId', 'catalogueVersion', 'ContactTallied'])
      expect(sealed).not.toContain(name);
  });

  it('keeps the named form for a record whose members the table does not list', () => {
    const unlisted: InnerRecord[] = [
      { type: 'ContactTallied', data: { ...contact.data, extra: 1 }, meta: commandMeta },
      { type: 'ContactTallied', data: [1, 2], meta: commandMeta },
      { type: 'ContactTallied', data: contact.data, meta: { ...commandMeta, other: 'x' } as never },
      { type: 'ContactTallied', data: contact.data, meta: { ...commandMeta, digest: 7 } as never },
      { type: 'SheetsSealed', data: { period: '2025-01', sheets: [] }, meta: { commandId: 'seal' } },
    ];
    for (const record of unlisted) {
      const sealed = sealedInnerJson(record);
      expect(sealed).toBe(innerJson(record));
      expect(decodeInner(bytes(sealed))).toEqual(JSON.parse(innerJson(record)));
    }
  });

  it('refuses an array that is not exactly a record of the table', () => {
    const good = JSON.parse(sealedInnerJson({ ...contact, meta: commandMeta })) as unknown[];
    const present = good[1] as number;
    const refused: unknown[][] = [
      [0, ...good.slice(1)], // form 0 is never a form
      [99, ...good.slice(1)], // no such form
      [1.5, ...good.slice(1)],
      ['1', ...good.slice(1)],
      [good[0], -1, ...good.slice(2)],
      [good[0], present + 0.5, ...good.slice(2)],
      [good[0], 2 ** 20, ...good.slice(2)], // bits beyond the form's members
      [...good, 'one value too many'],
      good.slice(0, -1), // one value too few
      [good[0], present & ~(1 << (7 + 3)), ...good.slice(2)], // the command id echoed, but said absent
      [good[0], present, ...good.slice(2, -1), 7], // a digest that is not a string
    ];
    for (const array of refused) {
      expect(fromPositional(array)).toBeUndefined();
      expect(decodeInner(bytes(JSON.stringify(array)))).toBeUndefined();
    }
    // A record without a command id is no record (as in the named form).
    const noCommand = sealedInnerJson({ type: 'SheetClosed', data: { period: 'p' }, meta: {} as never });
    expect(decodeInner(bytes(noCommand))).toBeUndefined();
  });

  it('opens events sealed before it, in the named form, as they were written', () => {
    const key = secureRandom.bytes(32);
    const sealer = createPayloadSealer(createAesGcmCipher(), key);
    const record = { ...contact, meta: commandMeta } as InnerRecord;
    const stream = 'tally-2025-01-abc';
    const context = { stream, eventId: 'e-1' };
    // What the sealer wrote until now: the named form, padded.
    const named = sealPadded(
      innerJson(record),
      () => 1024,
      (padded) => sealer.seal(padded, context),
    );
    const { event } = sealEvent(
      stream,
      0,
      GENESIS_HASH,
      { id: 'e-1', ...record },
      {
        sealer,
        paddedSize: () => 1024,
      },
    );
    const asRecorded = (data: Uint8Array): RecordedEvent => ({
      ...event,
      data,
      stream,
      revision: 0,
      position: '1',
    });
    for (const data of [named, event.data]) {
      const opened = openEvent(asRecorded(data), () => sealer);
      expect(opened.readable && { type: opened.type, data: opened.data, meta: opened.meta }).toEqual(record);
    }
    // Both padded to the same size: which form an event is in does not show in its length.
    expect(event.data.length).toBe(named.length);
  });
});
