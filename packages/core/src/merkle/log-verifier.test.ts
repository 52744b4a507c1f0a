import { describe, expect, it } from 'vitest';
import { createChainVerifier } from '../envelope/chain-verifier.js';
import { GENESIS_HASH } from '../envelope/event-hash.js';
import { sealEvent } from '../envelope/seal-event.js';
import type { JsonValue } from '../json.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { deletionProofs } from './deletion-proofs.js';
import { logKeyId, signingKeyFromSeed, verifySignature } from './ed25519.js';
import { checkEventInclusion, proveEventInclusion } from './event-inclusion.js';
import { checkCheckpoint, type LogCheckpoint, signCheckpoint } from './log-checkpoint.js';
import { LOG_KEYS_STREAM, rotateTo, trustedLogKeys } from './log-key-events.js';
import { createLogState } from './log-state.js';
import { createLogVerifier, type LogVerifierOptions } from './log-verifier.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const operator = signingKeyFromSeed(new Uint8Array(32).fill(7));
const stranger = signingKeyFromSeed(new Uint8Array(32).fill(9));

/** Appends public events to streams, chained, as the service does; positions are global. */
function createLog() {
  const events: RecordedEvent[] = [];
  const heads = new Map<string, { revision: number; hash: Uint8Array }>();
  return {
    events,
    add(stream: string, type: string, data: JsonValue = { n: events.length }): RecordedEvent {
      const head = heads.get(stream);
      const revision = head === undefined ? 0 : head.revision + 1;
      const sealed = sealEvent(stream, revision, head?.hash ?? GENESIS_HASH, {
        id: `${stream}-${revision}`,
        type,
        data,
        meta: { commandId: `${stream}/${revision}` },
      });
      heads.set(stream, { revision, hash: sealed.hash });
      const event = { ...sealed.event, stream, revision, position: String(events.length + 1) };
      events.push(event);
      return event;
    },
  };
}

/** Re-chains every event of a stream after an edit, as an attacker with the file would. */
function rechain(events: readonly RecordedEvent[], stream: string): RecordedEvent[] {
  let prev = GENESIS_HASH;
  let revision = 0;
  return events.map((event) => {
    if (event.stream !== stream) return event;
    const sealed = sealEvent(stream, revision, prev, {
      id: event.id,
      type: event.type,
      data: JSON.parse(Buffer.from(event.data).toString('utf8')).data,
      meta: { commandId: `${stream}/${revision}` },
    });
    prev = sealed.hash;
    const rechained = { ...event, ...sealed.event, revision };
    revision += 1;
    return rechained;
  });
}

const checkpointOf = (events: readonly RecordedEvent[], time = '2025-04-16T00:00:00Z'): LogCheckpoint => {
  const state = createLogState();
  for (const event of events) state.observe(event);
  return signCheckpoint(state.leaves(), time, operator);
};

const verify = (events: readonly RecordedEvent[], options: LogVerifierOptions) => {
  const verifier = createLogVerifier(options);
  for (const event of events) verifier.observe(event);
  return verifier.finish();
};
const chainFindings = (events: readonly RecordedEvent[]) => {
  const chains = createChainVerifier();
  return events.flatMap((event) => chains.check(event) ?? []);
};
const codes = (
  findings: readonly { code: string; stream: string; revision?: number; revisions?: unknown }[],
) => findings.map(({ code, stream, revision, revisions }) => ({ code, stream, revision, revisions }));

/** A small log: a catalogue, a period stream and two open sheets (public here, for readable tests). */
function sampleLog() {
  const log = createLog();
  log.add('catalogue-x', 'CatalogueAdopted');
  for (let n = 0; n < 5; n += 1) {
    log.add('tally-2025-03-aaa', 'Tallied');
    log.add('tally-2025-03-bbb', 'Tallied');
  }
  return log;
}

