import * as E from 'fp-ts/lib/Either.js';
import type { Catalogue } from '../../catalogue/catalogue.js';
import { vaggerydCatalogue } from '../../catalogue/vaggeryd/vaggeryd-catalogue.js';
import type { Cipher } from '../../crypto/cipher.js';
import { fixedClock } from '../../ports/clock.js';
import type { EventStore } from '../../ports/event-store.js';
import type { KeyStore } from '../../ports/key-store.js';
import { seededRandom } from '../../ports/random.js';
import type { Refusal } from '../../refusals/refusal.js';
import { type CommandService, createCommandService } from '../../service/command-service.js';
import { createCommandRecorder } from '../record-commands.js';
import { seededYear } from '../seeded-year.js';

/** What the attacker is given: a store, its keys (only while they exist), and every byte it keeps. */
export interface AttackedStores {
  readonly store: EventStore;
  readonly keys: KeyStore;
  /** Every byte the store keeps, raw: memory buffers, a database's rows and files. */
  raw(): Promise<readonly Uint8Array[]>;
  /** How many copies of a deleted stream's name the store keeps as its tombstone (the name, so nothing revives it). */
  readonly tombstoneCopies: number;
  /** The cipher the service writes with (a spy may wrap it, to see the keys it is handed). */
  readonly cipher?: Cipher;
  dispose?(): Promise<void>;
}

/** The seeded year an attacker gets a copy of, recorded as a municipality would. */
export interface AttackedYear {
  readonly catalogue: Catalogue;
  /** Notes written in series (their texts must vanish), tokens handed out, command ids sent. */
  readonly secrets: readonly string[];
  /** The service that recorded the year (January), and the one that closed and sealed it (June). */
  readonly recording: CommandService;
  readonly closing: CommandService;
}

/** How soon the attacked services notice keys destroyed by another (the default is a minute). */
export const KEY_RECHECK_MS = 100;

const must = <T>(result: E.Either<Refusal, T>, what: string): T => {
  if (E.isLeft(result)) throw new Error(`${what} refused: ${result.left.code}`);
  return result.right;
};

let serial = 0;
const id = (): string => {
  serial += 1;
  return `a77ac4e0-0000-4000-8000-${String(serial).padStart(12, '0')}`;
};

/**
 * Records a seeded year (contacts of limited interventions in series the counsellors close),
 * plus series with working notes — some closed on request, the rest left to expire. `sealAll`
 * then closes every series and seals every month, as half a year later.
 */
export async function recordAttackedYear(stores: AttackedStores, volume: number, seed = 42) {
  const catalogue = vaggerydCatalogue();
  const make = (at: string) =>
    createCommandService({
      store: stores.store,
      keys: stores.keys,
      catalogueId: catalogue.id,
      clock: fixedClock(at),
      random: seededRandom(seed),
      keyRecheckMs: KEY_RECHECK_MS,
      ...(stores.cipher === undefined ? {} : { cipher: stores.cipher }),
    });
  const recording = make('2026-01-20T09:00:00Z');
  must(
    await recording.adoptCatalogue({ type: 'AdoptCatalogue', commandId: id(), catalogue }),
    'the catalogue',
  );
  const commands = seededYear({ catalogue, year: 2025, seed, volume });
  const recorder = createCommandRecorder(recording, catalogue, seed);
  for (const command of commands) await recorder.record(command);
  const secrets: string[] = commands.map((command) => command.commandId);
  const marks = {
    gender: 'female',
    childAges: [9, 6],
    numberOfChildren: 2,
    problemArea: 'family-conflict',
    routeIn: 'school',
    furtherAction: 'continued-support',
  };
  for (let n = 1; n <= 6; n += 1) {
    const opened = must(
      await recording.openSeries({
        type: 'OpenSeries',
        commandId: id(),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
      }),
      'a series',
    );
    secrets.push(opened.token, opened.token.replaceAll('-', ''));
    for (let session = 1; session <= 1 + (n % 3); session += 1) {
      const commandId = id();
      secrets.push(commandId);
      must(
        await recording.recordSession({
          type: 'RecordSession',
          token: opened.token,
          commandId,
          date: `2025-${String(2 * n).padStart(2, '0')}-${String(3 * session).padStart(2, '0')}`,
          marks,
        }),
        'a session',
      );
    }
    const text = `Hemlig arbetsanteckning nummer ${n}: pratade om sömnen och skolan.`;
    secrets.push(text);
    must(
      await recording.writeNote({ type: 'WriteNote', commandId: id(), token: opened.token, text }),
      'a note',
    );
    if (n % 2 === 0)
      must(
        await recording.closeSeries({
          type: 'CloseSeries',
          commandId: id(),
          token: opened.token,
          reason: 'on-request',
        }),
        'closing a series',
      );
  }
  const closing = make('2026-06-01T09:00:00Z');
  const year: AttackedYear = { catalogue, secrets, recording, closing };
  return {
    year,
    /**
     * Closes every series still open (retention) and seals every month of the year — and the
     * month the recording's clock stood in, whose registry the year's series were opened in.
     */
    async sealAll(): Promise<void> {
      await closing.expireSeries();
      const periods = [
        ...Array.from({ length: 12 }, (_, m) => `2025-${String(m + 1).padStart(2, '0')}`),
        '2026-01',
      ];
      for (const period of periods)
        must(await closing.sealPeriod({ type: 'SealPeriod', commandId: id(), period }), `sealing ${period}`);
    },
  };
}
