import { randomUUID } from 'node:crypto';
import type { CommandService, EventStore, KeyStore } from '@pinnstatistik/core';
import { createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { createPostgresEventStore, type PostgresEventStore } from '@pinnstatistik/store-postgres';
import { cipherNamed } from './ciphers.js';
import { openService } from './measure-pipeline.js';
import { perSecond } from './stats.js';
import { now } from './timer.js';
import { createWorkload } from './workload.js';

/** Writers tallying on one sheet through the full command path, each with a pool of its own. */
export interface HotSheetResult {
  readonly writers: number;
  /** Commands each writer keeps in flight. */
  readonly inFlight: number;
  /** Whether the writers take turns through the store's `exclusive` (the default on PostgreSQL). */
  readonly turns: boolean;
  /** Tallies written, per second. */
  readonly perSec: number;
  /** Commands answered `CONCURRENCY_CONFLICT` (what a caller would see), in % of commands sent. */
  readonly conflictsReturnedPct: number;
}

/** The store without `exclusive`: writers meet only through expected revisions. */
const withoutTurns = (store: PostgresEventStore): EventStore => ({ ...store, exclusive: undefined });

/**
 * `writers` command services — separate pools and separate services, as separate processes
 * would be, sharing one key store — each keeping `inFlight` tallies in flight on one sheet for
 * `durationMs`. Tallies are `TallyContact`s of one intervention, unit and month.
 */
export async function measureHotSheet(
  url: string,
  options: {
    readonly writers: number;
    readonly inFlight: number;
    readonly turns: boolean;
    readonly durationMs: number;
    /** A schema of its own per run: each run has its own keys. */
    readonly schema: string;
  },
): Promise<HotSheetResult> {
  const workload = createWorkload(1_000);
  const keys: KeyStore = createMemoryKeyStore();
  const cipher = cipherNamed('aes');
  const stores = await Promise.all(
    Array.from({ length: options.writers }, () =>
      createPostgresEventStore({ connection: url, listen: false, schema: options.schema }),
    ),
  );
  const services: CommandService[] = [];
  for (const store of stores)
    services.push(
      (await openService(workload, cipher, options.turns ? store : withoutTurns(store), keys)).service,
    );

  const tally = (service: CommandService) =>
    service.tally({
      type: 'TallyContact',
      commandId: randomUUID(),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2025-03-14',
      marks: { gender: 'female' },
    });
  const first = await tally(services[0] as CommandService); // the sheet exists before the clock starts
  if (first._tag === 'Left') throw new Error(`tally refused: ${first.left.code}`);

  let written = 0;
  let conflicts = 0;
  let sent = 0;
  const until = now() + options.durationMs;
  const started = now();
  await Promise.all(
    services.flatMap((service) =>
      Array.from({ length: options.inFlight }, async () => {
        while (now() < until) {
          sent += 1;
          const result = await tally(service);
          if (result._tag === 'Right') written += 1;
          else if (result.left.code === 'CONCURRENCY_CONFLICT') conflicts += 1;
          else throw new Error(`tally refused: ${result.left.code}`);
        }
      }),
    ),
  );
  const perSec = perSecond(written, now() - started);
  await Promise.all(stores.map((store) => store.close()));
  return {
    writers: options.writers,
    inFlight: options.inFlight,
    turns: options.turns,
    perSec,
    conflictsReturnedPct: (100 * conflicts) / Math.max(1, sent),
  };
}
