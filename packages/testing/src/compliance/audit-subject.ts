import type { Cipher, EventStore, KeyStore, RecordedEvent } from '@pinnstatistik/core';

/** A domain event as a decider returns it, not yet stored: `{ type, data }`. */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

/** An event of a log: recorded (with its stream and hash-chained metadata, as a store returns it) or a bare domain event. */
export type LoggedEvent = RecordedEvent | DomainEvent;

/** A running system: its store, and the key store that decides what is still readable. */
export interface AuditedSystem {
  readonly store: EventStore;
  readonly keys?: KeyStore;
  /** The system's today, used when the options give none (a scenario's or a fixture's clock). */
  readonly today?: string;
}

/** What the compliance audit runs over: a store, a system (store and keys), or a list of events. */
export type AuditSubject = EventStore | AuditedSystem | readonly LoggedEvent[];

/** How the audit runs. */
export interface ComplianceOptions {
  /**
   * The audit's today (`YYYY-MM-DD`), for periods left unsealed past their grace. Without one
   * (here or on the system), that check is left out, so a test does not depend on the date it runs.
   */
  readonly today?: string;
  /** The key store, to read open detail and to check that sealed periods' and closed series' keys are gone. */
  readonly keys?: KeyStore;
  /** The ciphers detail may be encrypted with (default AES-256-GCM). */
  readonly ciphers?: readonly Cipher[];
  /** Days after a month's end before it must be sealed (default 15). */
  readonly sealGraceDays?: number;
  /** The language of the findings' messages in an assertion's error (default English). */
  readonly language?: 'sv' | 'en';
}

/** True for an event store (anything with `readAll`). */
export function isEventStore(subject: AuditSubject): subject is EventStore {
  return typeof (subject as Partial<EventStore>).readAll === 'function';
}

/** True for a recorded event: it carries its stream, revision and metadata. */
export function isRecordedEvent(event: LoggedEvent): event is RecordedEvent {
  const candidate = event as Partial<RecordedEvent>;
  return (
    typeof candidate.stream === 'string' &&
    typeof candidate.id === 'string' &&
    typeof candidate.metadata === 'object' &&
    candidate.metadata !== null
  );
}
