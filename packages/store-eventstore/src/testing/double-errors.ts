import { Metadata, type ServiceError, status } from '@grpc/grpc-js';

/**
 * A gRPC error as the server raises it (`RpcExceptions` in EventStoreDB's gRPC transport): a
 * status code, a message, and the `exception` trailer the clients switch on (with its details).
 */
export function serverError(
  code: status,
  details: string,
  exception: string,
  extra: Readonly<Record<string, string>> = {},
): Partial<ServiceError> {
  const metadata = new Metadata();
  metadata.set('exception', exception);
  for (const [key, value] of Object.entries(extra)) metadata.set(key, value);
  return { code, details, metadata };
}

/** `RpcExceptions.StreamDeleted`: FAILED_PRECONDITION, `exception: stream-deleted`, `stream-name`. */
export function streamDeletedError(stream: string): Partial<ServiceError> {
  return serverError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, 'stream-deleted', {
    'stream-name': stream,
  });
}

/** `RpcExceptions.WrongExpectedVersion` for deletes: FAILED_PRECONDITION with the versions as trailers. */
export function wrongExpectedVersionError(
  stream: string,
  expected: bigint,
  actual: bigint | undefined,
): Partial<ServiceError> {
  return serverError(
    status.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${expected}, Actual version: ${actual ?? -1}`,
    'wrong-expected-version',
    {
      'stream-name': stream,
      'expected-version': expected.toString(),
      ...(actual === undefined ? {} : { 'actual-version': actual.toString() }),
    },
  );
}
