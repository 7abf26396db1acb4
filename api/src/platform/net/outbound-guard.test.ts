import { OutboundAllowList } from './allow-list';
import { OutboundGuard, OutboundRefusedError, type HostResolver } from './outbound-guard';

const resolverOf =
  (table: Record<string, string[]>): HostResolver =>
  (hostname) =>
    Promise.resolve((table[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

describe('OutboundGuard', () => {
  const guard = new OutboundGuard(
    new OutboundAllowList(),
    resolverOf({
      'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
      'mixed.example.com': ['93.184.215.14', '10.0.0.7'],
      'metadata.google.internal': ['169.254.169.254'],
    }),
  );

  it.each([
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
  ])('refuses the literal %s without asking DNS', (url) => {
    expect(guard.shapeProblem(url)).toMatch(/only calls public addresses/);
  });

  it('refuses other schemes and credentials in the URL', () => {
    expect(guard.shapeProblem('ftp://hooks.example.com/')).toBe('Use an http or https URL');
    expect(guard.shapeProblem('https://user:pw@hooks.example.com/')).toMatch(/no credentials/);
    expect(guard.shapeProblem('not a url')).toBe('Not a URL');
  });

  it('checks every address a name resolves to, and connects to a checked one', async () => {
    await expect(guard.target('https://hooks.example.com/in')).resolves.toMatchObject({ address: { address: '93.184.215.14', family: 4 } });
    await expect(guard.target('https://mixed.example.com/in')).rejects.toThrow(OutboundRefusedError);
    await expect(guard.target('http://metadata.google.internal/')).rejects.toThrow('metadata.google.internal resolves to a link-local address');
  });

  it('at save time accepts a name that does not resolve yet (delivery checks again) but not one resolving inward', async () => {
    expect(await guard.saveProblem('https://not-yet.example.com/in')).toBeNull();
    expect(await guard.saveProblem('https://hooks.example.com/in')).toBeNull();
    expect(await guard.saveProblem('https://mixed.example.com/in')).toMatch(/resolves to a private/);
  });

  it('lets the allow-list open named hosts and addresses, and nothing else', async () => {
    const dev = new OutboundGuard(
      OutboundAllowList.parse('127.0.0.1,internal.test'),
      resolverOf({ localhost: ['127.0.0.1', '::1'], 'internal.test': ['10.9.9.9'] }),
    );
    expect(dev.shapeProblem('http://127.0.0.1:4010/hook')).toBeNull();
    expect(dev.shapeProblem('http://[::1]:4010/hook')).not.toBeNull();
    await expect(dev.target('http://internal.test/hook')).resolves.toMatchObject({ address: { address: '10.9.9.9' } });
    // localhost also resolves to ::1, which is not listed: every address counts.
    await expect(dev.target('http://localhost/hook')).rejects.toThrow('localhost resolves to a loopback address');
  });

  it('gives up on a lookup that hangs', async () => {
    const slow = new OutboundGuard(new OutboundAllowList(), () => new Promise(() => {}), 20);
    await expect(slow.target('https://slow.example.com/')).rejects.toMatchObject({ code: 'ETIMEOUT' });
  });
});
