import type { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import {
  Metadata,
  type ServerDuplexStream,
  type ServerReadableStream,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { streamDeletedError } from './double-errors.js';
import type { FaultSchedule } from './double-faults.js';
import type { DoubleAppendOutcome, DoubleExpected, DoubleLog, DoubleProposed } from './double-log.js';
import { expectedFrom, proposedFrom, streamIdentifier, streamName } from './double-messages.js';
import type { ProtoModules } from './proto-modules.js';

type AppendReq = InstanceType<ProtoModules['streamsPb']['AppendReq']>;
type AppendResp = InstanceType<ProtoModules['streamsPb']['AppendResp']>;

/**
 * The classic `Streams.Append`: one client stream per append, the options first, then the
 * events. A scheduled fault strikes once the whole request has arrived, before or after the
 * write; a stalled call is never answered.
 */
export function appendHandler(protos: ProtoModules, log: DoubleLog, faults: FaultSchedule) {
  const { AppendResp } = protos.streamsPb;
  const { Empty } = protos.sharedPb;
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let stream: string | undefined;
    let expected: DoubleExpected | undefined;
    const proposed: DoubleProposed[] = [];
    call.on('data', (request: AppendReq) => {
      const options = request.getOptions();
      if (options !== undefined) {
        stream = streamName(options.getStreamIdentifier());
        expected = expectedFrom({
          hasAny: () => options.hasAny(),
          hasNoStream: () => options.hasNoStream(),
          hasStreamExists: () => options.hasStreamExists(),
          revision: () => (options.hasRevision() ? options.getRevision() : undefined),
        });
      }
      const message = request.getProposedMessage();
      if (message !== undefined) proposed.push(proposedFrom(message));
    });
    call.on('end', () => {
      if (stream === undefined || expected === undefined) {
        callback({ code: status.INVALID_ARGUMENT, details: 'the first message must carry the options' });
        return;
      }
      const fault = faults.take({ method: 'Append', stream });
      if (fault?.moment === 'before-write') {
        faults.strike(fault, (error) => callback(error));
        return;
      }
      const outcome = log.append(stream, expected, proposed);
      if (fault !== undefined) {
        faults.strike(fault, (error) => callback(error));
        return;
      }
      if (outcome.kind === 'stream-deleted') {
        callback(streamDeletedError(stream));
        return;
      }
      if (outcome.kind === 'too-large') {
        const metadata = new Metadata();
        metadata.set('exception', 'maximum-append-size-exceeded');
        metadata.set('maximum-append-size', String(outcome.limit));
        callback({ code: status.INVALID_ARGUMENT, details: 'Maximum Append Size exceeded', metadata });
        return;
      }
      if (outcome.kind === 'wrong-expected-version') {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (outcome.current === undefined) wrong.setCurrentNoStream(new Empty());
        else wrong.setCurrentRevision(outcome.current.toString());
        if (expected.kind === 'any') wrong.setExpectedAny(new Empty());
        else if (expected.kind === 'no-stream') wrong.setExpectedNoStream(new Empty());
        else if (expected.kind === 'stream-exists') wrong.setExpectedStreamExists(new Empty());
        else wrong.setExpectedRevision(expected.revision.toString());
        callback(null, new AppendResp().setWrongExpectedVersion(wrong));
        return;
      }
      const success = new AppendResp.Success();
      if (outcome.current === undefined) success.setNoStream(new Empty());
      else success.setCurrentRevision(outcome.current.toString());
      if (outcome.last === undefined) success.setNoPosition(new Empty());
      else
        success.setPosition(
          new AppendResp.Position()
            .setCommitPosition(outcome.last.commit.toString())
            .setPreparePosition(outcome.last.prepare.toString()),
        );
      callback(null, new AppendResp().setSuccess(success));
    });
  };
}

interface PendingBatch {
  stream: string;
  expected: DoubleExpected;
  readonly proposed: DoubleProposed[];
}

/**
 * `Streams.BatchAppend`: one long-lived bidirectional stream carrying many appends, each a
 * run of requests under one correlation id, the first with the options, the last `is_final`.
 * Failures come back as a `google.rpc.Status` whose details pack the protocol error.
 */
export function batchAppendHandler(protos: ProtoModules, log: DoubleLog, faults: FaultSchedule) {
  const { BatchAppendResp } = protos.streamsPb;
  const { Empty } = protos.emptyPb;

  const packedStatus = (
    code: number,
    message: string,
    detail: { serializeBinary(): Uint8Array },
    typeName: string,
  ) => {
    const details = new protos.anyPb.Any();
    details.pack(detail.serializeBinary(), typeName);
    return new protos.statusPb.Status().setCode(code).setMessage(message).setDetails(details);
  };

  const respond = (
    request: BatchAppendReq,
    pending: PendingBatch,
    outcome: DoubleAppendOutcome,
  ): BatchAppendResp => {
    const response = new BatchAppendResp()
      .setCorrelationId(request.getCorrelationId())
      .setStreamIdentifier(streamIdentifier(protos, pending.stream));
    const { expected } = pending;
    if (expected.kind === 'any') response.setAny(new Empty());
    else if (expected.kind === 'no-stream') response.setNoStream(new Empty());
    else if (expected.kind === 'stream-exists') response.setStreamExists(new Empty());
    else response.setStreamPosition(expected.revision.toString());

    if (outcome.kind === 'stream-deleted') {
      // The server's `Status.StreamDeleted`: NOT_FOUND with the packed `StreamDeleted` detail.
      const detail = new protos.sharedPb.StreamDeleted().setStreamIdentifier(
        streamIdentifier(protos, pending.stream),
      );
      return response.setError(
        packedStatus(status.NOT_FOUND, 'StreamDeleted', detail, 'event_store.client.StreamDeleted'),
      );
    }
    if (outcome.kind === 'too-large') {
      const detail = new protos.sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(outcome.limit);
      return response.setError(
        packedStatus(
          status.INVALID_ARGUMENT,
          'Maximum Append Size exceeded',
          detail,
          'event_store.client.MaximumAppendSizeExceeded',
        ),
      );
    }
    if (outcome.kind === 'wrong-expected-version') {
      const detail = new protos.sharedPb.WrongExpectedVersion();
      if (outcome.current === undefined) detail.setCurrentNoStream(new Empty());
      else detail.setCurrentStreamRevision(outcome.current.toString());
      if (expected.kind === 'any') detail.setExpectedAny(new Empty());
      else if (expected.kind === 'no-stream') detail.setExpectedNoStream(new Empty());
      else if (expected.kind === 'stream-exists') detail.setExpectedStreamExists(new Empty());
      else detail.setExpectedStreamPosition(expected.revision.toString());
      return response.setError(
        // The server's `Status.WrongExpectedVersion` is ALREADY_EXISTS with the packed detail.
        packedStatus(
          status.ALREADY_EXISTS,
          'WrongExpectedVersion',
          detail,
          'event_store.client.WrongExpectedVersion',
        ),
      );
    }
    const success = new BatchAppendResp.Success();
    if (outcome.current === undefined) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.current.toString());
    if (outcome.last === undefined) success.setNoPosition(new Empty());
    else
      success.setPosition(
        new protos.sharedPb.AllStreamPosition()
          .setCommitPosition(outcome.last.commit.toString())
          .setPreparePosition(outcome.last.prepare.toString()),
      );
    return response.setSuccess(success);
  };

  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, PendingBatch>();
    call.on('data', (request: BatchAppendReq) => {
      const correlation = JSON.stringify(request.getCorrelationId()?.toObject());
      const options = request.getOptions();
      let batch = pending.get(correlation);
      if (options !== undefined) {
        batch = {
          stream: streamName(options.getStreamIdentifier()),
          expected: expectedFrom({
            hasAny: () => options.hasAny(),
            hasNoStream: () => options.hasNoStream(),
            hasStreamExists: () => options.hasStreamExists(),
            revision: () => (options.hasStreamPosition() ? options.getStreamPosition() : undefined),
          }),
          proposed: [],
        };
        pending.set(correlation, batch);
      }
      if (batch === undefined) {
        call.emit('error', { code: status.INVALID_ARGUMENT, details: 'a batch must start with its options' });
        return;
      }
      batch.proposed.push(...request.getProposedMessagesList().map(proposedFrom));
      if (!request.getIsFinal()) return;
      pending.delete(correlation);
      const fault = faults.take({ method: 'BatchAppend', stream: batch.stream });
      if (fault?.moment === 'before-write') {
        faults.strike(fault, (error) => call.emit('error', error));
        return;
      }
      const outcome = log.append(batch.stream, batch.expected, batch.proposed);
      if (fault !== undefined) {
        faults.strike(fault, (error) => call.emit('error', error));
        return;
      }
      call.write(respond(request, batch, outcome));
    });
    call.on('end', () => call.end());
  };
}
