import type { LocalizedText, LogFinding } from '@pinnstatistik/core';

/** What checking an export file itself can find, beside the log's own findings. */
export interface ExportFinding {
  readonly code:
    | 'EXPORT_TRAILER_MISSING'
    | 'EXPORT_TRAILER_MISMATCH'
    | 'EXPORT_VIEW_MISMATCH'
    | 'EXPORT_STREAM_NOT_EXPORTED';
  readonly stream: string;
  readonly revision?: number;
  readonly revisions?: { readonly from: number; readonly to: number };
  readonly position?: string;
  readonly message: LocalizedText;
}

/**
 * What the CLI's own checks of a log (an export or a store) can find, beside core's: clear text
 * the guard refuses, events the library never writes (an unknown stream, a codec its stream
 * never has, meta core never writes), and checkpoints the log shows were written but are not
 * there to hold it to.
 */
export interface LogRuleFinding {
  readonly code:
    | 'PERSONAL_DATA_IN_CLEAR'
    | 'LOG_CLOSING_AFTER_CHECKPOINT'
    | 'LOG_CHECKPOINT_STRIPPED'
    | 'LOG_UNKNOWN_STREAM'
    | 'LOG_CODEC_MISMATCH'
    | 'LOG_MALFORMED_META';
  readonly stream: string;
  readonly revision?: number;
  readonly revisions?: { readonly from: number; readonly to: number };
  readonly position?: string;
  readonly message: LocalizedText;
}

/** A finding about the log's integrity: its chains, trees and checkpoints, its clear text, or the export file. */
export type IntegrityFinding = LogFinding | ExportFinding | LogRuleFinding;

/** The rule a finding applies, as the verdict groups findings. */
export function integrityClause(finding: IntegrityFinding): string {
  if (finding.code.startsWith('CHAIN_')) return 'envelope/hash-chain';
  if (finding.code.startsWith('EXPORT_')) return 'export/trailer';
  if (finding.code === 'PERSONAL_DATA_IN_CLEAR') return 'privacy/personal-data';
  if (
    finding.code === 'LOG_UNKNOWN_STREAM' ||
    finding.code === 'LOG_CODEC_MISMATCH' ||
    finding.code === 'LOG_MALFORMED_META'
  )
    return 'envelope/payload';
  if (
    finding.code.startsWith('LOG_CHECKPOINT_') ||
    finding.code === 'LOG_SEAL_AFTER_CHECKPOINT' ||
    finding.code === 'LOG_CLOSING_AFTER_CHECKPOINT'
  )
    return 'log/checkpoint';
  if (finding.code.startsWith('LOG_DELETED_')) return 'log/deleted-stream';
  return 'log/stream-tree';
}

/** Where a finding points, in words: the revision (or range) and the line of the file. */
export function whereOf(finding: IntegrityFinding, lang: 'sv' | 'en'): string {
  const parts: string[] = [];
  if (finding.revision !== undefined) parts.push(`revision ${finding.revision}`);
  if (finding.revisions !== undefined)
    parts.push(`revision${lang === 'sv' ? 'erna' : 's'} ${finding.revisions.from}–${finding.revisions.to}`);
  if (finding.position !== undefined) parts.push(`position ${finding.position}`);
  return parts.join(', ');
}

/** One line per finding for a refusal: code, stream and where. */
export function describeIntegrityFinding(finding: IntegrityFinding, lang: 'sv' | 'en' = 'en'): string {
  const where = whereOf(finding, lang);
  return `  ${finding.code}  ${finding.stream}${where === '' ? '' : `  ${where}`}: ${finding.message[lang]}`;
}
