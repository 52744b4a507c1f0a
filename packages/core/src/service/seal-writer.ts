import type { DeletedStream, PeriodSealed, SealedSheet, SheetsSealed } from '../sealing/period-events.js';
import { evolvePeriod, type PeriodState } from '../sealing/period-state.js';
import { sealProof, tablesDigest } from '../sealing/seal-proof.js';
import { periodKeyId } from '../streams.js';
import type { LoadedStream } from './loaded-stream.js';
import type { PeriodLoader } from './period-loader.js';
import type { ServiceContext } from './service-context.js';

// Tables are written in events of at most about this many characters of JSON, well inside
// every store's append limit.
const TABLES_PER_EVENT_CHARS = 200_000;

function chunked(sheets: readonly SealedSheet[]): SealedSheet[][] {
  const chunks: SealedSheet[][] = [[]];
  let size = 0;
  for (const sheet of sheets) {
    const length = JSON.stringify(sheet).length;
    if (size + length > TABLES_PER_EVENT_CHARS && (chunks.at(-1) as SealedSheet[]).length > 0) {
      chunks.push([]);
      size = 0;
    }
    (chunks.at(-1) as SealedSheet[]).push(sheet);
    size += length;
  }
  return chunks;
}

/**
 * Writes a period's tables (in chunks) and its proven seal on the period stream, skipping what an
 * earlier, interrupted run wrote; returns the stream as it then stands.
 */
export function createSealWriter(context: ServiceContext, periods: PeriodLoader) {
  const { writer } = context;
  return async (
    period: string,
    sheets: readonly SealedSheet[],
    deleted: readonly DeletedStream[],
    proofKey: Uint8Array,
  ): Promise<LoadedStream<PeriodState>> => {
    const seal = {
      period,
      keyId: periodKeyId(period),
      sheets: sheets.length,
      deleted,
      tables: tablesDigest(sheets),
    };
    const plans = [
      ...chunked(sheets).map((chunk, index) => ({
        commandId: `seal\u0000${period}\u0000tables\u0000${index}`,
        events: [{ type: 'SheetsSealed', data: { period, sheets: chunk } } satisfies SheetsSealed],
      })),
      {
        commandId: `seal\u0000${period}`,
        events: [
          {
            type: 'PeriodSealed',
            data: { ...seal, proof: sealProof(proofKey, seal) },
          } satisfies PeriodSealed,
        ],
      },
    ];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      let loaded = await periods.load(period);
      let conflicted = false;
      for (const plan of plans) {
        if ((await loaded.receipts.find(plan.commandId)) !== undefined) continue;
        const appended = await writer.append(loaded, plan, evolvePeriod);
        if (appended.kind !== 'appended') {
          conflicted = true;
          break;
        }
        loaded = appended.loaded;
        periods.remember(period, loaded);
      }
      if (!conflicted) return loaded;
    }
    throw new Error(`could not write the seal of ${period}: too many concurrent writers`);
  };
}
