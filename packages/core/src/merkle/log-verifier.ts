import { type ChainLink, createChainVerifier } from '../envelope/chain-verifier.js';
import { readHeader } from '../envelope/envelope-header.js';
import { decodeInner } from '../envelope/inner-record.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { SERIES_INDEX_STREAM } from '../streams.js';
import { chainFindingText } from './chain-finding-text.js';
import { checkDeletedStream } from './check-deleted-stream.js';
import { asDeletedStream, type Deletion, isObject, revisionRange } from './deleted-stream-record.js';
import { hashFromHexOrUndefined, toHex } from './encoding.js';
import { checkCheckpoint, type LogCheckpoint } from './log-checkpoint.js';
import type { LogFinding } from './log-finding.js';
import { declaredLogKeys, LOG_KEYS_STREAM, type LogKeyEvent, trustedLogKeys } from './log-key-events.js';
import { createLogState, isInLogTree } from './log-state.js';
import { type LogLeaf, logRoot } from './log-tree.js';
import type { Hash } from './merkle-hash.js';
import { sameBytes } from './same-bytes.js';

/** What the log is held to. */
export interface LogVerifierOptions {
  /** The auditor's own checkpoints (saved earlier): checked for their signature, then held to. */
  readonly trusted?: readonly LogCheckpoint[];
  /** Checkpoints the log carries (an export's trailer, a store's latest): held to when a trusted key signed them. */
  readonly carried?: readonly LogCheckpoint[];
  /** Public keys the auditor pinned (raw Ed25519); keys they endorse by rotation are trusted too. */
  readonly publicKeys?: readonly Uint8Array[];
}

/** A checkpoint the verification held the log to. */
export interface HeldCheckpoint {
  readonly checkpoint: LogCheckpoint;
  /** True when a pinned key (or one it endorsed) signed it; false when only the log's own `log-keys` vouch for it. */
  readonly pinned: boolean;
  /** The public key its signature verified with. */
  readonly publicKey: Uint8Array;
}

/** What verifying the log found, and the state it computed. */
export interface LogVerification {
  readonly events: number;
  readonly leaves: readonly LogLeaf[];
  readonly root: Hash;
  readonly findings: readonly LogFinding[];
  /** The newest checkpoint that held, if any. */
  readonly latest: HeldCheckpoint | undefined;
  /** Events no held checkpoint covers: only their chains vouch for them. */
  readonly eventsAfterCheckpoint: number;
}

/** Verifies a log event by event (global order), holding per stream a chain link, a compact tree and a few roots. */
export interface LogVerifier {
  observe(event: RecordedEvent): void;
  finish(): LogVerification;
}

/**
 * Starts a verification of the log's integrity: every stream's hash chain; every stream's tree
 * against each checkpoint held (it must extend the size the checkpoint signed with the same
 * root, or have been deleted by a seal or closing that proves, by a consistency proof, that it
 * only grew); the checkpoints' signatures, by pinned keys or keys they endorsed; and that every
 * seal was followed by a checkpoint. Memory grows with streams, never with events.
 */
