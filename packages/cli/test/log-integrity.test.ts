import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  type EventStore,
  fixedClock,
  latestLogCheckpoint,
  publicKeyFromPem,
  readLogKeyEvents,
  rotateLogKey,
  StoreUnavailable,
  signingKeyFromSeed,
  writeLogCheckpoint,
} from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importExport } from '../src/jsonl/import-export.js';
import { verifyExportLog } from '../src/jsonl/verify-export-log.js';
import { writeExport } from '../src/jsonl/write-export.js';
import { verifyStoreLog } from '../src/verify/verify-store-log.js';
import { type YearLog, yearLog } from './year-log.js';

let dir: string;
let log: YearLog;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-log-'));
  log = await yearLog(dir, { volume: 0.2 });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an honest export', () => {
  it('verifies against its own signed checkpoint under the published key', async () => {
    const key = publicKeyFromPem(readFileSync(log.publicKey, 'utf8')) as Uint8Array;
    const check = await verifyExportLog(log.file, { publicKeys: [key] });
    expect(check.findings).toEqual([]);
    expect(check.verification.latest?.pinned).toBe(true);
    expect(check.verification.eventsAfterCheckpoint).toBe(log.eventsAfterCheckpoint);
    expect(log.eventsAfterCheckpoint).toBeGreaterThan(0);
    expect(check.verification.events).toBe(log.events);
  });
});

describe('a live store', () => {
  it('verifies against its own latest checkpoint, read before the pass', async () => {
    const key = publicKeyFromPem(readFileSync(log.publicKey, 'utf8')) as Uint8Array;
    const check = await verifyStoreLog(log.store, {
      trusted: [log.checkpoint],
      publicKeys: [key],
      pinned: true,
    });
    expect(check.findings).toEqual([]);
    expect(check.verification.latest?.checkpoint.root).toBe(log.checkpoint.root);
    expect(check.verification.eventsAfterCheckpoint).toBe(log.eventsAfterCheckpoint);
  });
});

describe('importing', () => {
  const options = { maxAppendBytes: 1024 * 1024, batchBytes: 64 * 1024 * 1024 };
  const records = async (store: EventStore) => {
    const all: string[] = [];
    for await (const event of store.readAll())
      if (!event.stream.startsWith('checkpoint-'))
        all.push(`${event.stream}@${event.revision}:${Buffer.from(event.metadata).toString('hex')}`);
    return all.sort();
  };

  it('writes an export that fits one batch in one atomic appendBatch', async () => {
    const target = createMemoryEventStore();
    const summary = await importExport(log.file, target, options);
    expect(summary).toMatchObject({ events: log.events, written: log.events, alreadyThere: 0, batches: 1 });
    expect(await records(target)).toEqual(await records(log.store));
    expect((await latestLogCheckpoint(target))?.root).toBe(log.checkpoint.root);
  });

  it('refused for an event over the limit, it leaves the target empty', async () => {
    const target = createMemoryEventStore();
    await expect(importExport(log.file, target, { ...options, maxAppendBytes: 4096 })).rejects.toThrow(
      'nothing was written',
    );
    expect(await records(target)).toEqual([]);
  });

  it('interrupted midway, it is completed by running it again', async () => {
    const target = createMemoryEventStore();
    let batches = 0;
    const failing: EventStore = {
      ...target,
      appendBatch: async (parts) => {
        batches += 1;
        if (batches === 4) throw new StoreUnavailable('the connection dropped', 'unknown');
        return target.appendBatch(parts);
      },
    };
    const small = { ...options, batchBytes: 16 * 1024 };
    await expect(importExport(log.file, failing, small)).rejects.toThrow('the connection dropped');
    const written = (await records(target)).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(log.events);
    const resumed = await importExport(log.file, target, small);
    expect(resumed.alreadyThere).toBe(written);
    expect(resumed.written).toBe(log.events - written);
    expect(await records(target)).toEqual(await records(log.store));
  });

  it('refuses a target that holds anything but a prefix of this export', async () => {
    const target = createMemoryEventStore();
    await importExport(log.file, target, options);
    const other = mkdtempSync(join(tmpdir(), 'pinnstatistik-other-'));
    try {
      const second = await yearLog(other, { volume: 0.05, seed: 9 });
      await expect(importExport(second.file, target, options)).rejects.toThrow(
        'the target holds events that are not part of this export',
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('key rotation', () => {
  it('a checkpoint signed after a rotation holds for an auditor who pinned the old key', async () => {
    const keys = createMemoryKeyStore();
    const store = createMemoryEventStore();
    const clock = fixedClock('2026-02-01T00:00:00Z');
    const first = await writeLogCheckpoint({ store, keys, clock });
    const [adopted] = await readLogKeyEvents(store);
    const oldKey = new Uint8Array(Buffer.from(adopted?.data.publicKey ?? '', 'base64'));
    const next = await rotateLogKey({ store, keys, clock });
    const second = await writeLogCheckpoint({ store, keys, clock: fixedClock('2026-02-02T00:00:00Z') });
    expect(second.keyId).toBe(next.keyId);
    expect(second.keyId).not.toBe(first.keyId);
    expect(await keys.get('log-signing-1')).toBeUndefined();
    const file = join(dir, 'rotated.jsonl');
    const sink = createWriteStream(file);
    await writeExport(store, sink, { source: 'memory' });
    sink.end();
    await finished(sink);
    const pinnedOld = await verifyExportLog(file, { publicKeys: [oldKey] });
    expect(pinnedOld.findings).toEqual([]);
    expect(pinnedOld.verification.latest).toMatchObject({ pinned: true, checkpoint: { keyId: next.keyId } });
    const stranger = signingKeyFromSeed(new Uint8Array(32).fill(3)).publicKey;
    const pinnedOther = await verifyExportLog(file, { publicKeys: [stranger] });
    expect(pinnedOther.findings.map((finding) => finding.code)).toEqual([
      'LOG_CHECKPOINT_KEY_UNTRUSTED',
      'LOG_CHECKPOINT_MISSING',
    ]);
  });
});
