import type { Row } from '../report.js';
import type { PeerName } from './implementations.js';
import type { PeerResult } from './measure-peers.js';

/** The peers' figures of one run, by implementation. */
export type PeersResults = Partial<Record<PeerName, PeerResult>>;

const LABELS: Record<PeerName, string> = {
  raw: 'raw arrays + Map (the in-process limit)',
  emmett: 'Emmett 0.42.0 in-memory event store',
  castore: 'Castore 2.4.2 in-memory adapter',
  'store-memory': 'pinnstatistik store-memory',
};

const k = (value: number): string =>
  value >= 1e6
    ? `${(value / 1e6).toFixed(2)} M`
    : value >= 1e3
      ? `${(value / 1e3).toFixed(1)} k`
      : value.toFixed(0);

const ratios = (
  value: number,
  of: (result: PeerResult) => number,
  peers: PeersResults,
  lowerIsBetter = false,
) =>
  (['raw', 'emmett', 'castore'] as const)
    .filter((name) => peers[name] !== undefined)
    .map((name) => {
      const other = of(peers[name] as PeerResult);
      const ratio = lowerIsBetter ? other / value : value / other;
      return `${ratio.toFixed(2)}× ${name === 'raw' ? 'raw' : name === 'emmett' ? 'Emmett' : 'Castore'}`;
    })
    .join(' · ');

/** The table rows for the peers: store-memory's three figures with their ratios and targets, then each peer's. */
export function peersRows(peers: PeersResults): Row[] {
  const ours = peers['store-memory'];
  const out: Row[] = [];
  const n = Object.values(peers)[0]?.n ?? 0;
  if (ours !== undefined) {
    const castore = peers.castore;
    const others = (['emmett', 'castore'] as const).flatMap((name) => peers[name] ?? []);
    out.push({
      id: 'p-append',
      measure: `(p) PEERS workload, store-memory append, 1 event/call, N = ${k(n)}`,
      value: ours.appendPerSec,
      unit: 'ev/s',
      ...(peers.raw === undefined
        ? {}
        : { raw: peers.raw.appendPerSec, ratio: ours.appendPerSec / peers.raw.appendPerSec }),
      vsRaw: ratios(ours.appendPerSec, (result) => result.appendPerSec, peers),
      ...(castore === undefined
        ? {}
        : { target: '≥ 10× Castore', met: ours.appendPerSec >= 10 * castore.appendPerSec }),
    });
    out.push({
      id: 'p-replay',
      measure: `(p) PEERS workload, store-memory replay + fold (readAllPages), N = ${k(n)}`,
      value: ours.replayPerSec,
      unit: 'ev/s',
      ...(peers.raw === undefined
        ? {}
        : { raw: peers.raw.replayPerSec, ratio: ours.replayPerSec / peers.raw.replayPerSec }),
      vsRaw: ratios(ours.replayPerSec, (result) => result.replayPerSec, peers),
      ...(castore === undefined
        ? {}
        : {
            target: '≥ 2× Castore, faster than every peer',
            met:
              ours.replayPerSec >= 2 * castore.replayPerSec &&
              others.every((other) => ours.replayPerSec > other.replayPerSec),
          }),
    });
    out.push({
      id: 'p-bytes',
      measure: `(p) PEERS workload, store-memory bytes held per event (heap + array buffers), N = ${k(n)}`,
      value: ours.bytesPerEvent,
      unit: 'B/event',
      ...(peers.raw === undefined
        ? {}
        : { raw: peers.raw.bytesPerEvent, ratio: ours.bytesPerEvent / peers.raw.bytesPerEvent }),
      vsRaw: ratios(ours.bytesPerEvent, (result) => result.bytesPerEvent, peers, true).replaceAll(
        '×',
        '× fewer than',
      ),
      target: '≤ 250 B',
      met: ours.bytesPerEvent <= 250,
    });
  }
  for (const name of ['raw', 'emmett', 'castore'] as const) {
    const peer = peers[name];
    if (peer === undefined) continue;
    out.push({
      id: `p-${name}`,
      measure: `(p) PEERS workload, ${LABELS[name]}: append ev/s (replay + fold ${k(peer.replayPerSec)} ev/s, ${peer.bytesPerEvent.toFixed(0)} B/event)`,
      value: peer.appendPerSec,
      unit: 'ev/s',
    });
  }
  return out;
}

/** The side-by-side table of the peers workload, as Markdown. */
export function peersTable(peers: PeersResults): string {
  const ours = peers['store-memory'];
  const lines = [
    `| N = ${k(Object.values(peers)[0]?.n ?? 0)}, same run | append ev/s | replay + fold ev/s | bytes held / event | store-memory ÷ this (append · replay · bytes) |`,
    '|---|---:|---:|---:|---|',
  ];
  for (const name of ['raw', 'emmett', 'castore', 'store-memory'] as const) {
    const peer = peers[name];
    if (peer === undefined) continue;
    const versus =
      ours === undefined || name === 'store-memory'
        ? ''
        : `${(ours.appendPerSec / peer.appendPerSec).toFixed(2)}× · ${(ours.replayPerSec / peer.replayPerSec).toFixed(2)}× · ${(ours.bytesPerEvent / peer.bytesPerEvent).toFixed(2)}×`;
    lines.push(
      `| ${LABELS[name]} | ${k(peer.appendPerSec)} | ${k(peer.replayPerSec)} | ${peer.bytesPerEvent.toFixed(0)} | ${versus} |`,
    );
  }
  return lines.join('\n');
}
