import { createLogVerifier, type EventStore, storedLogCheckpoints } from '@pinnstatistik/core';
import type { ExportLogCheck } from '../jsonl/verify-export-log.js';
import { createCheckpointCoverage } from './checkpoint-coverage.js';
import { createClearTextGuard } from './clear-text-guard.js';
import { createEnvelopeRules } from './envelope-rules.js';
import type { Trust } from './trust.js';

/**
 * Checks a store's integrity in one pass over `readAll`: every chain, and every stream's tree
 * against the auditor's checkpoints and every signed one the store holds (read first, so the sizes
 * it signed are known before the events go past); the clear text the guard would refuse; events
 * the library never writes; and checkpoints the log shows were written but are missing.
 */
export async function verifyStoreLog(
  store: EventStore,
  trust: Trust,
  onProgress?: (events: number) => void,
): Promise<ExportLogCheck> {
  // Every checkpoint the store holds, not only its latest: a seal's checkpoint no longer lists
  // the detail it deleted, so only an earlier one shows that detail rewritten before the seal.
  const stored = await storedLogCheckpoints(store);
  const latest = stored.at(-1);
  // Checkpoints are ordered by their time; one dated after the store's latest (a writer's clock
  // ahead of the sealer's) would be taken for the newest, so it is not held to.
  const earlier = latest === undefined ? [] : stored.filter((checkpoint) => checkpoint.time <= latest.time);
  const verifier = createLogVerifier({
    trusted: trust.trusted,
    carried: earlier,
    publicKeys: trust.publicKeys,
  });
  const guard = createClearTextGuard();
  const envelope = createEnvelopeRules();
  const coverage = createCheckpointCoverage({
    checkpoints: latest === undefined ? trust.trusted : [...trust.trusted, latest],
    carries: latest !== undefined,
  });
  let events = 0;
  for await (const event of store.readAll()) {
    verifier.observe(event);
    guard.observe(event);
    envelope.observe(event);
    coverage.observe(event);
    events += 1;
    if (onProgress !== undefined && events % 1000 === 0) onProgress(events);
  }
  const verification = verifier.finish();
  return {
    verification,
    findings: [
      ...verification.findings,
      ...guard.findings,
      ...envelope.findings,
      ...coverage.finish(verification),
    ],
    trailer: undefined,
    header: { exportedAt: '', source: '' },
  };
}
