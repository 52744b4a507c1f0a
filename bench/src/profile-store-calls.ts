import { performance } from 'node:perf_hooks';
import type { CommandService, EventStore, KeyStore } from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { type CipherName, cipherNamed } from './ciphers.js';
import { openService, recordWorkload } from './measure-pipeline.js';
import { createWorkload } from './workload.js';

const KINDS = ['tally', 'openSeries', 'recordSession', 'closeSeries'] as const;

/**
 * The store and key-store calls each kind of command makes, with their time:
 * `node --import tsx bench/src/profile-store-calls.ts 30000 sodium`.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 30_000);
  const cipherName = (process.argv[3] ?? 'sodium') as CipherName;
  const workload = createWorkload(n);
  let kind = 'setup';
  const calls = new Map<string, { count: number; ms: number }>();
  const counted = <T extends object>(name: string, target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const began = performance.now();
          const result = value.apply(object, args);
          const done = () => {
            const key = `${kind} ${name}.${String(property)}`;
            const entry = calls.get(key) ?? { count: 0, ms: 0 };
            entry.count += 1;
            entry.ms += performance.now() - began;
            calls.set(key, entry);
          };
          if (result instanceof Promise) return result.finally(done);
          done();
          return result;
        };
      },
    });
  const store = counted('store', createMemoryEventStore()) as EventStore;
  const keys = counted('keys', createMemoryKeyStore()) as KeyStore;
  const { service } = await openService(workload, cipherNamed(cipherName), store, keys);
  const totals = new Map<string, { count: number; ms: number }>();
  const timed = Object.create(service) as Record<string, unknown>;
  for (const name of KINDS) {
    const run = (service[name] as (input: never) => Promise<unknown>).bind(service);
    timed[name] = async (input: never) => {
      kind = name;
      const began = performance.now();
      const result = await run(input);
      const total = totals.get(name) ?? { count: 0, ms: 0 };
      total.count += 1;
      total.ms += performance.now() - began;
      totals.set(name, total);
      kind = 'between';
      return result;
    };
  }
  await recordWorkload(timed as unknown as CommandService, workload, new Float64Array(n));
  for (const [name, total] of totals) {
    console.log(
      `${name.padEnd(14)} ${String(total.count).padStart(7)} × ${((total.ms / total.count) * 1000).toFixed(0).padStart(5)} µs`,
    );
    for (const [key, entry] of [...calls]
      .filter(([key]) => key.startsWith(`${name} `))
      .sort((a, b) => b[1].ms - a[1].ms))
      console.log(
        `    ${key.slice(name.length + 1).padEnd(28)} ${(entry.count / total.count).toFixed(2).padStart(6)} a command, ${((entry.ms / entry.count) * 1000).toFixed(0).padStart(5)} µs each, ${((entry.ms / total.count) * 1000).toFixed(0).padStart(5)} µs a command`,
      );
  }
}

void main();
