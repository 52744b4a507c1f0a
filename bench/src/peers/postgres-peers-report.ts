import type { PostgresPeerName, PostgresPeerResult } from './measure-postgres-peers.js';

/** The PEERS workload's figures on PostgreSQL of one run, by implementation. */
export type PostgresPeersResults = Partial<Record<PostgresPeerName, PostgresPeerResult>>;

const LABELS: Record<PostgresPeerName, string> = {
  'emmett-postgresql': 'Emmett 0.42.0 PostgreSQL event store (read back with `readMessagesBatch`)',
  'store-postgres': 'pinnstatistik store-postgres (read back with `readAllPages`)',
};

const k = (value: number): string => (value >= 1e3 ? `${(value / 1e3).toFixed(1)} k` : value.toFixed(0));

/** The side-by-side table of the PEERS workload on PostgreSQL, as Markdown. */
export function postgresPeersTable(results: PostgresPeersResults): string {
  const ours = results['store-postgres'];
  const emmett = results['emmett-postgresql'];
  const lines = [
    `| N = ${k(Object.values(results)[0]?.n ?? 0)}, same run, local PostgreSQL | append ev/s (1 event, 1 transaction a call) | replay + fold ev/s | disk bytes / event |`,
    '|---|---:|---:|---:|',
  ];
  for (const name of ['emmett-postgresql', 'store-postgres'] as const) {
    const result = results[name];
    if (result === undefined) continue;
    lines.push(
      `| ${LABELS[name]} | ${k(result.appendPerSec)} | ${k(result.replayPerSec)} | ${result.diskBytesPerEvent.toFixed(0)} |`,
    );
  }
  if (ours !== undefined && emmett !== undefined)
    lines.push(
      `| store-postgres ÷ Emmett | ${(ours.appendPerSec / emmett.appendPerSec).toFixed(2)}× | ${(ours.replayPerSec / emmett.replayPerSec).toFixed(2)}× | ${(ours.diskBytesPerEvent / emmett.diskBytesPerEvent).toFixed(2)}× |`,
    );
  return lines.join('\n');
}
