import type { ChainFinding } from '@pinnstatistik/core';

/** One line per broken link of an export: code, stream, revision and the file's line. */
export function describeChainFinding(finding: ChainFinding): string {
  return `  ${finding.code}  ${finding.stream}  revision ${finding.revision}, line ${finding.position}: ${finding.message}`;
}
