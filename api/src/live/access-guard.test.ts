import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthService } from '../identity/auth.service';
import type { Principal } from '../platform/auth/principal';
import { AccessGuard } from './access-guard';

const STAFF: Principal = {
  kind: 'user',
  tenantId: 't1',
  userId: 'u1',
  sessionId: 's1',
  displayName: 'Staff',
  roles: [],
  permissions: new Set(['complaint.read']),
};

function guardWith(answers: (Principal | null)[]) {
  const asked = { count: 0 };
  const em = { begin: () => Promise.resolve(), rollback: () => Promise.resolve() };
  const root = { fork: () => em } as unknown as EntityManager;
  const auth = {
    authenticate: () => {
      const answer = answers[Math.min(asked.count++, answers.length - 1)];
      return answer === null ? Promise.reject(new Error('revoked')) : Promise.resolve(answer);
    },
  } as unknown as AuthService;
  return { guard: new AccessGuard(root, auth), asked };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('AccessGuard', () => {
  let now = 1_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  it('checks a credential once for everyone asking at the same time, then answers synchronously', async () => {
    const { guard, asked } = guardWith([STAFF]);
    expect(guard.peek('Bearer a')).toBeUndefined();
    const answers = await Promise.all([guard.current('Bearer a'), guard.current('Bearer a')]);
    expect(answers).toEqual([STAFF, STAFF]);
    expect(asked.count).toBe(1);
    expect(guard.peek('Bearer a')).toBe(STAFF);
  });

  it('asks again in the background before the answer expires, so a revocation still lands within the window', async () => {
    const { guard, asked } = guardWith([STAFF, null]);
    await guard.current('Bearer a');
    now += 4_500;
    expect(guard.peek('Bearer a')).toBe(STAFF);
    expect(guard.peek('Bearer a')).toBe(STAFF);
    await flush();
    expect(asked.count).toBe(2);
    expect(guard.peek('Bearer a')).toBeNull();
  });

  it('gives no answer once the cached one is too old, and asks again', async () => {
    const { guard, asked } = guardWith([STAFF, null]);
    await guard.current('Bearer a');
    now += 5_000;
    expect(guard.peek('Bearer a')).toBeUndefined();
    await expect(guard.current('Bearer a')).resolves.toBeNull();
    expect(asked.count).toBe(2);
  });
});
