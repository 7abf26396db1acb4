import { addressRefusal } from './address-policy';
import { OutboundAllowList } from './allow-list';

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.100.100.200', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['168.63.129.16', 'metadata'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::7f00:1', 'IPv4-compatible'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['64:ff9b:1::a00:1', 'NAT64'],
    ['2002:7f00:1::', '6to4'],
    ['2001::1', 'Teredo'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, why) => {
    expect(addressRefusal(address)).toContain(why);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('lets public unicast %s through', (address) => {
    expect(addressRefusal(address)).toBeNull();
  });

  it('refuses what is not an address at all', () => {
    expect(addressRefusal('localhost')).toBe('not an IP address');
  });
});

describe('OutboundAllowList', () => {
  const list = OutboundAllowList.parse('127.0.0.1, localhost,10.20.0.0/16,::1');

  it('matches listed host names, addresses and ranges, IPv4-mapped forms included', () => {
    expect(list.allowsHost('LOCALHOST')).toBe(true);
    expect(list.allowsHost('example.com')).toBe(false);
    expect(list.allowsAddress('127.0.0.1')).toBe(true);
    expect(list.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(list.allowsAddress('127.0.0.2')).toBe(false);
    expect(list.allowsAddress('10.20.99.1')).toBe(true);
    expect(list.allowsAddress('10.21.0.1')).toBe(false);
    expect(list.allowsAddress('::1')).toBe(true);
  });

  it('is empty when unset, and refuses an entry that is none of the three', () => {
    expect(OutboundAllowList.parse(undefined).allowsAddress('127.0.0.1')).toBe(false);
    expect(() => OutboundAllowList.parse('10.0.0.0/99')).toThrow(/not a CIDR range/);
    expect(() => OutboundAllowList.parse('localhost:8080')).toThrow(/neither a host name/);
  });
});
