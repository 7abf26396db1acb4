import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy of a test's own in front of a shared server: closing the proxy and cutting its connections
 * is that server going away for the processes behind the proxy only (it keeps serving other suites).
 */
export class PlugPuller {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  pluggedIn = false;

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  plugIn(): Promise<void> {
    this.pluggedIn = true;
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    return new Promise((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async pull(): Promise<void> {
    this.pluggedIn = false;
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
