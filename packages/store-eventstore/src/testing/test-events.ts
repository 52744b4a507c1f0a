import { createHash } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from '@pinnstatistik/core';

const labels = new Map<string, string>();

/** A stable UUID for a readable label, so tests can name events (`'a'`, `'b'`) and still send UUIDs. */
export function idOf(label: string): string {
  const hex = createHash('sha256').update(`test-event\u0000${label}`).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  labels.set(id, label);
  return id;
}

/** The label an id was made from (or the id itself). */
export function labelOf(id: string): string {
  return labels.get(id) ?? id;
}

/** The labels of recorded events, in order. */
export const labelsOf = (events: readonly RecordedEvent[]): string[] =>
  events.map((event) => labelOf(event.id));

const encoder = new TextEncoder();

/** An event named by its label: its data is the label's bytes, its metadata a few bytes of its own. */
export function event(label: string, type = 'Counted', size = 0): EventToAppend {
  return {
    id: idOf(label),
    type,
    data: encoder.encode(`${label}${'p'.repeat(size)}`),
    metadata: Uint8Array.of(label.length, 0, 255),
  };
}

/** Events named by their labels. */
export const events = (...eventLabels: string[]): EventToAppend[] => eventLabels.map((label) => event(label));

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export { wait };

/** Waits until `condition` holds, polling; throws with `message` after `timeoutMs`. */
export async function eventually(
  condition: () => boolean,
  message: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await wait(5);
  }
}
