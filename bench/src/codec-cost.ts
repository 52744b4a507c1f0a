import { createRequire } from 'node:module';
import {
  type Cipher,
  createAesGcmCipher,
  createPayloadSealer,
  createXChaChaCipher,
  type EventDraft,
  openEvent,
  paddedSizeFor,
  type RecordedEvent,
  type SodiumNative,
  type StreamPrivacy,
  sealEvent,
  secureRandom,
} from '@pinnstatistik/core';

// The cost of sealing one small tally event as the command path pays it (canonical JSON,
// padding, cipher, chain hash) and of opening it again:
// `pnpm --filter @pinnstatistik/bench exec tsx src/codec-cost.ts`.
const draft: EventDraft = {
  id: '3f1e7c2a-9b4d-4e8f-a1c2-0d9e8f7a6b5c',
  type: 'ContactTallied',
  data: {
    tallyId: '3f1e7c2a-9b4d-4e8f-a1c2-0d9e8f7a6b5c',
    interventionId: 'rad-och-stod',
    unitId: 'motesplats',
    period: '2025-03',
    catalogueVersion: '1.0',
    marks: {
      gender: 'female',
      childAge: '9',
      numberOfChildren: '2',
      problemArea: 'parenting',
      routeIn: 'school',
      furtherAction: 'none',
    },
  },
  meta: { commandId: '7d0c3b1e-2f4a-4c6b-9e8d-1a2b3c4d5e6f', catalogueVersion: '1.0' },
};
const stream = 'tally-2025-03-0123456789abcdef0123456789abcdef';
const ciphers: [string, Cipher][] = [['aes-256-gcm (node:crypto)', createAesGcmCipher()]];
try {
  ciphers.push([
    'xchacha20-poly1305 (sodium-native)',
    createXChaChaCipher(createRequire(import.meta.url)('sodium-native') as SodiumNative),
  ]);
} catch {
  console.log('sodium-native is not installed: XChaCha20 not measured');
}
const ROUNDS = 100_000;
const prev = new Uint8Array(32);
for (const [name, cipher] of ciphers) {
  const privacy: StreamPrivacy = {
    sealer: createPayloadSealer(cipher, secureRandom.bytes(32)),
    paddedSize: (length, type) => paddedSizeFor('tally', length, type),
  };
  let sealed = sealEvent(stream, 0, prev, draft, privacy);
  for (let index = 0; index < 20_000; index += 1) sealed = sealEvent(stream, index, prev, draft, privacy);
  let started = process.hrtime.bigint();
  for (let index = 0; index < ROUNDS; index += 1) sealed = sealEvent(stream, index, prev, draft, privacy);
  const seal = Number(process.hrtime.bigint() - started) / ROUNDS / 1000;
  const recorded: RecordedEvent = { ...sealed.event, stream, revision: 0, position: '1' };
  const sealerFor = () => privacy.sealer;
  for (let index = 0; index < 20_000; index += 1) openEvent(recorded, sealerFor);
  started = process.hrtime.bigint();
  for (let index = 0; index < ROUNDS; index += 1) openEvent(recorded, sealerFor);
  const open = Number(process.hrtime.bigint() - started) / ROUNDS / 1000;
  console.log(
    `${name}: seal ${seal.toFixed(1)} µs, open ${open.toFixed(1)} µs per event (canonical JSON, padding to ${sealed.event.data.length} B stored, chain hash included)`,
  );
}
