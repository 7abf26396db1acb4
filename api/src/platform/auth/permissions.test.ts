import type { Role } from '@complaints/tenant-config';
import { authChecker } from './auth-checker';
import { anyOf, grantsOf, hasPermission, requirePermission } from './permissions';
import { ANONYMOUS, type Principal } from './principal';

const ROLES: Role[] = [
  { code: 'agent', name: { 'zh-CN': '客服', en: 'Agent' }, permissions: ['complaint.read', 'complaint.handle'] },
  { code: 'analyst', name: { 'zh-CN': '分析师', en: 'Analyst' }, permissions: ['complaint.read', 'analytics.read'] },
  { code: 'admin', name: { 'zh-CN': '管理员', en: 'Admin' }, permissions: ['tenant.configure'] },
];
const staff = (roleCodes: string[]): Principal => ({
  kind: 'user',
  tenantId: 't1',
  userId: 'u1',
  sessionId: 's1',
  displayName: 'Staff',
  roles: roleCodes,
  permissions: grantsOf({ kind: 'staff', roles: ROLES, roleCodes }),
});
const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: unknown } }).extensions?.code;
  }
  return 'granted';
};

describe('grantsOf', () => {
  it('gives staff the union of the permissions of the roles they hold, and nothing of the others', () => {
    expect([...grantsOf({ kind: 'staff', roles: ROLES, roleCodes: ['agent', 'analyst'] })].sort()).toEqual([
      'analytics.read',
      'complaint.handle',
      'complaint.read',
    ]);
  });

  it('gives an API key its scopes, dropping anything outside the permission catalogue', () => {
    expect([...grantsOf({ kind: 'api_key', scopes: ['complaint.create', 'portal.read', 'root'] })]).toEqual(['complaint.create']);
  });

  it('gives a portal token the fixed portal grants only', () => {
    expect([...grantsOf({ kind: 'portal' })].sort()).toEqual(['portal.read', 'portal.respond']);
  });
});

describe('requirePermission', () => {
  it('answers UNAUTHENTICATED without a principal and FORBIDDEN without the grant', () => {
    expect(codeOf(() => requirePermission(ANONYMOUS, 'complaint.read'))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => requirePermission(staff(['agent']), 'analytics.read'))).toBe('FORBIDDEN');
    expect(codeOf(() => requirePermission(staff(['agent']), 'complaint.handle'))).toBe('granted');
  });

  it('hasPermission is false for the anonymous principal and for a missing grant', () => {
    expect(hasPermission(ANONYMOUS, 'complaint.read')).toBe(false);
    expect(hasPermission(staff(['admin']), 'complaint.read')).toBe(false);
    expect(hasPermission(staff(['admin']), 'tenant.configure')).toBe(true);
  });
});

describe('authChecker (@Authorized)', () => {
  const check = (principal: Principal, required: string[]) => authChecker({ context: { principal }, root: {}, args: {}, info: {} as never }, required);

  it('requires every listed permission through requirePermission', () => {
    expect(check(staff(['agent']), ['complaint.read', 'complaint.handle'])).toBe(true);
    expect(codeOf(() => check(staff(['agent']), ['complaint.read', 'analytics.read']))).toBe('FORBIDDEN');
    expect(codeOf(() => check(ANONYMOUS, []))).toBe('UNAUTHENTICATED');
  });

  it('refuses a name outside the closed set instead of treating it as never granted', () => {
    expect(() => check(staff(['agent']), ['complaint.raed'])).toThrow('unknown permission: complaint.raed');
    expect(() => check(staff(['agent']), [anyOf('complaint.handle', 'complaint.raed' as 'complaint.read')])).toThrow('unknown permission: complaint.raed');
  });

  it('an anyOf entry is met by any one of its permissions, and refused with all of them named', () => {
    expect(check(staff(['agent']), [anyOf('complaint.create', 'complaint.handle')])).toBe(true);
    expect(check(staff(['analyst']), ['complaint.read', anyOf('analytics.read', 'complaint.handle')])).toBe(true);
    expect(codeOf(() => check(staff(['analyst']), [anyOf('complaint.create', 'complaint.handle')]))).toBe('FORBIDDEN');
    expect(() => check(staff(['analyst']), [anyOf('complaint.create', 'complaint.handle')])).toThrow('complaint.create or complaint.handle');
  });
});
