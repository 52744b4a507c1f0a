import { createRequire } from 'node:module';
import {
  type Cipher,
  createAesGcmCipher,
  createEncryptedCodec,
  createXChaChaCipher,
  type SodiumNative,
  secureRandom,
} from '@pinnstatistik/core';

// The cost of encrypting one small event, as the command path pays it (JSON + cipher + base64):
// `pnpm --filter @pinnstatistik/bench exec tsx src/codec-cost.ts`.
const data = {
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
};
const context = {
  stream: 'tally-2025-03-0123456789abcdef0123456789abcdef',
  eventId: data.tallyId,
  type: 'ContactTallied',
};
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
for (const [name, cipher] of ciphers) {
  const codec = createEncryptedCodec(cipher, secureRandom.bytes(32));
  let stored = codec.encode(data, context);
  for (let index = 0; index < 20_000; index += 1) stored = codec.encode(data, context);
  let started = process.hrtime.bigint();
  for (let index = 0; index < ROUNDS; index += 1) stored = codec.encode(data, context);
  const encode = Number(process.hrtime.bigint() - started) / ROUNDS / 1000;
  started = process.hrtime.bigint();
  for (let index = 0; index < ROUNDS; index += 1) codec.decode(stored, context);
  const decode = Number(process.hrtime.bigint() - started) / ROUNDS / 1000;
  console.log(
    `${name}: encode ${encode.toFixed(1)} µs, decode ${decode.toFixed(1)} µs per event (JSON and base64 included)`,
  );
}
