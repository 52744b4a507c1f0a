import type { PeriodSealed } from '../../sealing/period-events.js';
import type { AttackerView } from './attacker-view.js';
import { occurrences } from './attacker-view.js';

/** What is left of deleted detail. */
export interface ResidueAttack {
  /** Deleted streams (by their seals) whose events a reader can still get. */
  readonly readableAfterDeletion: readonly string[];
  /** Deleted streams' names found in the raw bytes more often than their seal and the store's tombstone list them. */
  readonly namesReferencedElsewhere: readonly string[];
  /** Streams the seals deleted. */
  readonly deleted: number;
}

// The records that account for deleted streams by name: the seal itself, and the signed
// checkpoints of the log's tree (each stream's name, size and root when it was signed).
const ACCOUNTING = new Set(['PeriodSealed', 'LogCheckpoint']);

/** Looks for what a seal deleted: readable events, and references to the names beyond what the seal and the checkpoints keep. */
export function readResidue(view: AttackerView, tombstoneCopies: number): ResidueAttack {
  const deleted = view.clear
    .filter((event) => event.type === 'PeriodSealed')
    .flatMap((event) =>
      (event.data as unknown as PeriodSealed['data']).deleted.map((stream) => stream.stream),
    );
  const still = new Set(view.events.map((event) => event.stream));
  const readableAfterDeletion = deleted.filter((stream) => still.has(stream));
  const accounting = view.events
    .filter((event) => ACCOUNTING.has(event.type))
    .map((event) => Buffer.from(event.data.buffer, event.data.byteOffset, event.data.byteLength));
  const allowed = (name: Buffer): number => {
    let count = 0;
    for (const bytes of accounting)
      for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) count += 1;
    return count;
  };
  const namesReferencedElsewhere = deleted.filter((stream) => {
    const name = Buffer.from(stream, 'utf8');
    return occurrences(view, name) > allowed(name) + tombstoneCopies;
  });
  return { readableAfterDeletion, namesReferencedElsewhere, deleted: deleted.length };
}

/** Secrets (note texts, tokens, command ids) found anywhere in the raw bytes. */
export function secretsFound(view: AttackerView, secrets: readonly string[]): readonly string[] {
  return secrets.filter((secret) => occurrences(view, Buffer.from(secret, 'utf8')) > 0);
}
