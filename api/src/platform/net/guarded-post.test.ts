import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { excerptOf, guardedPost, outboundFailure, RESPONSE_EXCERPT_CHARS } from './guarded-post';
import { OutboundAllowList } from './allow-list';
import { OutboundGuard, type HostResolver } from './outbound-guard';

/** A local receiver: answers with whatever `reply` says, and records the Host header it saw. */
function receiver(reply: (res: import('node:http').ServerResponse) => void): Promise<{ server: Server; port: number; hosts: string[] }> {
  const hosts: string[] = [];
  const server = createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    req.resume().on('end', () => reply(res));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, hosts })));
}

const post = (url: string) => ({ url, headers: { 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 2_000 });

describe('guardedPost', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it('connects to the address checked on the first lookup, however DNS answers later (rebinding)', async () => {
    const local = await receiver((res) => res.end('ok'));
    servers.push(local.server);
    // The first answer is allowed (listed), every later one points into the private network.
    const answers = ['127.0.0.1', '10.0.0.1', '10.0.0.1'];
    let lookups = 0;
    const rebinding: HostResolver = () => Promise.resolve([{ address: answers[lookups++], family: 4 }]);
    const guard = new OutboundGuard(OutboundAllowList.parse('127.0.0.1'), rebinding);
    const res = await guardedPost(guard, post(`http://rebind.example.com:${local.port}/hook`));
    expect(res).toEqual({ status: 200, excerpt: 'ok' });
    expect(lookups).toBe(1);
    // The Host header stays the name the tenant gave.
    expect(local.hosts).toEqual([`rebind.example.com:${local.port}`]);
  });

  it('refuses a name whose (only) lookup answers with a private address, without connecting', async () => {
    const local = await receiver((res) => res.end('should not be reached'));
    servers.push(local.server);
    const guard = new OutboundGuard(new OutboundAllowList(), () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]));
    const failure = await guardedPost(guard, post(`http://localhost:${local.port}/hook`)).catch((e: unknown) => e);
    expect(outboundFailure(failure)).toBe('localhost resolves to a loopback address; the platform only calls public addresses');
    expect(local.hosts).toEqual([]);
  });

  it('follows no redirect: a 302 is the answer', async () => {
    const local = await receiver((res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    servers.push(local.server);
    const guard = new OutboundGuard(OutboundAllowList.parse('127.0.0.1'));
    expect(await guardedPost(guard, post(`http://127.0.0.1:${local.port}/hook`))).toEqual({ status: 302, excerpt: '' });
    expect(local.hosts).toHaveLength(1);
  });

  it('keeps at most a short excerpt of a long answer, and stops reading it', async () => {
    const local = await receiver((res) => res.end(`SECRET-${'x'.repeat(1_000_000)}`));
    servers.push(local.server);
    const guard = new OutboundGuard(OutboundAllowList.parse('127.0.0.1'));
    const res = await guardedPost(guard, post(`http://127.0.0.1:${local.port}/hook`));
    expect(res.excerpt).toHaveLength(RESPONSE_EXCERPT_CHARS);
    expect(res.excerpt.startsWith('SECRET-x')).toBe(true);
  });

  it('names a timeout and a refused connection without addresses', async () => {
    const silent = await receiver(() => {});
    servers.push(silent.server);
    const guard = new OutboundGuard(OutboundAllowList.parse('127.0.0.1'));
    const timedOut = await guardedPost(guard, { ...post(`http://127.0.0.1:${silent.port}/`), timeoutMs: 50 }).catch((e: unknown) => e);
    expect(outboundFailure(timedOut)).toBe('timed out');
    const closed = await guardedPost(guard, post('http://127.0.0.1:1/')).catch((e: unknown) => e);
    expect(outboundFailure(closed)).toBe('connection failed (ECONNREFUSED)');
  });

  it('drops control characters (a NUL would not fit a text column) from the excerpt', () => {
    expect(excerptOf('a\u0000b\u001b[31mc\n')).toBe('ab[31mc');
  });
});
