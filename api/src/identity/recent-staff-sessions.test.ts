import { RecentStaffSessions, STAFF_SESSION_TRUST_MS, type StaffSessionRow } from './recent-staff-sessions';

const row: StaffSessionRow = { display_name: 'Ann', roles: ['handler'], config_version: 3 };

describe('RecentStaffSessions', () => {
  let now = 1_000_000;
  const recent = () => new RecentStaffSessions(() => now);

  it('trusts a checked session for less than the trust window, then asks again', () => {
    const cache = recent();
    cache.remember('t1', 'u1', 's1', row);
    now += STAFF_SESSION_TRUST_MS - 1;
    expect(cache.get('t1', 'u1', 's1')).toEqual(row);
    now += 1;
    expect(cache.get('t1', 'u1', 's1')).toBeUndefined();
  });

  it('keeps tenants, users and sessions apart', () => {
    const cache = recent();
    cache.remember('t1', 'u1', 's1', row);
    expect(cache.get('t2', 'u1', 's1')).toBeUndefined();
    expect(cache.get('t1', 'u2', 's1')).toBeUndefined();
    expect(cache.get('t1', 'u1', 's2')).toBeUndefined();
  });

  it('forgets a user, a session or a whole tenant at once', () => {
    const cache = recent();
    cache.remember('t1', 'u1', 's1', row);
    cache.remember('t1', 'u1', 's2', row);
    cache.remember('t1', 'u2', 's3', row);
    cache.remember('t2', 'u9', 's9', row);
    cache.forgetSession('t1', 's2');
    expect(cache.get('t1', 'u1', 's2')).toBeUndefined();
    expect(cache.get('t1', 'u1', 's1')).toEqual(row);
    cache.forgetUser('t1', 'u1');
    expect(cache.get('t1', 'u1', 's1')).toBeUndefined();
    expect(cache.get('t1', 'u2', 's3')).toEqual(row);
    cache.forgetTenant('t1');
    expect(cache.get('t1', 'u2', 's3')).toBeUndefined();
    expect(cache.get('t2', 'u9', 's9')).toEqual(row);
  });

  it('stays bounded, dropping the oldest check first', () => {
    const cache = recent();
    for (let i = 0; i <= 10_000; i++) cache.remember('t', `u${i}`, 's', row);
    expect(cache.get('t', 'u0', 's')).toBeUndefined();
    expect(cache.get('t', 'u1', 's')).toEqual(row);
    expect(cache.get('t', 'u10000', 's')).toEqual(row);
  });
});