describe('Ed25519 checkpoint keys', () => {
  it('sign as RFC 8032 says (test 1)', () => {
    const key = signingKeyFromSeed(
      new Uint8Array(Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex')),
    );
    expect(hex(key.publicKey)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(hex(key.sign(new Uint8Array(0)))).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(verifySignature(key.publicKey, new Uint8Array(1), key.sign(new Uint8Array(0)))).toBe(false);
  });

  it('checkpoints hold under their key only, and only over their own leaves', () => {
    const checkpoint = checkpointOf(sampleLog().events);
    expect(checkCheckpoint(checkpoint, operator.publicKey)).toBeUndefined();
    expect(checkCheckpoint(checkpoint, stranger.publicKey)).toBe('signature');
    expect(checkCheckpoint({ ...checkpoint, events: checkpoint.events + 1 }, operator.publicKey)).toBe(
      'signature',
    );
    const leaves = checkpoint.leaves.map((leaf, index) =>
      index === 0 ? { ...leaf, size: leaf.size + 1 } : leaf,
    );
    expect(checkCheckpoint({ ...checkpoint, leaves }, operator.publicKey)).toBe('leaves');
  });

  it('a rotation endorsed by a trusted key makes the new key trusted; an unendorsed key is not', () => {
    const next = signingKeyFromSeed(new Uint8Array(32).fill(8));
    const rotation = rotateTo(operator, next, 'log-signing-2', '2025-05-01T00:00:00Z');
    expect([...trustedLogKeys([operator.publicKey], [rotation]).keys()]).toEqual([
      operator.keyId,
      next.keyId,
    ]);
    const forged = rotateTo(stranger, next, 'log-signing-2', '2025-05-01T00:00:00Z');
    const claimed = { ...forged, data: { ...forged.data, previousKeyId: operator.keyId } };
    expect([...trustedLogKeys([operator.publicKey], [claimed]).keys()]).toEqual([operator.keyId]);
    expect(logKeyId(next.publicKey)).toBe(next.keyId);
  });
});

describe('verifying the log against a signed checkpoint', () => {
  const trust = (checkpoint: LogCheckpoint): LogVerifierOptions => ({
    trusted: [checkpoint],
    publicKeys: [operator.publicKey],
  });

  it('finds nothing in an honest log, and counts the events after the checkpoint', () => {
    const log = sampleLog();
    const checkpoint = checkpointOf(log.events);
    log.add('tally-2025-03-aaa', 'Tallied');
    log.add('tally-2025-04-ccc', 'Tallied');
    const result = verify(log.events, trust(checkpoint));
    expect(result.findings).toEqual([]);
    expect(result.eventsAfterCheckpoint).toBe(2);
    expect(result.latest?.pinned).toBe(true);
  });

  it('names the stream and the first missing revision when its tail is deleted', () => {
    const log = sampleLog();
    const checkpoint = checkpointOf(log.events);
    const cut = log.events.filter((event) => !(event.stream === 'tally-2025-03-bbb' && event.revision >= 3));
    expect(chainFindings(cut)).toEqual([]);
    expect(codes(verify(cut, trust(checkpoint)).findings)).toEqual([
      { code: 'LOG_STREAM_TRUNCATED', stream: 'tally-2025-03-bbb', revision: 3, revisions: undefined },
    ]);
  });

  it('names a deleted stream no seal accounts for', () => {
    const log = sampleLog();
    const checkpoint = checkpointOf(log.events);
    const without = log.events.filter((event) => event.stream !== 'tally-2025-03-aaa');
    expect(chainFindings(without)).toEqual([]);
    expect(codes(verify(without, trust(checkpoint)).findings)).toEqual([
      { code: 'LOG_STREAM_MISSING', stream: 'tally-2025-03-aaa', revision: 0, revisions: undefined },
    ]);
  });

  it('finds an edit hidden by recomputing the chain, within the revisions the checkpoint signed', () => {
    const log = sampleLog();
    const checkpoint = checkpointOf(log.events);
    const edited = log.events.map((event) =>
      event.stream === 'tally-2025-03-aaa' && event.revision === 2
        ? {
            ...event,
            data: new TextEncoder().encode('{"data":{"n":999},"meta":{"commandId":"x"},"type":"Tallied"}'),
          }
        : event,
    );
    const rechained = rechain(edited, 'tally-2025-03-aaa');
    expect(chainFindings(rechained)).toEqual([]);
    expect(codes(verify(rechained, trust(checkpoint)).findings)).toEqual([
      {
        code: 'LOG_STREAM_REWRITTEN',
        stream: 'tally-2025-03-aaa',
        revision: undefined,
        revisions: { from: 0, to: 4 },
      },
    ]);
  });

  it('refuses a checkpoint signed by a key nobody pinned or endorsed', () => {
    const log = sampleLog();
    const state = createLogState();
    for (const event of log.events) state.observe(event);
    const forged = signCheckpoint(state.leaves(), '2025-04-16T00:00:00Z', stranger);
    const result = verify(log.events, { carried: [forged], publicKeys: [operator.publicKey] });
    expect(codes(result.findings).map((finding) => finding.code)).toEqual([
      'LOG_CHECKPOINT_KEY_UNTRUSTED',
      'LOG_CHECKPOINT_MISSING',
    ]);
    expect(result.eventsAfterCheckpoint).toBe(log.events.length);
  });
});

it('with a pinned key, a log that carries no checkpoint is a finding (one stripped from an export, say)', () => {
  const log = sampleLog();
  const result = verify(log.events, { publicKeys: [operator.publicKey] });
  expect(codes(result.findings).map((finding) => finding.code)).toEqual(['LOG_CHECKPOINT_MISSING']);
  expect(verify(log.events, {}).findings).toEqual([]);
});

describe('streams deleted by a seal', () => {
  /** Seals the sheets: their final roots and proofs from the checkpointed sizes in PeriodSealed, then deletes them. */
  function seal(
    events: RecordedEvent[],
    log: ReturnType<typeof createLog>,
    checkpoint: LogCheckpoint,
    proofs = true,
  ) {
    const deleted = ['tally-2025-03-aaa', 'tally-2025-03-bbb'].map((stream) => {
      const own = events.filter((event) => event.stream === stream);
      const hashes = own.map((event) => event.metadata.subarray(2));
      const sizes = checkpoint.leaves.filter((leaf) => leaf.stream === stream).map((leaf) => leaf.size);
      return {
        stream,
        size: own.length,
        head: hex(hashes[hashes.length - 1] as Uint8Array),
        ...(proofs ? deletionProofs(hashes, sizes) : {}),
      };
    });
    const kept = events.filter((event) => !event.stream.startsWith('tally-'));
    const sealed = log.add('period-2025-03', 'PeriodSealed', {
      period: '2025-03',
      keyId: 'period-2025-03',
      sheets: 2,
      deleted,
    } as unknown as JsonValue);
    return [...kept, sealed];
  }

  it('an honest seal proves each deleted stream only grew from what the checkpoint signed', () => {
    const log = sampleLog();
    const checkpoint = checkpointOf(log.events);
    log.add('tally-2025-03-aaa', 'SheetClosed');
    log.add('tally-2025-03-bbb', 'SheetClosed');
    const after = seal([...log.events], log, checkpoint);
    const later = checkpointOf(after, '2025-04-17T00:00:00Z');
    const result = verify(after, {
      trusted: [checkpoint],
      carried: [later],
      publicKeys: [operator.publicKey],
    });
    expect(result.findings).toEqual([]);
    expect(result.eventsAfterCheckpoint).toBe(0);
  });

  it('a sheet rewritten while open and then sealed is caught by the consistency proof', () => {
    const log = sampleLog();
    const checkpoint = checkpointOf(log.events);
    log.add('tally-2025-03-aaa', 'SheetClosed');
    const edited = log.events.map((event) =>
      event.stream === 'tally-2025-03-aaa' && event.revision === 1
        ? {
            ...event,
            data: new TextEncoder().encode('{"data":{"n":-1},"meta":{"commandId":"x"},"type":"Tallied"}'),
          }
        : event,
    );
    const after = seal(rechain(edited, 'tally-2025-03-aaa'), log, checkpoint);
    expect(chainFindings(after)).toEqual([]);
    const later = checkpointOf(after, '2025-04-17T00:00:00Z');
    const options = { trusted: [checkpoint], carried: [later], publicKeys: [operator.publicKey] };
    expect(codes(verify(after, options).findings)).toEqual([
      {
        code: 'LOG_DELETED_STREAM_REWRITTEN',
        stream: 'tally-2025-03-aaa',
        revision: undefined,
        revisions: { from: 0, to: 4 },
      },
    ]);
  });

  it('a seal that keeps no root cannot account for what a checkpoint signed', () => {
    const log = sampleLog();
    const checkpoint = checkpointOf(log.events);
    const after = seal([...log.events], log, checkpoint, false);
    const later = checkpointOf(after, '2025-04-17T00:00:00Z');
    const result = verify(after, {
      trusted: [checkpoint],
      carried: [later],
      publicKeys: [operator.publicKey],
    });
    expect(result.findings.map((finding) => [finding.code, finding.stream])).toEqual([
      ['LOG_DELETED_STREAM_UNPROVEN', 'tally-2025-03-aaa'],
      ['LOG_DELETED_STREAM_UNPROVEN', 'tally-2025-03-bbb'],
    ]);
  });

  it('a seal after the latest checkpoint says a checkpoint is missing', () => {
    const log = sampleLog();
    const checkpoint = checkpointOf(log.events);
    const after = seal([...log.events], log, checkpoint);
    expect(
      codes(verify(after, { carried: [checkpoint], publicKeys: [operator.publicKey] }).findings),
    ).toEqual([
      { code: 'LOG_SEAL_AFTER_CHECKPOINT', stream: 'period-2025-03', revision: 0, revisions: undefined },
    ]);
  });
});

describe('an inclusion proof', () => {
  it('shows one event is in the signed log, checked with the public key alone', () => {
    const log = sampleLog();
    const checkpoint = checkpointOf(log.events);
    const stream = log.events.filter((event) => event.stream === 'tally-2025-03-bbb');
    const proof = proveEventInclusion(
      stream[3] as RecordedEvent,
      stream.map((event) => event.metadata.subarray(2)),
      checkpoint,
    );
    expect(checkEventInclusion(proof, operator.publicKey)).toBeUndefined();
    expect(checkEventInclusion(proof, stranger.publicKey)).toBe('signature');
    const altered = Buffer.from(proof.event.data, 'base64');
    altered[3] = (altered[3] as number) ^ 1;
    expect(
      checkEventInclusion(
        { ...proof, event: { ...proof.event, data: altered.toString('base64') } },
        operator.publicKey,
      ),
    ).toBe('chain');
    expect(
      checkEventInclusion({ ...proof, event: { ...proof.event, revision: 2 } }, operator.publicKey),
    ).toBe('chain');
    expect(
      checkEventInclusion({ ...proof, logTree: { ...proof.logTree, index: 0 } }, operator.publicKey),
    ).toBe('log-tree');
    expect(LOG_KEYS_STREAM).toBe('log-keys');
  });
});
