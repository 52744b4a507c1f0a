import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { type ServerWritableStream, status } from '@grpc/grpc-js';
import { streamDeletedError } from './double-errors.js';
import type { FaultSchedule } from './double-faults.js';
import { comparePosition, type DoubleLog, type DoubleRecord } from './double-log.js';
import { readEvent, streamIdentifier, streamName } from './double-messages.js';
import type { ProtoModules } from './proto-modules.js';

type Options = ReturnType<ReadReq['getOptions']> & object;
type Call = ServerWritableStream<ReadReq, ReadResp>;

/** The server's default search window of a filtered read, in events. */
const DEFAULT_WINDOW = 32;

function countOf(options: Options): number {
  return options.hasCount() ? Number(options.getCount()) : Number.POSITIVE_INFINITY;
}

function backwards(options: Options): boolean {
  return options.getReadDirection() === 1;
}

/** The server-side filter of a `$all` read or subscription, and how often it checkpoints. */
function filterOf(options: Options): { matches: (record: DoubleRecord) => boolean; checkpointEvery: number } {
  if (!options.hasFilter()) return { matches: () => true, checkpointEvery: Number.POSITIVE_INFINITY };
  const filter = options.getFilter() as NonNullable<ReturnType<Options['getFilter']>>;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const prefixes = expression?.getPrefixList() ?? [];
  const regex = expression?.getRegex() ?? '';
  const test =
    prefixes.length > 0
      ? (value: string) => prefixes.some((prefix) => value.startsWith(prefix))
      : (value: string) => new RegExp(regex).test(value);
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_WINDOW;
  return {
    matches: (record) => test(onStream ? record.stream : record.type),
    checkpointEvery: window * Math.max(1, filter.getCheckpointintervalmultiplier()),
  };
}

function structuredIds(options: Options): boolean {
  return options.getUuidOption()?.hasStructured() ?? false;
}

function readStream(protos: ProtoModules, log: DoubleLog, call: Call, options: Options): void {
  const streamOptions = options.getStream() as NonNullable<ReturnType<Options['getStream']>>;
  const name = streamName(streamOptions.getStreamIdentifier());
  const found = log.read(name);
  if (found.kind === 'deleted') {
    call.emit('error', streamDeletedError(name));
    return;
  }
  if (found.kind === 'absent') {
    const notFound = new protos.streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(
      streamIdentifier(protos, name),
    );
    call.write(new protos.streamsPb.ReadResp().setStreamNotFound(notFound));
    call.end();
    return;
  }
  const { records } = found;
  const last = records.length - 1;
  // Indexes into the visible records; a soft-deleted stream's revisions start past its `$tb`.
  const first = Number(records[0]?.revision ?? 0n);
  let from: number;
  if (streamOptions.hasStart()) from = backwards(options) ? -1 : 0;
  else if (streamOptions.hasEnd()) from = backwards(options) ? last : records.length;
  else from = Math.max(backwards(options) ? -1 : 0, Number(streamOptions.getRevision()) - first);
  const count = countOf(options);
  const step = backwards(options) ? -1 : 1;
  let sent = 0;
  for (
    let index = step < 0 ? Math.min(from, last) : from;
    index >= 0 && index <= last && sent < count;
    index += step
  ) {
    call.write(readEvent(protos, records[index] as DoubleRecord, structuredIds(options)));
    sent += 1;
  }
  call.end();
}

function startIndex(log: DoubleLog, options: Options, inclusive: boolean): number {
  const allOptions = options.getAll() as NonNullable<ReturnType<Options['getAll']>>;
  const records = log.all();
  if (allOptions.hasStart()) return 0;
  if (allOptions.hasEnd()) return records.length;
  const grpcPosition = allOptions.getPosition();
  const position = {
    commit: BigInt(grpcPosition?.getCommitPosition() ?? '0'),
    prepare: BigInt(grpcPosition?.getPreparePosition() ?? '0'),
  };
  const index = records.findIndex((record) => {
    const order = comparePosition(record, position);
    return inclusive ? order >= 0 : order > 0;
  });
  return index < 0 ? records.length : index;
}

