import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import * as E from 'fp-ts/lib/Either.js';
import { vaggerydCatalogue } from '../catalogue/vaggeryd/vaggeryd-catalogue.js';
import { createChainVerifier } from '../envelope/chain-verifier.js';
import { fixedClock } from '../ports/clock.js';
import type { EventStore } from '../ports/event-store.js';
import type { KeyStore } from '../ports/key-store.js';
import { readSealedPeriod } from '../sealing/read-sealed-period.js';
import { type CommandService, createCommandService } from '../service/command-service.js';
import { periodKeyId, SERIES_INDEX_STREAM } from '../streams.js';
import type { TallyCommandInput } from '../tally/commands.js';
import { collect } from './collect.js';

/** Makes a fresh store and key store for one privacy case. */
export type PrivacyFactory = () => Promise<{
  store: EventStore;
  keys: KeyStore;
  dispose?: () => Promise<void>;
}>;

/** One case of the privacy contract. */
export interface PrivacyContractCase {
  readonly name: string;
  run(factory: PrivacyFactory): Promise<void>;
}

const clock = fixedClock('2026-02-20T10:00:00Z');
let run = 0;
const uuid = (n: number): string =>
  `c0ffee00-0000-4000-8000-${String((run % 9_000_000) * 100_000 + n).padStart(12, '0')}`;

async function service(store: EventStore, keys: KeyStore, at = clock): Promise<CommandService> {
  const made = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: at });
  const adopted = await made.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(0),
    catalogue: vaggerydCatalogue(),
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.message.en);
  return made;
}

const outreach = (n: number, unit = 'motesplats'): TallyCommandInput => ({
  type: 'TallyContact',
  commandId: uuid(n),
  interventionId: 'motesplats-uppsokande',
  unitId: unit,
  date: `2025-06-${String((n % 28) + 1).padStart(2, '0')}`,
  marks: { gender: n % 3 === 0 ? 'male' : 'female' },
});
const visitors = (n: number): TallyCommandInput => ({
  type: 'TallyVisitors',
  commandId: uuid(n),
  interventionId: 'motesplats-oppen-verksamhet',
  unitId: 'motesplats',
  date: '2025-06-10',
  visitors: { female: n, male: 2 },
});
const seal = (period: string, n = 50_000) => ({ type: 'SealPeriod' as const, commandId: uuid(n), period });

async function within(
  factory: PrivacyFactory,
  body: (store: EventStore, keys: KeyStore) => Promise<void>,
): Promise<void> {
  run += 1;
  const { store, keys, dispose } = await factory();
  try {
    await body(store, keys);
  } finally {
    await dispose?.();
  }
}

async function mustSucceed<T>(promise: Promise<E.Either<{ code: string }, T>>): Promise<T> {
  const result = await promise;
  if (E.isLeft(result)) throw new Error(`refused: ${result.left.code}`);
  return result.right;
}

/** Every event still readable in the whole log whose stream starts with one of the prefixes. */
async function remaining(store: EventStore, ...prefixes: string[]) {
  return (await collect(store.readAll())).filter((event) =>
    prefixes.some((prefix) => event.stream.startsWith(prefix)),
  );
}

/** A store whose method dies (throws, as a killed process would) the first time `when` says so. */
function dyingOnce(store: EventStore, overrides: (die: () => never) => Partial<EventStore>): EventStore {
  let died = false;
  const die = (): never => {
    died = true;
    throw new Error('the process died');
  };
  const wrapped = overrides(die);
  const once = <K extends keyof EventStore>(key: K): EventStore[K] =>
    (wrapped[key] !== undefined && !died ? wrapped[key] : store[key]) as EventStore[K];
  return {
    reportsExactWrites: store.reportsExactWrites ?? false,
    append: (...args) => (died ? store.append(...args) : once('append')(...args)),
    appendBatch: (...args) => (died ? store.appendBatch(...args) : once('appendBatch')(...args)),
    deleteStreams: (...args) => (died ? store.deleteStreams(...args) : once('deleteStreams')(...args)),
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    subscribe: (...args) => store.subscribe(...args),
  };
}

async function sealedContacts(store: EventStore) {
  const { sheets, seal: sealed } = await readSealedPeriod(store, '2025-06');
  return { sheets, sealed };
}

/**
 * Privacy-at-rest cases every store adapter runs (they exercise its deletion, concurrency and
 * idempotency through the full command path): a seal or a closing killed at any step
 * completes when run again — deletions and key destruction included — without counting
 * anything twice; a stale writer cannot revive deleted detail; two sessions racing for a
 * series' last place cannot both win.
 */
