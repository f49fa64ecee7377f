import { once } from 'node:events';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { Pool, PoolClient } from 'pg';
import { dataSourceOptions } from './data-source-options';

/** One protocol message: type byte, int32 length (including itself), body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/**
 * A stand-in Postgres that accepts the connection and, in the very same TCP write, says it is shutting
 * down (FATAL 57P01), as a real server does when a connection completes just as it stops.
 */
async function shuttingDownServer(): Promise<Server> {
  const server = createServer((socket: Socket) => {
    socket.once('data', () => {
      const fields = Buffer.from(
        'SFATAL\0VFATAL\0C57P01\0Mterminating connection due to administrator command\0\0',
      );
      socket.write(
        Buffer.concat([
          message('R', Buffer.from([0, 0, 0, 0])), // AuthenticationOk
          message('Z', Buffer.from('I')), // ReadyForQuery
          message('E', fields), // ErrorResponse
        ]),
      );
      socket.end();
    });
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

describe('dataSourceOptions: a connection failing while the pool hands it over', () => {
  it('does not leave the error without a listener (which would crash the process)', async () => {
    const server = await shuttingDownServer();
    const { port } = server.address() as AddressInfo;
    const options = dataSourceOptions(
      { database: { url: `postgres://u@127.0.0.1:${port}/db`, poolSize: 2 } },
      'spec',
    ) as { extra: Record<string, unknown> };
    const pool = new Pool({ connectionString: `postgres://u@127.0.0.1:${port}/db`, ...options.extra });
    pool.on('error', () => undefined);
    const uncaught: Error[] = [];
    const onUncaught = (e: Error) => uncaught.push(e);
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    try {
      // Like TypeORM: the connection gets its error listener only once the promise has resolved.
      const client = await new Promise<PoolClient>((resolve, reject) =>
        pool.connect((err, c) => (err ? reject(err) : resolve(c!))),
      );
      client.on('error', () => undefined);
      await new Promise((r) => setTimeout(r, 50));
      expect(uncaught).toEqual([]);
      // The connection is dead: a query fails (the api answers 503), nothing hangs.
      await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable|terminat/);
      client.release(true);
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      for (const l of listeners) process.on('uncaughtException', l);
      await pool.end().catch(() => undefined);
      server.close();
    }
  });
});
