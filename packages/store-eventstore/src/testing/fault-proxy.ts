import { connect, createServer, type Server, type Socket } from 'node:net';

/** What the network between the clients and the double can be made to do. */
export interface FaultNetwork {
  /** Closes every open connection (FIN both ways), as a node or a load balancer going away. */
  drop(): void;
  /** Resets every open connection (TCP RST), as a crashed peer or a firewall would. */
  reset(): void;
  /** Stops forwarding bytes either way (connections stay open), as a partition or a stuck node. */
  stall(): void;
  /** Forwards again, delivering what was held back. */
  resume(): void;
  /** Stops listening and drops every connection: new connections are refused (ECONNREFUSED). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** How many connections the clients have opened so far. */
  readonly connections: number;
}

/** A TCP proxy on 127.0.0.1 in front of the double (or a real node), with faults on demand. */
export interface FaultProxy extends FaultNetwork {
  readonly port: number;
  close(): Promise<void>;
}

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
  readonly held: { toUpstream: Buffer[]; toClient: Buffer[] };
}

/**
 * A small TCP proxy for fault injection (issue 18: "a small TCP proxy in the test helpers that
 * drops, resets and stalls connections"). It listens on loopback and forwards bytes unchanged
 * to the double's gRPC port (or to a real node, in the real-server run), so faults hit real
 * HTTP/2 connections exactly as a network would: the clients' own reconnection, keep-alive
 * and deadline logic runs as in production.
 */
export async function startFaultProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<FaultProxy> {
  const pairs = new Set<Pair>();
  let stalled = false;
  let connections = 0;
  let listening: Server | undefined;
  let port = 0;

  const forward = (pair: Pair, direction: 'toUpstream' | 'toClient', chunk: Buffer): void => {
    if (stalled) {
      pair.held[direction].push(chunk);
      return;
    }
    (direction === 'toUpstream' ? pair.upstream : pair.client).write(chunk);
  };

  const onConnection = (client: Socket): void => {
    connections += 1;
    const upstream = connect(targetPort, targetHost);
    const pair: Pair = { client, upstream, held: { toUpstream: [], toClient: [] } };
    pairs.add(pair);
    const close = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => forward(pair, 'toUpstream', chunk));
    upstream.on('data', (chunk: Buffer) => forward(pair, 'toClient', chunk));
    for (const socket of [client, upstream]) {
      socket.on('error', close);
      socket.on('close', close);
      socket.on('end', close);
    }
  };

  const listen = (at: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const server = createServer(onConnection);
      server.once('error', reject);
      server.listen(at, '127.0.0.1', () => {
        listening = server;
        port = (server.address() as { port: number }).port;
        resolve();
      });
    });

  const drop = (): void => {
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      pair.client.destroy();
      pair.upstream.destroy();
    }
  };

  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      const server = listening;
      listening = undefined;
      if (server === undefined) resolve();
      else server.close(() => resolve());
    });

  await listen(0);

  return {
    get port() {
      return port;
    },
    get connections() {
      return connections;
    },
    drop,
    reset() {
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.client.resetAndDestroy();
        pair.upstream.resetAndDestroy();
      }
    },
    stall() {
      stalled = true;
    },
    resume() {
      stalled = false;
      for (const pair of pairs) {
        for (const chunk of pair.held.toUpstream.splice(0)) pair.upstream.write(chunk);
        for (const chunk of pair.held.toClient.splice(0)) pair.client.write(chunk);
      }
    },
    async down() {
      const closed = stopListening();
      drop();
      await closed;
    },
    async up() {
      if (listening === undefined) await listen(port);
    },
    async close() {
      stalled = false;
      const closed = stopListening();
      drop();
      await closed;
    },
  };
}
