import { createReadStream, existsSync, statSync } from 'node:fs';
import { type IncomingMessage, type Server, createServer, request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  /** Cuts every live WebSocket and refuses new ones until `resumeWebSockets` (a network outage). */
  pauseWebSockets(): void;
  resumeWebSockets(): void;
  close(): Promise<void>;
}

/**
 * Serves the built admin UI like the production nginx does: files from `root`, index.html for app
 * routes, and /graphql (HTTP and the graphql-ws upgrade) and /exports/ passed through to the API.
 */
export async function serveAdminUi(root: string, apiUrl: string): Promise<StaticServer> {
  const api = new URL(apiUrl);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (path === '/graphql' || path.startsWith('/graphql/') || path.startsWith('/exports/')) {
      const upstream = httpRequest(
        { host: api.hostname, port: api.port, path: req.url, method: req.method, headers: { ...req.headers, host: api.host } },
        (response) => {
          res.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
      return;
    }
    const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' });
    createReadStream(target).pipe(res);
  });

  // WebSocket: replay the upgrade request to the API over a raw socket and splice the two together.
  let paused = false;
  const live = new Set<{ destroy(): void }>();
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    if (paused) {
      socket.destroy();
      return;
    }
    live.add(socket);
    socket.on('close', () => live.delete(socket));
    const upstream = connect(Number(api.port), api.hostname, () => {
      const headers = Object.entries(req.headers).flatMap(([name, value]) =>
        name === 'host' ? [`host: ${api.host}`] : (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}`),
      );
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', end);
    socket.on('error', end);
    upstream.on('close', end);
    socket.on('close', end);
  });

  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pauseWebSockets: () => {
      paused = true;
      for (const socket of live) socket.destroy();
    },
    resumeWebSockets: () => {
      paused = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
