import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, any>;
  /** The status this receiver answered with. */
  status: number;
}

/** A local HTTP endpoint that records every POST; `failNext(n, status)` makes the next n answers fail. */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private failures = 0;
  private failStatus = 500;
  private server?: Server;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = this.failures > 0 ? (this.failures--, this.failStatus) : 200;
        let json: Record<string, any> = {};
        try {
          json = JSON.parse(body);
        } catch {
          // recorded as is
        }
        this.requests.push({ headers: req.headers, body, json, status });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? '{"accepted":true}' : '{"error":"try later"}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this.url;
  }

  failNext(count: number, status = 500): void {
    this.failures = count;
    this.failStatus = status;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
