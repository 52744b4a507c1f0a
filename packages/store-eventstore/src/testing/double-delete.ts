import type {
  DeleteReq,
  DeleteResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import { type ServerUnaryCall, type sendUnaryData, status } from '@grpc/grpc-js';
import { streamDeletedError, wrongExpectedVersionError } from './double-errors.js';
import type { FaultSchedule } from './double-faults.js';
import type { DoubleDeleteOutcome, DoubleExpected, DoubleLog } from './double-log.js';
import { expectedFrom, streamName } from './double-messages.js';
import type { ProtoModules } from './proto-modules.js';

type Options = NonNullable<ReturnType<DeleteReq['getOptions']> | ReturnType<TombstoneReq['getOptions']>>;

/** The expected version as the server's `long` in a wrong-expected-version error: -1 no stream, -2 any, -4 exists. */
function expectedVersion(expected: DoubleExpected): bigint {
  if (expected.kind === 'revision') return expected.revision;
  return expected.kind === 'no-stream' ? -1n : expected.kind === 'any' ? -2n : -4n;
}

function expectedOf(options: Options): DoubleExpected {
  return expectedFrom({
    hasAny: () => options.hasAny(),
    hasNoStream: () => options.hasNoStream(),
    // `DeleteReq` has no `stream_exists`; `TombstoneReq` has.
    hasStreamExists: () => 'hasStreamExists' in options && options.hasStreamExists(),
    revision: () => (options.hasRevision() ? options.getRevision() : undefined),
  });
}

/**
 * `Streams.Delete` (soft delete) and `Streams.Tombstone` (hard delete), unary. Both answer the
 * position of what they wrote; a wrong expected version and a stream already tombstoned come
 * back as the server's `RpcExceptions` (FAILED_PRECONDITION with `wrong-expected-version` or
 * `stream-deleted`), which the clients turn into `WrongExpectedVersionError` and
 * `StreamDeletedError`. A scheduled fault strikes before or after the write.
 */
export function deleteHandlers(protos: ProtoModules, log: DoubleLog, faults: FaultSchedule) {
  const { DeleteResp, TombstoneResp } = protos.streamsPb;

  const handle =
    <Resp>(
      method: 'Delete' | 'Tombstone',
      act: (stream: string, expected: DoubleExpected) => DoubleDeleteOutcome,
      answer: (outcome: Extract<DoubleDeleteOutcome, { kind: 'deleted' }>) => Resp,
    ) =>
    (call: ServerUnaryCall<DeleteReq | TombstoneReq, Resp>, callback: sendUnaryData<Resp>): void => {
      const options = call.request.getOptions();
      if (options === undefined) {
        callback({ code: status.INVALID_ARGUMENT, details: 'options are required' });
        return;
      }
      const stream = streamName(options.getStreamIdentifier());
      const expected = expectedOf(options);
      const fault = faults.take({ method, stream });
      if (fault?.moment === 'before-write') {
        faults.strike(fault, (error) => callback(error));
        return;
      }
      const outcome = act(stream, expected);
      if (fault !== undefined) {
        faults.strike(fault, (error) => callback(error));
        return;
      }
      if (outcome.kind === 'stream-deleted') callback(streamDeletedError(stream));
      else if (outcome.kind === 'wrong-expected-version')
        callback(wrongExpectedVersionError(stream, expectedVersion(expected), outcome.current));
      else callback(null, answer(outcome));
    };

  return {
    delete: handle<DeleteResp>(
      'Delete',
      (stream, expected) => log.softDelete(stream, expected),
      ({ position }) =>
        new DeleteResp().setPosition(
          new DeleteResp.Position()
            .setCommitPosition(position.commit.toString())
            .setPreparePosition(position.prepare.toString()),
        ),
    ),
    tombstone: handle<TombstoneResp>(
      'Tombstone',
      (stream, expected) => log.tombstone(stream, expected),
      ({ position }) =>
        new TombstoneResp().setPosition(
          new TombstoneResp.Position()
            .setCommitPosition(position.commit.toString())
            .setPreparePosition(position.prepare.toString()),
        ),
    ),
  };
}
