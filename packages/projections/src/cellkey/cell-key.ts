import { createHmac, hkdfSync } from 'node:crypto';
import type { BaseCell } from '../report/base-cells.js';

/** The id of the statistics key in the key store. */
export const STATISTICS_KEY_ID = 'statistics';

/** A cell-key function: a number in [0, 1) for a cell's content, secret without the key. */
export type CellKeyFunction = (content: readonly BaseCell[]) => number;

const derive = (key: Uint8Array, purpose: string): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', key, new Uint8Array(0), `pinnstatistik/${purpose}`, 32));

/**
 * Cell keys from the statistics key: HMAC-SHA-256, under a subkey of the statistics key, of the
 * cell's content — the sorted list of the non-zero base cells (month × unit × intervention ×
 * population: the coarsest measure counting the same people) it sums, their identities only.
 * The first 48 bits, over 2⁴⁸, are the cell key. So a cell's noise depends on which base cells it holds and on the secret, on nothing else: the
 * same population gets the same noise however it is asked for, and no one without the key
 * can tell the noise.
 */
export function cellKeys(statisticsKey: Uint8Array): CellKeyFunction {
  const subkey = derive(statisticsKey, 'cell-key');
  return (content) => {
    const ids = content.map((cell) =>
      [cell.month, cell.unitId, cell.interventionId, cell.population].join('\u0000'),
    );
    ids.sort();
    const digest = createHmac('sha256', subkey).update(JSON.stringify(ids)).digest();
    return digest.readUIntBE(0, 6) / 2 ** 48;
  };
}

/**
 * A fingerprint of the statistics key (HMAC of a fixed label under its own subkey, 64 bits,
 * hex): recorded with every cell-key release, so a report made with another key — which would
 * give every cell fresh noise that could be averaged against the old — is refused.
 */
export function statisticsKeyCheck(statisticsKey: Uint8Array): string {
  return createHmac('sha256', derive(statisticsKey, 'key-check'))
    .update('statistics key check')
    .digest('hex')
    .slice(0, 16);
}
