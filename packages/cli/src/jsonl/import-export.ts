import {
  checkpointOf,
  deriveEventId,
  type EventStore,
  type EventToAppend,
  GENESIS_HASH,
  isInLogTree,
  type JsonValue,
  LOG_CHECKPOINT_STREAM,
  LOG_CHECKPOINT_TYPE,
  type LogCheckpoint,
  type RecordedEvent,
  readHeader,
  type StreamAppend,
  sealEvent,
} from '@pinnstatistik/core';
import { CliError, EXIT_CODES } from '../cli/cli-error.js';
import { describeIntegrityFinding } from '../verify/integrity-finding.js';
import type { Trust } from '../verify/trust.js';
import { appendSize } from './append-size.js';
import { createBatchFingerprints } from './batch-fingerprints.js';
import { readExport } from './read-export.js';
import { type ExportLogCheck, verifyExportLog } from './verify-export-log.js';

/** How to import. */
export interface ImportOptions {
  /** The largest append the target accepts, in bytes (every store's default is 1 MiB). */
  readonly maxAppendBytes: number;
  /** At most this many bytes of events per atomic batch (an export that fits is written all or nothing). */
  readonly batchBytes: number;
  readonly trust?: Trust;
  readonly maxLineBytes?: number;
  /** Called with `checking` while the file is verified, `writing` while events are written. */
  readonly onProgress?: (phase: 'checking' | 'writing', events: number) => void;
}

/** What an import did. */
export interface ImportSummary {
  readonly events: number;
  readonly streams: number;
  /** Events the target already held from an earlier, interrupted run of the same import. */
  readonly alreadyThere: number;
  readonly written: number;
  readonly batches: number;
  readonly check: ExportLogCheck;
}

const SHOWN_FINDINGS = 20;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** Each stream's last event in the target: how far an earlier run of this import got. */
async function targetHeads(target: EventStore): Promise<Map<string, { revision: number; hash: string }>> {
  const heads = new Map<string, { revision: number; hash: string }>();
  for await (const event of target.readAll()) {
    if (!isInLogTree(event.stream)) continue;
    heads.set(event.stream, {
      revision: event.revision,
      hash: hex(readHeader(event.metadata)?.hash ?? GENESIS_HASH),
    });
  }
  return heads;
}

/**
 * Loads an export into a store without ever leaving it half-written for good. First, before
 * anything is written: every chain, the log tree and the trailer verify (and the checkpoints the
 * auditor trusts), every event fits the target's append limit, and whatever the target holds is
 * a prefix of this very export (an earlier run of the same import, interrupted). Then the events
 * go in with `appendBatch`: all in one atomic batch when they fit `batchBytes`, else in batches
 * in file order (a stream's events in one part each, catalogue events never after later events
 * of other streams), each stream at its own revisions — each batch only when it is, byte for
 * byte, one the first pass verified (the file is read twice, and may change in between). A
 * refused import writes nothing; an interrupted one is completed by running it again.
 */