export function privacyContract(): readonly PrivacyContractCase[] {
  return [
    {
      name: 'a seal that dies before it is recorded completes when run again, without double-counting',
      run: (factory) =>
        within(factory, async (store, keys) => {
          const first = await service(store, keys);
          for (let n = 1; n <= 6; n += 1) await mustSucceed(first.tally(outreach(n)));
          for (let n = 7; n <= 9; n += 1) await mustSucceed(first.tally(visitors(n)));
          const dying = dyingOnce(store, (die) => ({
            append: (stream, events, options) =>
              events.some((event) => event.type === 'PeriodSealed')
                ? die()
                : store.append(stream, events, options),
          }));
          await (await service(dying, keys)).sealPeriod(seal('2025-06')).then(
            () => {
              throw new Error('the seal should have died');
            },
            (error: Error) => strictEqual(error.message, 'the process died'),
          );
          strictEqual((await sealedContacts(store)).sealed, undefined, 'not sealed yet');
          ok(await keys.get(periodKeyId('2025-06')), 'the key survives a crash before the seal completed');
          const meanwhile = await (await service(store, keys)).tally(outreach(20));
          strictEqual(
            E.isLeft(meanwhile) && meanwhile.left.code,
            'SHEET_SEALED',
            'a period being sealed takes no tally',
          );

          const restarted = await service(store, keys);
          const report = await mustSucceed(restarted.sealPeriod(seal('2025-06')));
          strictEqual(report.sheets, 2);
          const { sheets, sealed } = await sealedContacts(store);
          strictEqual(sheets.length, 2, 'each sheet sealed exactly once');
          const contacts = sheets.find((sheet) => sheet.interventionId === 'motesplats-uppsokande');
          strictEqual(contacts?.tables.contacts, 6);
          deepStrictEqual({ ...contacts?.tables.marginals.gender }, { female: 4, male: 2 });
          const open = sheets.find((sheet) => sheet.interventionId === 'motesplats-oppen-verksamhet');
          deepStrictEqual(open?.tables.visitors, { female: 24, male: 6 });
          strictEqual(
            sealed?.deleted.length,
            2,
            'the month’s detail stream (both sheets) and the registry are listed as deleted',
          );
          deepStrictEqual(
            await remaining(store, 'tally-2025-06', 'registry-2025-06'),
            [],
            'their events are gone',
          );
          strictEqual(await keys.get(periodKeyId('2025-06')), undefined, 'the period key is destroyed');
          await mustSucceed(restarted.sealPeriod(seal('2025-06', 50_001)));
          strictEqual((await sealedContacts(store)).sheets.length, 2, 'sealing again changes nothing');
        }),
    },
    {
      name: 'a seal that dies after it is recorded deletes the detail and destroys the key when run again',
      run: (factory) =>
        within(factory, async (store, keys) => {
          const first = await service(store, keys);
          for (let n = 1; n <= 3; n += 1) await mustSucceed(first.tally(outreach(n)));
          const dying = dyingOnce(store, (die) => ({ deleteStreams: () => die() }));
          await (await service(dying, keys)).sealPeriod(seal('2025-06')).catch(() => undefined);
          ok((await sealedContacts(store)).sealed !== undefined, 'the seal was recorded before the crash');
          ok((await remaining(store, 'tally-2025-06')).length > 0, 'the detail was not deleted yet');
          const refused = await (await service(store, keys)).tally(outreach(9));
          strictEqual(
            E.isLeft(refused) && refused.left.code,
            'SHEET_SEALED',
            'a sealed period takes no tally',
          );
          await mustSucceed((await service(store, keys)).sealPeriod(seal('2025-06')));
          deepStrictEqual(await remaining(store, 'tally-2025-06', 'registry-2025-06'), []);
          strictEqual(await keys.get(periodKeyId('2025-06')), undefined);
          strictEqual((await sealedContacts(store)).sheets[0]?.tables.contacts, 3);
        }),
    },
    {
      name: 'a seal that dies before destroying the key destroys it when run again',
      run: (factory) =>
        within(factory, async (store, keys) => {
          await mustSucceed((await service(store, keys)).tally(outreach(1)));
          let failOnce = true;
          const flakyKeys: KeyStore = {
            ...keys,
            create: (keyId) => keys.create(keyId),
            get: (keyId) => keys.get(keyId),
            destroy: async (keyId) => {
              if (failOnce) {
                failOnce = false;
                throw new Error('the process died');
              }
              return keys.destroy(keyId);
            },
          };
          await (await service(store, flakyKeys)).sealPeriod(seal('2025-06')).catch(() => undefined);
          ok(await keys.get(periodKeyId('2025-06')), 'the key is still there after the crash');
          const refused = await (await service(store, keys)).tally(outreach(2));
          strictEqual(
            E.isLeft(refused) && refused.left.code,
            'SHEET_SEALED',
            'a sealed period takes no tallies even with its key left',
          );
          await mustSucceed((await service(store, keys)).sealPeriod(seal('2025-06')));
          strictEqual(await keys.get(periodKeyId('2025-06')), undefined);
          strictEqual((await sealedContacts(store)).sheets.length, 1);
        }),
    },
    {
      name: 'a writer holding a sealed sheet in its cache cannot revive its deleted detail',
      run: (factory) =>
        within(factory, async (store, keys) => {
          const stale = await service(store, keys);
          await mustSucceed(stale.tally(outreach(1)));
          await mustSucceed((await service(store, keys)).sealPeriod(seal('2025-06')));
          const late = await stale.tally(outreach(2));
          strictEqual(E.isLeft(late) && late.left.code, 'SHEET_SEALED');
          deepStrictEqual(
            await remaining(store, 'tally-2025-06', 'registry-2025-06'),
            [],
            'nothing was written after the seal',
          );
          strictEqual(await keys.get(periodKeyId('2025-06')), undefined, 'no key was made again');
        }),
    },
    {
      name: 'the same command sent by two processes at once is stored once, and both go on writing one valid chain',
      run: (factory) =>
        within(factory, async (store, keys) => {
          const [one, two] = [await service(store, keys), await service(store, keys)];
          for (let round = 1; round <= 5; round += 1) {
            const same = outreach(round * 10);
            const results = await Promise.all([one.tally(same), two.tally(same)]);
            for (const result of results) ok(E.isRight(result), `round ${round}: ${JSON.stringify(result)}`);
            await mustSucceed(one.tally(outreach(round * 10 + 1)));
            await mustSucceed(two.tally(outreach(round * 10 + 2)));
          }
          const sheet = await remaining(store, 'tally-2025-06');
          strictEqual(sheet.length, 15, 'five shared commands once each, and ten of their own');
          const verifier = createChainVerifier();
          deepStrictEqual(sheet.map((event) => verifier.check(event)).filter(Boolean), []);
          await mustSucceed((await service(store, keys)).tally(outreach(99)));
        }),
    },
    {
      name: 'two sessions racing for the last place of a series: exactly one is recorded',
      run: (factory) =>
        within(factory, async (store, keys) => {
          const counsellor = await service(store, keys);
          const colleague = await service(store, keys);
          const { token } = await mustSucceed(
            counsellor.openSeries({
              type: 'OpenSeries',
              commandId: uuid(1),
              interventionId: 'rad-och-stod',
              unitId: 'motesplats',
            }),
          );
          const session = (n: number) => ({
            type: 'RecordSession' as const,
            token,
            commandId: uuid(100 + n),
            date: `2025-09-0${String((n % 9) + 1)}`,
            marks: {
              gender: 'female',
              childAges: [8, 5],
              numberOfChildren: 2,
              problemArea: 'parenting',
              routeIn: 'school',
              furtherAction: 'none',
            },
          });
          for (let n = 1; n <= 4; n += 1) await mustSucceed(counsellor.recordSession(session(n)));
          const raced = await Promise.all([
            counsellor.recordSession(session(5)),
            colleague.recordSession(session(6)),
          ]);
          const won = raced.filter(E.isRight);
          const lost = raced.filter(E.isLeft);
          strictEqual(won.length, 1, 'exactly one of the two is recorded');
          strictEqual(lost[0]?.left.code, 'SERIES_LIMIT_REACHED');
          const sixth = await counsellor.recordSession(session(7));
          strictEqual(E.isLeft(sixth) && sixth.left.code, 'SERIES_LIMIT_REACHED');
          strictEqual(
            (await remaining(store, 'tally-2025-09')).length,
            5,
            'five tallies on the sheet, not six',
          );
        }),
    },
    {
      name: 'closing a series deletes its stream and destroys its key; a closing that dies completes on expiry',
      run: (factory) =>
        within(factory, async (store, keys) => {
          const counsellor = await service(store, keys);
          const { token } = await mustSucceed(
            counsellor.openSeries({
              type: 'OpenSeries',
              commandId: uuid(1),
              interventionId: 'rad-och-stod',
              unitId: 'motesplats',
            }),
          );
          await mustSucceed(
            counsellor.writeNote({ type: 'WriteNote', commandId: uuid(2), token, text: 'Pratade om sömn.' }),
          );
          const seriesStreams = (await remaining(store, 'series-')).filter(
            (event) => event.stream !== SERIES_INDEX_STREAM,
          );
          const stream = seriesStreams[0]?.stream as string;
          const dying = dyingOnce(store, (die) => ({ deleteStreams: () => die() }));
          await (await service(dying, keys))
            .closeSeries({ type: 'CloseSeries', commandId: uuid(3), token, reason: 'completed' })
            .catch(() => undefined);
          ok((await collect(store.readStream(stream))).length > 0, 'the crash came before the deletion');
          const expiry = await (await service(store, keys)).expireSeries();
          strictEqual(expiry.open, 0);
          deepStrictEqual(await collect(store.readStream(stream)), [], 'the series stream is gone');
          strictEqual(await keys.get(stream), undefined, 'its key is destroyed');
          const index = await collect(store.readStream(SERIES_INDEX_STREAM));
          // Its opening is in its month's (sealed) registry until that month's seal indexes it.
          deepStrictEqual(
            index.map((event) => event.type),
            ['SeriesClosed'],
            'the index keeps that it was closed, and nothing dates its opening',
          );
          const notes = await counsellor.readNotes({ token });
          strictEqual(E.isLeft(notes) && notes.left.code, 'SERIES_CLOSED');
        }),
    },
  ];
}
