import { AssertionError } from 'node:assert';
import {
  type Catalogue,
  type CommandService,
  createCommandService,
  type EventStore,
  type KeyStore,
  type Refusal,
  seededRandom,
} from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { describeOutcome } from './describe-outcome.js';
import { dispatchCommand } from './dispatch-command.js';
import { movableClock } from './movable-clock.js';
import { recordingKeyStore } from './recording-key-store.js';
import type { ResultOf, ServiceCommand, UntrustedCommand } from './service-command.js';
import { type ServiceOutcome, type ServiceThen, serviceThen } from './service-then.js';
import { testCommandId } from './test-command-id.js';
import { readWrittenSince, type WrittenEvent } from './written-events.js';

/** How a service scenario starts. */
export interface GivenServiceOptions {
  /** The catalogue adopted before anything else (or several versions, with `catalogues`). */
  readonly catalogue?: Catalogue;
  /** Catalogue versions adopted in order; all must share one id. */
  readonly catalogues?: readonly Catalogue[];
  /** The scenario's today (`YYYY-MM-DD`); default 31 December of the year the last catalogue takes effect. */
  readonly today?: string;
  /** Seed for record keys, series tokens and keys (default 1): the same seed, the same run. */
  readonly seed?: number;
  /** Commands run after the adoption; each must be accepted. */
  readonly steps?: readonly ServiceCommand[];
  /** The store to run on (default a fresh memory store), e.g. to run a scenario on your adapter. */
  readonly store?: EventStore;
  /** The key store (default a fresh memory key store). */
  readonly keys?: KeyStore;
  /** As the command service's option (default 15). */
  readonly sealGraceDays?: number;
  /** As the command service's option (default 90). */
  readonly seriesRetentionDays?: number;
}

/** A command service over an in-memory store with a fixed clock and seeded randomness, driven by commands. */
export interface ServiceScenario {
  /** The store the service writes to. */
  readonly store: EventStore;
  /** The key store the service uses (destroyed keys are gone from it, as in production). */
  readonly keys: KeyStore;
  /** The service itself, for calls the commands do not cover; `await ready()` first, so the setup has run. */
  readonly service: CommandService;
  /** The day the scenario's clock shows. */
  readonly today: string;
  /** Moves the clock to a day (`YYYY-MM-DD`) before the next command; returns the scenario. */
  at(day: string): ServiceScenario;
  /** Runs a setup command, which must be accepted; resolves to the service's answer (a series' token, say). */
  step<Command extends ServiceCommand>(command: Command): Promise<ResultOf<Command>>;
  /** Runs the command under test (any untrusted input with a `type`) and returns its assertions. */
  when<Command extends ServiceCommand | UntrustedCommand>(input: Command): ServiceThen<ResultOf<Command>>;
  /** Every event written so far, decrypted where the scenario saw the key. */
  written(): Promise<readonly WrittenEvent[]>;
  /** Resolves once the adoption, the steps and every command queued so far have run. */
  ready(): Promise<void>;
}

const ignore = (): void => undefined;

function defaultToday(catalogues: readonly Catalogue[]): string {
  const latest = catalogues.map((catalogue) => catalogue.effectiveFrom).sort();
  return `${(latest[latest.length - 1] ?? '2025-01-01').slice(0, 4)}-12-31`;
}

/**
 * Given a catalogue adopted (and these steps run), when this command … — given/when/then for
 * the processes of the command service that span several streams (series and their limits,
 * sealing, working notes, amendments) as well as tallies. It runs the real service over an
 * in-memory store with a movable fixed clock and seeded randomness, so a scenario gives the
 * same result on every run and under any test runner.
 */
export function givenService(options: GivenServiceOptions): ServiceScenario {
  const catalogues = options.catalogues ?? (options.catalogue === undefined ? [] : [options.catalogue]);
  const store = options.store ?? createMemoryEventStore();
  const random = seededRandom(options.seed ?? 1);
  const keys = recordingKeyStore(options.keys ?? createMemoryKeyStore(seededRandom((options.seed ?? 1) + 1)));
  const clock = movableClock(options.today ?? defaultToday(catalogues));
  const service = createCommandService({
    store,
    keys,
    catalogueId: catalogues[0]?.id ?? 'catalogue',
    clock,
    random,
    ...(options.sealGraceDays === undefined ? {} : { sealGraceDays: options.sealGraceDays }),
    ...(options.seriesRetentionDays === undefined
      ? {}
      : { seriesRetentionDays: options.seriesRetentionDays }),
  });

  let last: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    next.catch(ignore);
    queue = next;
    return next;
  };
  const run = async (input: unknown): Promise<ServiceOutcome<unknown>> => {
    last = (await readWrittenSince(store, keys, last)).last; // whatever was written outside the scenario
    const outcome = await dispatchCommand(service, input);
    const written = await readWrittenSince(store, keys, last);
    last = written.last;
    return { outcome, events: written.events };
  };
  const step = (command: unknown, label: string): Promise<unknown> =>
    enqueue(async () => {
      const { outcome, events } = await run(command);
      if (E.isLeft(outcome)) {
        throw new AssertionError({
          message: `setup ${label} was expected to be accepted, but it was ${describeOutcome(outcome, events)}`,
          actual: (outcome.left as Refusal).code,
          expected: 'accepted',
          operator: 'step',
        });
      }
      return outcome.right;
    });

  catalogues.forEach((catalogue, index) => {
    void step(
      {
        type: 'AdoptCatalogue',
        commandId: testCommandId(`adopt ${catalogue.id} ${catalogue.version} ${index}`),
        catalogue,
      },
      `adoption of catalogue ${catalogue.id} ${catalogue.version}`,
    );
  });
  (options.steps ?? []).forEach((command, index) => {
    void step(command, `step ${index + 1} (${command.type})`);
  });

  const scenario: ServiceScenario = {
    store,
    keys,
    service,
    get today() {
      return clock.today;
    },
    at(day) {
      void enqueue(async () => clock.set(day));
      return scenario;
    },
    step: (command) => step(command, `step ${command.type}`) as Promise<never>,
    when: (input) => serviceThen(enqueue(() => run(input)) as Promise<ServiceOutcome<never>>),
    written: () => enqueue(async () => (await readWrittenSince(store, keys, undefined)).events),
    ready: () => enqueue(async () => undefined),
  };
  return scenario;
}