function readAll(protos: ProtoModules, log: DoubleLog, call: Call, options: Options): void {
  const records = log.all();
  const { matches } = filterOf(options);
  const count = countOf(options);
  let sent = 0;
  if (backwards(options)) {
    // Backwards from a position returns what lies before it.
    for (let index = startIndex(log, options, true) - 1; index >= 0 && sent < count; index -= 1) {
      const record = records[index] as DoubleRecord;
      if (!matches(record)) continue;
      call.write(readEvent(protos, record, structuredIds(options)));
      sent += 1;
    }
  } else {
    for (let index = startIndex(log, options, true); index < records.length && sent < count; index += 1) {
      const record = records[index] as DoubleRecord;
      if (!matches(record)) continue;
      call.write(readEvent(protos, record, structuredIds(options)));
      sent += 1;
    }
  }
  call.end();
}

/** Tracks the open subscription calls, so a test can drop them as a failing node would. */
export interface SubscriptionRegistry {
  add(call: Call, stop: () => void): void;
}

/** How the double's subscriptions behave. */
export interface SubscriptionBehaviour {
  /** Whether the caught-up message is sent (EventStoreDB 23.10 and later, every KurrentDB). */
  readonly caughtUpSignal: boolean;
}

function subscribeToAll(
  protos: ProtoModules,
  log: DoubleLog,
  call: Call,
  options: Options,
  registry: SubscriptionRegistry,
  behaviour: SubscriptionBehaviour,
): void {
  const { ReadResp } = protos.streamsPb;
  const { matches, checkpointEvery } = filterOf(options);
  let scanned = 0;
  let stopped = false;
  call.write(
    new ReadResp().setConfirmation(
      new ReadResp.SubscriptionConfirmation().setSubscriptionId(globalThis.crypto.randomUUID()),
    ),
  );
  const checkpoint = (record: DoubleRecord): void => {
    call.write(
      new ReadResp().setCheckpoint(
        new ReadResp.Checkpoint()
          .setCommitPosition(record.commit.toString())
          .setPreparePosition(record.prepare.toString()),
      ),
    );
  };
  const deliver = (record: DoubleRecord): void => {
    if (matches(record)) call.write(readEvent(protos, record, structuredIds(options)));
    scanned += 1;
    if (scanned % checkpointEvery === 0) checkpoint(record);
  };
  const records = log.all();
  // Catch up and go live in one synchronous step: no append can slip in between.
  for (let index = startIndex(log, options, false); index < records.length; index += 1) {
    deliver(records[index] as DoubleRecord);
  }
  if (behaviour.caughtUpSignal) call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  const unsubscribe = log.onAppend((appended) => {
    if (!stopped) for (const record of appended) deliver(record);
  });
  const stop = (): void => {
    stopped = true;
    unsubscribe();
  };
  call.on('cancelled', stop);
  call.on('close', stop);
  registry.add(call, stop);
}

/**
 * `Streams.Read`: a stream, `$all`, or a subscription to `$all` (with or without a filter). A
 * scheduled fault strikes as the call arrives; a stalled call is never answered.
 */
export function readHandler(
  protos: ProtoModules,
  log: DoubleLog,
  registry: SubscriptionRegistry,
  behaviour: SubscriptionBehaviour,
  faults: FaultSchedule,
) {
  return (call: Call): void => {
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', { code: status.INVALID_ARGUMENT, details: 'options are required' });
      return;
    }
    const fault = faults.take(
      options.hasStream()
        ? { method: 'Read', read: 'stream', stream: streamName(options.getStream()?.getStreamIdentifier()) }
        : { method: 'Read', read: options.hasSubscription() ? 'subscription' : 'all' },
    );
    if (fault !== undefined) {
      faults.strike(fault, (error) => call.emit('error', error));
      return;
    }
    if (options.hasSubscription()) {
      if (!options.hasAll()) {
        call.emit('error', { code: status.UNIMPLEMENTED, details: 'stream subscriptions are not served' });
        return;
      }
      subscribeToAll(protos, log, call, options, registry, behaviour);
      return;
    }
    if (options.hasStream()) readStream(protos, log, call, options);
    else readAll(protos, log, call, options);
  };
}
