import {
  createCommandService,
  createLogVerifier,
  fixedClock,
  readLogKeyEvents,
  vaggerydCatalogue,
  writeLogCheckpoint,
} from '@pinnstatistik/core';
import { recordCommands, seededYear } from '@pinnstatistik/core/testing';
import { auditLog } from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';

const store = createMemoryEventStore();
const keys = createMemoryKeyStore();
const catalogue = vaggerydCatalogue();
const clock = fixedClock('2025-04-20T08:00:00Z');
const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: crypto.randomUUID(), catalogue });
const year = seededYear({ catalogue, year: 2025, seed: 3, volume: 0.1 });
const dated = (from: string, to: string) =>
  year.filter((command) => 'date' in command && command.date >= from && command.date < to);
await recordCommands(service, catalogue, dated('2025-01', '2025-04'));
for (const period of ['2025-01', '2025-02'])
  await service.sealPeriod({ type: 'SealPeriod', commandId: crypto.randomUUID(), period });

// The operator signs the log as it stands (every seal does too): each stream's Merkle root and
// size, the log's root over them, Ed25519 with a key from the key store, published in log-keys.
const checkpoint = await writeLogCheckpoint({ store, keys, clock });
const [adopted] = await readLogKeyEvents(store);
const publicKey = new Uint8Array(Buffer.from(adopted?.data.publicKey ?? '', 'base64'));

// Later, the auditor holds the log to the checkpoint and the key they kept: every stream must
// extend what was signed (or have been sealed with a proof that it only grew).
await recordCommands(service, catalogue, dated('2025-04', '2025-04-20'), 2);
const verifier = createLogVerifier({ trusted: [checkpoint], publicKeys: [publicKey] });
for await (const event of store.readAll()) verifier.observe(event);
const integrity = verifier.finish();
console.log(
  integrity.findings.length === 0
    ? `whole; ${integrity.eventsAfterCheckpoint} events after the checkpoint are only chain-checked`
    : integrity.findings.map((finding) => `${finding.code} ${finding.stream}`),
);

// The compliance audit: every entry against the catalogue in force on its period, periods past
// their grace, keys that should be gone.
const audit = await auditLog(store, { keys, today: '2025-04-20' });
// A finding about one event names its position in the log; one about a whole stream has none.
const where = (finding: (typeof audit.findings)[number]): string =>
  finding.position === undefined ? finding.stream : `${finding.stream} at ${finding.position}`;
console.log(audit.clean ? 'clean' : audit.findings.map((finding) => `${finding.code} ${where(finding)}`));
// The log is whole (the events written after the checkpoint are only chain-checked); March is
// past its grace on 2025-04-16 and not sealed. So this prints:
// whole; 25 events after the checkpoint are only chain-checked
// [ 'PERIOD_UNSEALED_PAST_GRACE period-2025-03' ]