export function createLogVerifier(options: LogVerifierOptions = {}): LogVerifier {
  const trusted = options.trusted ?? [];
  const carried = options.carried ?? [];
  const watch = new Map<string, number[]>();
  for (const checkpoint of [...trusted, ...carried])
    for (const leaf of checkpoint.leaves)
      watch.set(leaf.stream, [...(watch.get(leaf.stream) ?? []), leaf.size]);
  const state = createLogState(watch);
  const chains = createChainVerifier();
  const findings: LogFinding[] = [];
  const keyEvents: LogKeyEvent[] = [];
  const deletions = new Map<string, Deletion>();
  const seals: { stream: string; revision: number; position: string }[] = [];

  const decodePublic = (event: RecordedEvent): { type: string; data: unknown } | undefined => {
    if (readHeader(event.metadata)?.codec !== 'plain') return undefined;
    const inner = decodeInner(event.data);
    if (inner === undefined) {
      findings.push({
        code: 'LOG_EVENT_MALFORMED',
        stream: event.stream,
        revision: event.revision,
        position: event.position,
        message: {
          sv: 'Händelsen går inte att läsa fast den är i klartext.',
          en: 'The event cannot be read although it is in clear.',
        },
      });
    }
    return inner;
  };

  const observeSpecial = (event: RecordedEvent): void => {
    if (event.stream === LOG_KEYS_STREAM) {
      const inner = decodePublic(event);
      if (inner !== undefined && (inner.type === 'LogKeyAdopted' || inner.type === 'LogKeyRotated'))
        keyEvents.push(inner as LogKeyEvent);
    } else if (event.type === 'PeriodSealed' && event.stream.startsWith('period-')) {
      const inner = decodePublic(event);
      const deleted = isObject(inner?.data) ? inner.data.deleted : undefined;
      if (Array.isArray(deleted))
        for (const entry of deleted) {
          const record = asDeletedStream(entry);
          if (record !== undefined)
            deletions.set(record.stream, { holder: event.stream, record, position: event.position });
        }
      seals.push({ stream: event.stream, revision: event.revision, position: event.position });
    } else if (event.type === 'SeriesClosed' && event.stream === SERIES_INDEX_STREAM) {
      const inner = decodePublic(event);
      const data = isObject(inner?.data) ? inner.data : undefined;
      const record = data === undefined ? undefined : asDeletedStream({ ...data, stream: data.series });
      if (record !== undefined)
        deletions.set(record.stream, { holder: event.stream, record, position: event.position });
    }
  };

  const checkAgainst = (checkpoint: LogCheckpoint, leaves: readonly LogLeaf[], found: LogFinding[]): void => {
    for (const leaf of leaves) {
      const size = state.sizeOf(leaf.stream);
      if (size === undefined) {
        checkDeletedStream(leaf, deletions.get(leaf.stream), found);
        continue;
      }
      if (size < leaf.size) {
        found.push({
          code: 'LOG_STREAM_TRUNCATED',
          stream: leaf.stream,
          revision: size,
          message: {
            sv: `Strömmen slutar efter ${size} händelser, men kontrollpunkten ${checkpoint.time} signerade ${leaf.size}: händelse ${size} och framåt saknas.`,
            en: `The stream ends after ${size} events, but the checkpoint of ${checkpoint.time} signed ${leaf.size}: revision ${size} onwards is missing.`,
          },
        });
        continue;
      }
      const root = state.rootAt(leaf.stream, leaf.size);
      if (root === undefined || !sameBytes(root, leaf.root))
        found.push({
          code: 'LOG_STREAM_REWRITTEN',
          stream: leaf.stream,
          revisions: revisionRange(leaf.size),
          message: {
            sv: `De första ${leaf.size} händelserna är inte de som kontrollpunkten ${checkpoint.time} signerade: någon av dem har ändrats, flyttats eller bytts ut (även om hashkedjan räknats om).`,
            en: `The first ${leaf.size} events are not those the checkpoint of ${checkpoint.time} signed: one of them was altered, moved or replaced (even if the hash chain was recomputed).`,
          },
        });
    }
  };

  return {
    observe(event) {
      if (!isInLogTree(event.stream)) return;
      const broken = chains.check(event);
      if (broken !== undefined)
        findings.push({
          code: broken.code,
          stream: event.stream,
          revision: event.revision,
          position: event.position,
          message: chainFindingText(broken),
        });
      state.observe(event);
      observeSpecial(event);
    },

    finish() {
      const leaves = state.leaves();
      const found: LogFinding[] = [...findings];
      const pinned = options.publicKeys ?? [];
      const trustedKeys = trustedLogKeys(pinned, keyEvents);
      const declared = declaredLogKeys(keyEvents);
      const held: { checkpoint: LogCheckpoint; pinned: boolean; publicKey: Uint8Array; leaves: LogLeaf[] }[] =
        [];
      const hold = (checkpoint: LogCheckpoint, mustBePinned: boolean): void => {
        let key = trustedKeys.get(checkpoint.keyId);
        const isPinned = key !== undefined;
        if (key === undefined && !mustBePinned && pinned.length === 0) key = declared.get(checkpoint.keyId);
        if (key === undefined) {
          found.push({
            code: 'LOG_CHECKPOINT_KEY_UNTRUSTED',
            stream: LOG_KEYS_STREAM,
            message: {
              sv: `Kontrollpunkten ${checkpoint.time} är signerad med nyckeln ${checkpoint.keyId}, som varken är fastställd av granskaren eller godkänd av en sådan nyckel.`,
              en: `The checkpoint of ${checkpoint.time} is signed by key ${checkpoint.keyId}, which the auditor neither pinned nor saw endorsed by a pinned key.`,
            },
          });
          return;
        }
        if (checkCheckpoint(checkpoint, key) !== undefined) {
          found.push({
            code: 'LOG_CHECKPOINT_INVALID',
            stream: LOG_KEYS_STREAM,
            message: {
              sv: `Kontrollpunkten ${checkpoint.time} håller inte: signaturen eller dess rot stämmer inte med dess löv.`,
              en: `The checkpoint of ${checkpoint.time} does not hold: its signature, or its root over its leaves, is wrong.`,
            },
          });
          return;
        }
        const checkpointLeaves = checkpoint.leaves.map((leaf) => ({
          stream: leaf.stream,
          size: leaf.size,
          root: hashFromHexOrUndefined(leaf.root) as Hash,
        }));
        held.push({ checkpoint, pinned: isPinned, publicKey: key, leaves: checkpointLeaves });
      };
      for (const checkpoint of trusted) hold(checkpoint, true);
      for (const checkpoint of carried) hold(checkpoint, false);
      held.sort((a, b) => (a.checkpoint.time < b.checkpoint.time ? -1 : 1));
      if (pinned.length > 0 && !held.some((candidate) => candidate.pinned))
        found.push({
          code: 'LOG_CHECKPOINT_MISSING',
          stream: LOG_KEYS_STREAM,
          message: {
            sv: 'Ingen kontrollpunkt är signerad med den fastställda nyckeln: loggen går inte att hålla mot något (en export ska bära sin senaste kontrollpunkt).',
            en: 'No checkpoint is signed by the pinned key: the log cannot be held to anything (an export must carry its latest checkpoint).',
          },
        });

      const seen = new Set<string>();
      for (const { checkpoint, leaves: signed } of held) {
        const streamFindings: LogFinding[] = [];
        checkAgainst(checkpoint, signed, streamFindings);
        for (const finding of streamFindings) {
          const key = `${finding.code}\u0000${finding.stream}`;
          if (seen.has(key)) continue;
          seen.add(key);
          found.push(finding);
        }
      }

      // A stream both kept and accounted as deleted must be what its seal or closing says.
      for (const [stream, deletion] of deletions) {
        const size = state.sizeOf(stream);
        if (size === undefined) continue;
        const root = state.rootAt(stream, size);
        const link: ChainLink | undefined = chains.lastLink(stream);
        const agrees =
          size === deletion.record.size &&
          link !== undefined &&
          toHex(link.hash) === deletion.record.head &&
          (deletion.record.root === undefined ||
            (root !== undefined && toHex(root) === deletion.record.root));
        if (!agrees)
          found.push({
            code: 'LOG_DELETED_STREAM_MISMATCH',
            stream,
            position: deletion.position,
            message: {
              sv: `Strömmen finns kvar, men är inte vad förseglingen i ${deletion.holder} redovisar (storlek, sista hash eller rot).`,
              en: `The stream is still here, but is not what the seal in ${deletion.holder} accounts for (size, last hash or root).`,
            },
          });
      }

      const latest = held[held.length - 1];
      const latestSizes = new Map((latest?.leaves ?? []).map((leaf) => [leaf.stream, leaf.size]));
      if (latest !== undefined)
        for (const seal of seals) {
          if ((latestSizes.get(seal.stream) ?? 0) > seal.revision) continue;
          found.push({
            code: 'LOG_SEAL_AFTER_CHECKPOINT',
            stream: seal.stream,
            revision: seal.revision,
            position: seal.position,
            message: {
              sv: `Perioden förseglades efter den senaste kontrollpunkten (${latest.checkpoint.time}), men varje försegling skriver en: en nyare kontrollpunkt saknas.`,
              en: `The period was sealed after the latest checkpoint (${latest.checkpoint.time}), but every seal writes one: a newer checkpoint is missing.`,
            },
          });
        }
      const eventsAfterCheckpoint = leaves.reduce(
        (sum, leaf) => sum + Math.max(0, leaf.size - (latestSizes.get(leaf.stream) ?? 0)),
        0,
      );
      return {
        events: state.events,
        leaves,
        root: logRoot(leaves),
        findings: found,
        latest:
          latest === undefined
            ? undefined
            : { checkpoint: latest.checkpoint, pinned: latest.pinned, publicKey: latest.publicKey },
        eventsAfterCheckpoint,
      };
    },
  };
}
