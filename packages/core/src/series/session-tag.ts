import { keyedName } from '../crypto/key-derivation.js';

/**
 * A series' tag for one month: what its sessions' tallies carry inside the month's sealed
 * detail. A keyed hash under the series' own naming key, so only a holder of the series key
 * finds its tallies, and once the series is closed (its key destroyed) nothing links them; one
 * tag a month, so tags of two months do not match each other.
 */
export function sessionTag(seriesNamingKey: Uint8Array, period: string): string {
  return keyedName(seriesNamingKey, 'sessions', period);
}
