import {
  createLogVerifier,
  type LogCheckpoint,
  type LogVerification,
  type RecordedEvent,
} from '@pinnstatistik/core';
import { createCheckpointCoverage } from '../verify/checkpoint-coverage.js';
import { createClearTextGuard } from '../verify/clear-text-guard.js';
import { createEnvelopeRules } from '../verify/envelope-rules.js';
import type { ExportFinding, IntegrityFinding } from '../verify/integrity-finding.js';
import { type ExportTrailer, isExportedStream } from './export-format.js';
import { readExport, readExportTrailer } from './read-export.js';

/** What the log is held to, and how to read the file. */
export interface ExportLogOptions {
  /** Checkpoints the auditor saved earlier. */
  readonly trusted?: readonly LogCheckpoint[];
  /** Public keys the auditor pinned (raw Ed25519). */
  readonly publicKeys?: readonly Uint8Array[];
  readonly maxLineBytes?: number;
  readonly onProgress?: (events: number) => void;
  /** Sees every event with its line as it is read (an import checks sizes and the target here). */
  readonly onEvent?: (event: RecordedEvent, line: number) => void;
}

/** What checking an export's integrity found. */
export interface ExportLogCheck {
  readonly verification: LogVerification;
  readonly findings: readonly IntegrityFinding[];
  readonly trailer: ExportTrailer | undefined;
  readonly header: { readonly exportedAt: string; readonly source: string };
}

/**
 * Checks an export's integrity in one streaming pass: every hash chain, every stream's Merkle
 * tree against the checkpoints held (the auditor's, and the one the trailer carries when a
 * trusted key signed it), the trailer against what the file adds up to, each readable view
 * against its bytes, the clear text the guard would refuse, events the library never writes (an
 * unknown stream, a codec its stream never has, meta core never writes), and checkpoints the log
 * shows were written but are missing. The trailer is read first from the end of the file, so the sizes its
 * checkpoint signed are known before the events stream past. Memory grows with streams.
 */
export async function verifyExportLog(file: string, options: ExportLogOptions = {}): Promise<ExportLogCheck> {
  const read = options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes };
  const tail = await readExportTrailer(file, read);
  const carried = tail?.checkpoint == null ? [] : [tail.checkpoint];
  const verifier = createLogVerifier({
    trusted: options.trusted ?? [],
    carried,
    publicKeys: options.publicKeys ?? [],
  });
  const guard = createClearTextGuard();
  const envelope = createEnvelopeRules();
  const coverage = createCheckpointCoverage({
    checkpoints: [...(options.trusted ?? []), ...carried],
    carries: carried.length > 0,
  });
  const exportFindings: ExportFinding[] = [];
  let trailer: ExportTrailer | undefined;
  let header = { exportedAt: '', source: '' };
  let last: { event: RecordedEvent; line: number } | undefined;
  let lastLine = 1;
  let events = 0;
  for await (const item of readExport(file, read)) {
    lastLine = item.line;
    if (item.kind === 'header') header = item.header;
    else if (item.kind === 'trailer') trailer = item.trailer;
    else {
      // A stream no export carries (projection checkpoints, the signed checkpoints' own stream) is
      // outside the log tree: no root, count or trailer covers it, so its lines are findings, never
      // something an import writes — a pasted-in projection checkpoint would forge the statistics.
      if (!isExportedStream(item.event.stream))
        exportFindings.push({
          code: 'EXPORT_STREAM_NOT_EXPORTED',
          stream: item.event.stream,
          revision: item.event.revision,
          position: String(item.line),
          message: {
            sv: 'En rad för en ström som en export aldrig innehåller (projektioners kontrollpunkter): ingen rot eller avslutande rad täcker den, så den har lagts till efter exporten.',
            en: 'A line of a stream an export never carries (projection checkpoints): no root or trailer covers it, so it was added after the export.',
          },
        });
      verifier.observe(item.event);
      guard.observe(item.event);
      envelope.observe(item.event);
      coverage.observe(item.event);
      options.onEvent?.(item.event, item.line);
      last = { event: item.event, line: item.line };
      events += 1;
      if (options.onProgress !== undefined && events % 1000 === 0) options.onProgress(events);
      if (item.view === 'differs')
        exportFindings.push({
          code: 'EXPORT_VIEW_MISMATCH',
          stream: item.event.stream,
          revision: item.event.revision,
          position: String(item.line),
          message: {
            sv: 'Den läsbara vyn visar inte det som är lagrat (de lagrade byten är det som kontrolleras).',
            en: 'The readable view does not show what is stored (the stored bytes are what is checked).',
          },
        });
    }
  }
  const verification = verifier.finish();
  if (trailer === undefined) {
    exportFindings.push({
      code: 'EXPORT_TRAILER_MISSING',
      stream: last?.event.stream ?? '',
      ...(last === undefined ? {} : { revision: last.event.revision + 1 }),
      position: String(lastLine + 1),
      message: {
        sv: `Filen slutar efter rad ${lastLine} utan sin avslutande rad: den är avkortad, och det som följde saknas.`,
        en: `The file ends after line ${lastLine} without its trailer: it was cut short, and what followed is missing.`,
      },
    });
  } else {
    const root = Buffer.from(verification.root).toString('hex');
    const differences: { sv: string; en: string }[] = [];
    if (trailer.events !== verification.events)
      differences.push({
        sv: `${verification.events} händelser, inte ${trailer.events}`,
        en: `${verification.events} events, not ${trailer.events}`,
      });
    if (trailer.treeSize !== verification.leaves.length)
      differences.push({
        sv: `${verification.leaves.length} strömmar, inte ${trailer.treeSize}`,
        en: `${verification.leaves.length} streams, not ${trailer.treeSize}`,
      });
    if (trailer.root !== root) differences.push({ sv: 'en annan rot', en: 'another root' });
    // The checkpoint held was read from the end of the file first: the file may have changed since.
    if (JSON.stringify(trailer.checkpoint) !== JSON.stringify(tail?.checkpoint ?? null))
      differences.push({ sv: 'en annan kontrollpunkt', en: 'another checkpoint' });
    const listed = (language: 'sv' | 'en') =>
      differences.map((difference) => difference[language]).join(', ');
    if (differences.length > 0)
      exportFindings.push({
        code: 'EXPORT_TRAILER_MISMATCH',
        stream: last?.event.stream ?? '',
        position: String(lastLine),
        message: {
          sv: `Filen stämmer inte med sin avslutande rad (${listed('sv')}): händelser har tagits bort, lagts till eller ändrats efter exporten.`,
          en: `The file does not add up to its trailer (${listed('en')}): events were removed, added or altered after the export.`,
        },
      });
  }
  const findings = [
    ...verification.findings,
    ...guard.findings,
    ...envelope.findings,
    ...coverage.finish(verification),
    ...exportFindings,
  ];
  return { verification, findings, trailer, header };
}
