import { type ChainFinding, createChainVerifier } from '@pinnstatistik/core';
import { createJsonLinesEventStore } from './json-lines-event-store.js';

/** What checking an export's chains found. */
export interface ExportChainCheck {
  readonly events: number;
  readonly streams: number;
  /** Broken links; a finding's `position` is its line in the file. */
  readonly findings: readonly ChainFinding[];
}

/** Checks every stream's hash chain in an export (streaming the file), before anything is trusted. */
export async function verifyExportChains(
  file: string,
  onProgress?: (events: number) => void,
): Promise<ExportChainCheck> {
  const verifier = createChainVerifier();
  const findings: ChainFinding[] = [];
  const streams = new Set<string>();
  let events = 0;
  for await (const event of createJsonLinesEventStore(file).readAll()) {
    events += 1;
    streams.add(event.stream);
    const finding = verifier.check(event);
    if (finding !== undefined) findings.push(finding);
    if (onProgress !== undefined && events % 1000 === 0) onProgress(events);
  }
  return { events, streams: streams.size, findings };
}
