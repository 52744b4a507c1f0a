import type { UUID } from '@eventstore/db-client/generated/shared_pb';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { DoubleExpected, DoubleProposed, DoubleRecord } from './double-log.js';
import type { ProtoModules } from './proto-modules.js';

const decoder = new TextDecoder();

/** A protocol UUID (string or structured form) as its canonical string. */
export function uuidToString(uuid: UUID | undefined): string {
  if (uuid === undefined) throw new TypeError('a proposed message has no id');
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured();
    const bytes = Buffer.alloc(16);
    bytes.writeBigInt64BE(BigInt(structured?.getMostSignificantBits() ?? '0'), 0);
    bytes.writeBigInt64BE(BigInt(structured?.getLeastSignificantBits() ?? '0'), 8);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid.getString();
}

/** A UUID string in the form the reader asked for. */
export function uuidMessage(protos: ProtoModules, id: string, structured: boolean): UUID {
  const uuid = new protos.sharedPb.UUID();
  if (!structured) return uuid.setString(id);
  const bytes = Buffer.from(id.replaceAll('-', ''), 'hex');
  const parts = new protos.sharedPb.UUID.Structured();
  parts.setMostSignificantBits(bytes.readBigInt64BE(0).toString());
  parts.setLeastSignificantBits(bytes.readBigInt64BE(8).toString());
  return uuid.setStructured(parts);
}

/** A stream name from a protocol stream identifier (UTF-8 bytes). */
export function streamName(identifier: { getStreamName_asU8(): Uint8Array } | undefined): string {
  if (identifier === undefined) throw new TypeError('a request has no stream identifier');
  return decoder.decode(identifier.getStreamName_asU8());
}

/** A protocol stream identifier. */
export function streamIdentifier(protos: ProtoModules, name: string) {
  return new protos.sharedPb.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

/** A proposed message (classic or batch append) as the log takes it. */
export function proposedFrom(message: {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}): DoubleProposed {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined)
    throw new TypeError('type and content-type are required');
  return {
    id: uuidToString(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** The expected revision of an append's options (the classic and the batch forms name it differently). */
export function expectedFrom(options: {
  hasAny(): boolean;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
  revision(): string | undefined;
}): DoubleExpected {
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasNoStream()) return { kind: 'no-stream' };
  if (options.hasStreamExists()) return { kind: 'stream-exists' };
  const revision = options.revision();
  if (revision === undefined) throw new TypeError('an append names no expected revision');
  return { kind: 'revision', revision: BigInt(revision) };
}

/** A recorded event as a read or subscription response. */
export function readEvent(protos: ProtoModules, record: DoubleRecord, structuredIds: boolean): ReadResp {
  const { ReadResp } = protos.streamsPb;
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(protos, record.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(protos, record.stream))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.commit.toString())
    .setPreparePosition(record.prepare.toString())
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created.toString());
  const event = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(record.commit.toString());
  return new ReadResp().setEvent(event);
}
