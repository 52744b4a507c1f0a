import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import * as E from 'fp-ts/lib/Either.js';
import { vaggerydCatalogue } from '../catalogue/vaggeryd/vaggeryd-catalogue.js';
import { createChainVerifier } from '../envelope/chain-verifier.js';
import { fixedClock } from '../ports/clock.js';
import type { EventStore } from '../ports/event-store.js';
import type { KeyStore } from '../ports/key-store.js';
import type { SheetSealed } from '../sealing/period-events.js';
import { type CommandService, createCommandService } from '../service/command-service.js';
import { periodKeyId, periodStream } from '../streams.js';
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
const uuid = (n: number): string => `c0ffee00-0000-4000-8000-${String(run * 100_000 + n).padStart(12, '0')}`;

async function service(store: EventStore, keys: KeyStore): Promise<CommandService> {
  const made = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
  const adopted = await made.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(0),
    catalogue: vaggerydCatalogue(),
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.message.en);
  return made;
}

const outreach = (n: number, unit = 'motesplats') => ({
  type: 'TallyContact',
  commandId: uuid(n),
  interventionId: 'motesplats-uppsokande',
  unitId: unit,
  date: `2025-06-${String((n % 28) + 1).padStart(2, '0')}`,
  marks: { gender: n % 3 === 0 ? 'male' : 'female' },
});
const visitors = (n: number) => ({
  type: 'TallyVisitors',
  commandId: uuid(n),
  interventionId: 'motesplats-oppen-verksamhet',
  unitId: 'motesplats',
  date: '2025-06-10',
  visitors: { female: n, male: 2 },
});

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

async function sealedSheets(store: EventStore, period: string): Promise<SheetSealed[]> {
  return (await collect(store.readStream(periodStream(period)))).filter(
    (event) => event.type === 'SheetSealed',
  ) as unknown as SheetSealed[];
}

/**
 * Privacy-at-rest cases every store adapter runs (they exercise its concurrency and
 * idempotency through the full command path): a seal that crashes part-way completes
 * without double-counting, and two sessions racing for a series' last place cannot both win.
 */
export function privacyContract(): readonly PrivacyContractCase[] {
  return [
    {
      name: 'a seal that dies after some sheets completes when run again, without double-counting',
      run: (factory) =>
        within(factory, async (store, keys) => {
          const first = await service(store, keys);
          for (let n = 1; n <= 6; n += 1) await mustSucceed(first.tally(outreach(n)));
          for (let n = 7; n <= 9; n += 1) await mustSucceed(first.tally(visitors(n)));
          let sealsAllowed = 1;
          const dying: EventStore = {
            ...store,
            append: async (stream, events, options) => {
              if (
                stream === periodStream('2025-06') &&
                events.some((event) => event.type === 'SheetSealed')
              ) {
                if (sealsAllowed === 0) throw new Error('the process died');
                sealsAllowed -= 1;
              }
              return store.append(stream, events, options);
            },
          };
          const crashing = await service(dying, keys);
          await crashing.sealPeriod('2025-06').then(
            () => {
              throw new Error('the seal should have died');
            },
            (error: Error) => strictEqual(error.message, 'the process died'),
          );
          strictEqual((await sealedSheets(store, '2025-06')).length, 1, 'one sheet sealed before the crash');
          ok(await keys.get(periodKeyId('2025-06')), 'the key survives a crash before the seal completed');

          const restarted = await service(store, keys);
          const report = await mustSucceed(restarted.sealPeriod('2025-06'));
          strictEqual(report.sheets, 2);
          const sealed = await sealedSheets(store, '2025-06');
          strictEqual(sealed.length, 2, 'each sheet sealed exactly once');
          const contacts = sealed.find((event) => event.data.interventionId === 'motesplats-uppsokande');
          strictEqual(contacts?.data.tables.contacts, 6);
          deepStrictEqual({ ...contacts?.data.tables.marginals.gender }, { female: 4, male: 2 });
          const open = sealed.find((event) => event.data.interventionId === 'motesplats-oppen-verksamhet');
          deepStrictEqual(open?.data.tables.visitors, { female: 24, male: 6 });
          strictEqual(await keys.get(periodKeyId('2025-06')), undefined, 'the period key is destroyed');
          await mustSucceed(restarted.sealPeriod('2025-06'));
          strictEqual((await sealedSheets(store, '2025-06')).length, 2, 'sealing again changes nothing');
        }),
    },
    {
      name: 'a seal that dies between recording the seal and destroying the key destroys it when run again',
      run: (factory) =>
        within(factory, async (store, keys) => {
          const first = await service(store, keys);
          await mustSucceed(first.tally(outreach(1)));
          let failOnce = true;
          const flakyKeys: KeyStore = {
            ...keys,
            destroy: async (keyId) => {
              if (failOnce) {
                failOnce = false;
                throw new Error('the process died');
              }
              return keys.destroy(keyId);
            },
          };
          const crashing = createCommandService({ store, keys: flakyKeys, catalogueId: 'vaggeryd', clock });
          await crashing.sealPeriod('2025-06').catch(() => undefined);
          ok(await keys.get(periodKeyId('2025-06')), 'the key is still there after the crash');
          const refused = await (await service(store, keys)).tally(outreach(2));
          strictEqual(
            E.isLeft(refused) && refused.left.code,
            'SHEET_SEALED',
            'a sealed period takes no tallies even with its key left',
          );
          await mustSucceed((await service(store, keys)).sealPeriod('2025-06'));
          strictEqual(await keys.get(periodKeyId('2025-06')), undefined);
          strictEqual((await sealedSheets(store, '2025-06')).length, 1);
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
          const sheet = (await collect(store.readAll())).filter((event) =>
            event.stream.startsWith('tally-2025-06'),
          );
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
            counsellor.openSeries({ interventionId: 'rad-och-stod', unitId: 'motesplats' }),
          );
          const session = (n: number) => ({
            token,
            commandId: uuid(100 + n),
            date: `2025-09-0${String((n % 9) + 1)}`,
            marks: {
              gender: 'female',
              childAge: 8,
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
          const tallied = (await collect(store.readAll())).filter((event) =>
            event.stream.startsWith('tally-2025-09'),
          );
          strictEqual(tallied.length, 5, 'five tallies on the sheet, not six');
        }),
    },
  ];
}
