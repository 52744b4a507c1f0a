import net from 'node:net';

/** A TCP proxy in front of the test server that can break the connections through it. */
export interface FaultProxy {
  /** A connection string through the proxy to `database`. */
  url(database: string, applicationName?: string): string;
  /** Closes every connection through the proxy at once, both ways (as a server or router that goes away). */
  drop(): void;
  /** Resets every connection (TCP RST, as a firewall that forgets the connection). */
  reset(): void;
  /**
   * Stops forwarding in both directions, connections left open and silent (a stalled network):
   * new connections are accepted and then hear nothing either.
   */
  stall(): void;
  /** Forwards again (bytes held back during the stall go through). */
  resume(): void;
  /** Connections open through the proxy now. */
  readonly open: number;
  close(): Promise<void>;
}

interface Pair {
  readonly client: net.Socket;
  readonly server: net.Socket;
  piped: boolean;
}

const connect = (pair: Pair): void => {
  if (pair.piped) return;
  pair.piped = true;
  pair.client.pipe(pair.server);
  pair.server.pipe(pair.client);
  pair.client.resume();
  pair.server.resume();
};

const disconnect = (pair: Pair): void => {
  if (!pair.piped) return;
  pair.piped = false;
  pair.client.unpipe(pair.server);
  pair.server.unpipe(pair.client);
  pair.client.pause();
  pair.server.pause();
};

const host = process.env.PGHOST ?? '127.0.0.1';
const port = Number(process.env.PGPORT ?? '5432');
const user = process.env.PGUSER ?? 'postgres';

/** Starts a proxy on a free local port. */
export async function startFaultProxy(): Promise<FaultProxy> {
  const pairs = new Set<Pair>();
  let stalled = false;

  const listener = net.createServer((client) => {
    const server = net.connect({ host, port });
    const pair: Pair = { client, server, piped: false };
    pairs.add(pair);
    const forget = (): void => {
      pairs.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('error', forget);
    server.on('error', forget);
    client.on('close', forget);
    server.on('close', forget);
    if (stalled) {
      client.pause();
      server.pause();
    } else connect(pair);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const listening = (listener.address() as net.AddressInfo).port;

  return {
    url: (database, applicationName) =>
      `postgres://${encodeURIComponent(user)}@127.0.0.1:${listening}/${database}${
        applicationName === undefined ? '' : `?application_name=${applicationName}`
      }`,
    drop() {
      for (const { client, server } of [...pairs]) {
        client.destroy();
        server.destroy();
      }
    },
    reset() {
      for (const { client, server } of [...pairs]) {
        client.resetAndDestroy();
        server.resetAndDestroy();
      }
    },
    stall() {
      stalled = true;
      for (const pair of pairs) disconnect(pair);
    },
    resume() {
      stalled = false;
      for (const pair of pairs) connect(pair);
    },
    get open() {
      return pairs.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { client, server } of pairs) {
          client.destroy();
          server.destroy();
        }
        listener.close(() => resolve());
      }),
  };
}
