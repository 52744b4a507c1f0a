import { hash } from 'node:crypto';

/**
 * The id of the `index`-th event a command writes to a stream: a UUID (version 8) derived
 * from the command id, so a retried command produces the same ids and stores de-duplicate it.
 */
export function deriveEventId(commandId: string, stream: string, index: number): string {
  const digest = hash('sha256', `${commandId}\u0000${stream}\u0000${index}`, 'buffer');
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x80;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
