import type { RecordedEvent } from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { type ImportOptions, importExport } from '../src/jsonl/import-export.js';
import type { Trust } from '../src/verify/trust.js';

/**
 * An attacker's file imported into a fresh memory store (1 MiB appends, one batch), held to
 * `trust` when given: whether the import refused it, and every event it wrote anyway.
 */
export async function importAttempt(
  file: string,
  trust?: Trust,
  more: Partial<ImportOptions> = {},
): Promise<{ refused: boolean; written: RecordedEvent[] }> {
  const target = createMemoryEventStore();
  let refused = false;
  try {
    await importExport(file, target, {
      maxAppendBytes: 1024 * 1024,
      batchBytes: 64 * 1024 * 1024,
      ...(trust === undefined ? {} : { trust }),
      ...more,
    });
  } catch {
    refused = true;
  }
  const written: RecordedEvent[] = [];
  for await (const event of target.readAll()) written.push(event);
  return { refused, written };
}
