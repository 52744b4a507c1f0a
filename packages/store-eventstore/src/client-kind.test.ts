import { describe, expect, it } from 'vitest';
import { clientKindOfConnectionString, detectClientKind } from './client-kind.js';

describe('client kinds', () => {
  it('follow the connection string scheme', () => {
    expect(clientKindOfConnectionString('esdb://localhost:2113?tls=false')).toBe('eventstore-db-client');
    expect(clientKindOfConnectionString('esdb+discover://cluster:2113')).toBe('eventstore-db-client');
    expect(clientKindOfConnectionString('kurrentdb://localhost:2113?tls=false')).toBe('kurrentdb-client');
    expect(clientKindOfConnectionString('KDB+discover://a:1,b:2')).toBe('kurrentdb-client');
    expect(() => clientKindOfConnectionString('postgres://user:secret@host/db')).toThrow(/esdb:\/\//);
  });

  it('never echo a connection string, which may carry credentials', () => {
    expect(() => clientKindOfConnectionString('http://admin:changeit@host')).not.toThrow(/changeit/);
  });

  it('are detected from the client: only KurrentDB clients append to many streams at once', () => {
    const common = {
      appendToStream: async () => undefined,
      readStream: () => undefined,
      readAll: () => undefined,
      subscribeToAll: () => undefined,
      dispose: async () => undefined,
    };
    expect(detectClientKind(common)).toBe('eventstore-db-client');
    expect(detectClientKind({ ...common, multiStreamAppend: async () => undefined } as typeof common)).toBe(
      'kurrentdb-client',
    );
  });
});