export async function importExport(
  file: string,
  target: EventStore,
  options: ImportOptions,
): Promise<ImportSummary> {
  const heads = await targetHeads(target);
  const exportSizes = new Map<string, number>();
  const oversized: string[] = [];
  const oversizedSv: string[] = [];
  const diverged: string[] = [];
  const read = options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes };
  const limits = { maxAppendBytes: options.maxAppendBytes, batchBytes: options.batchBytes };
  const isThere = (event: RecordedEvent): boolean => {
    const head = heads.get(event.stream);
    return head !== undefined && event.revision <= head.revision;
  };
  // The batches this import will write, fingerprinted as they are verified.
  const verifiedBatches: string[] = [];
  const verifying = createBatchFingerprints(limits);
  const check = await verifyExportLog(file, {
    ...read,
    trusted: options.trust?.trusted ?? [],
    publicKeys: options.trust?.publicKeys ?? [],
    onProgress: (events) => options.onProgress?.('checking', events),
    onEvent(event, line) {
      exportSizes.set(event.stream, event.revision + 1);
      if (!isThere(event)) {
        const closed = verifying.add(event);
        if (closed !== undefined) verifiedBatches.push(closed);
      }
      const size = appendSize(event);
      if (size > options.maxAppendBytes && oversized.length < SHOWN_FINDINGS) {
        oversized.push(
          `  line ${line}: ${event.stream} revision ${event.revision} is ${size} bytes, more than ${options.maxAppendBytes}`,
        );
        oversizedSv.push(
          `  rad ${line}: ${event.stream} revision ${event.revision} är ${size} byte, mer än ${options.maxAppendBytes}`,
        );
      }
      const head = heads.get(event.stream);
      if (
        head !== undefined &&
        head.revision === event.revision &&
        head.hash !== hex(readHeader(event.metadata)?.hash ?? GENESIS_HASH)
      )
        diverged.push(event.stream);
    },
  });
  const lastVerified = verifying.finish();
  if (lastVerified !== undefined) verifiedBatches.push(lastVerified);
  if (check.findings.length > 0) {
    const shown = check.findings.slice(0, SHOWN_FINDINGS);
    const more = check.findings.length - shown.length;
    const found = check.findings.length;
    const en = shown.map((finding) => describeIntegrityFinding(finding, 'en'));
    const sv = shown.map((finding) => describeIntegrityFinding(finding, 'sv'));
    throw new CliError(
      `refused: ${file} does not verify (${found} finding${found === 1 ? '' : 's'}); nothing was written`,
      {
        exitCode: EXIT_CODES.notClean,
        details: more > 0 ? [...en, `  … and ${more} more`] : en,
        sv: {
          message: `avvisad: exportfilen håller inte vid kontrollen (${found} ${found === 1 ? 'iakttagelse' : 'iakttagelser'}); inget skrevs`,
          details: more > 0 ? [...sv, `  … och ${more} till`] : sv,
        },
      },
    );
  }
  if (oversized.length > 0)
    throw new CliError(
      `refused: ${file} holds events larger than the target accepts in one append (--max-append-bytes ${options.maxAppendBytes}); nothing was written`,
      {
        details: oversized,
        sv: {
          message: `avvisad: exportfilen har händelser som är större än målet tar emot i en skrivning (--max-append-bytes ${options.maxAppendBytes}); inget skrevs`,
          details: oversizedSv,
        },
      },
    );
  const foreign = [...heads].filter(
    ([stream, head]) => (exportSizes.get(stream) ?? 0) <= head.revision || diverged.includes(stream),
  );
  if (foreign.length > 0)
    throw new CliError(
      `refused: the target holds events that are not part of this export (${foreign
        .slice(0, 3)
        .map(([stream]) => stream)
        .join(
          ', ',
        )}${foreign.length > 3 ? ', …' : ''}); import only into an empty store, or re-run the same import to complete it (nothing was written)`,
      {
        sv: {
          message: `avvisad: målet har händelser som inte hör till den här exportfilen (${foreign
            .slice(0, 3)
            .map(([stream]) => stream)
            .join(
              ', ',
            )}${foreign.length > 3 ? ', …' : ''}); importera bara till ett tomt händelselager, eller kör samma import igen för att slutföra den (inget skrevs)`,
        },
      },
    );

  let alreadyThere = 0;
  let written = 0;
  let batches = 0;
  let parts = new Map<string, { events: EventToAppend[]; expected: StreamAppend['expected'] }>();
  // The file is read a second time to write: each batch goes in only if it is the one verified.
  const changed = (): CliError =>
    new CliError(
      `refused: ${file} changed while it was imported: what it holds now is not what was verified; ${
        written === 0
          ? 'nothing was written'
          : `the ${written} events written are the verified ones: import the file again once it is stable`
      }`,
      {
        exitCode: EXIT_CODES.notClean,
        sv: {
          message: `avvisad: exportfilen ändrades under importen: det den nu innehåller är inte det som kontrollerades; ${
            written === 0
              ? 'inget skrevs'
              : `de ${written} händelser som skrevs är de kontrollerade: importera filen igen när den inte längre ändras`
          }`,
        },
      },
    );
  const flush = async (fingerprint: string | undefined): Promise<void> => {
    if (parts.size === 0) return;
    if (fingerprint !== verifiedBatches[batches]) throw changed();
    const batch = [...parts].map(([stream, part]) => ({
      stream,
      events: part.events,
      expected: part.expected,
    }));
    const result = await target.appendBatch(batch);
    if (result._tag === 'Left')
      throw new CliError(
        `the target refused ${result.left.stream} (${result.left.code}) after ${written} events were written; they are a verified prefix of this export: run the same import again to complete it`,
        {
          sv: {
            message: `målet avvisade ${result.left.stream} (${result.left.code}) efter att ${written} händelser skrivits; de är en kontrollerad början av exportfilen: kör samma import igen för att slutföra den`,
          },
        },
      );
    for (const part of batch) written += part.events.length;
    batches += 1;
    options.onProgress?.('writing', written + alreadyThere);
    parts = new Map();
  };
  const writing = createBatchFingerprints(limits);
  for await (const item of readExport(file, read)) {
    if (item.kind !== 'event') continue;
    const { event } = item;
    if (isThere(event)) {
      alreadyThere += 1;
      continue;
    }
    const closed = writing.add(event);
    if (closed !== undefined) await flush(closed);
    const current = parts.get(event.stream) ?? {
      events: [],
      expected: event.revision === 0 ? ('no-stream' as const) : event.revision - 1,
    };
    current.events.push({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
    parts.set(event.stream, current);
  }
  await flush(writing.finish());
  if (batches !== verifiedBatches.length) throw changed();
  if (check.trailer?.checkpoint != null) await keepCheckpoint(target, check.trailer.checkpoint);
  return {
    events: check.verification.events,
    streams: check.verification.leaves.length,
    alreadyThere,
    written,
    batches,
    check,
  };
}

/** Appends the export's signed checkpoint to the target's checkpoint stream (once), so its exports carry it too. */
async function keepCheckpoint(target: EventStore, checkpoint: LogCheckpoint): Promise<void> {
  let last: RecordedEvent | undefined;
  for await (const event of target.readStream(LOG_CHECKPOINT_STREAM, { direction: 'backwards', limit: 1 }))
    last = event;
  const kept = last === undefined ? undefined : checkpointOf(last);
  if (kept !== undefined && kept.root === checkpoint.root && kept.time === checkpoint.time) return;
  const revision = last === undefined ? 0 : last.revision + 1;
  const commandId = `import\u0000${checkpoint.time}\u0000${checkpoint.root}`;
  const sealed = sealEvent(
    LOG_CHECKPOINT_STREAM,
    revision,
    last === undefined ? GENESIS_HASH : (readHeader(last.metadata)?.hash ?? GENESIS_HASH),
    {
      id: deriveEventId(commandId, LOG_CHECKPOINT_STREAM, 0),
      type: LOG_CHECKPOINT_TYPE,
      data: checkpoint as unknown as JsonValue,
      meta: { commandId },
    },
  );
  const appended = await target.append(LOG_CHECKPOINT_STREAM, [sealed.event], {
    expected: last === undefined ? 'no-stream' : last.revision,
  });
  if (appended._tag === 'Left')
    throw new CliError(
      `the target refused the export's checkpoint (${appended.left.code}); run the import again`,
      {
        sv: {
          message: `målet avvisade exportfilens kontrollpunkt (${appended.left.code}); kör importen igen`,
        },
      },
    );
}
