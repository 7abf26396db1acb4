import { TestBed } from '@angular/core/testing';
import { SESSION_STORAGE_KEY, type StoredSession, TokenStorage } from './token-storage';

const session: StoredSession = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  tenantSlug: 'demo-shop',
  user: { id: 'u1', email: 'admin@demo.test', displayName: 'Admin', roles: ['admin'] },
};

describe('TokenStorage', () => {
  beforeEach(() => localStorage.clear());

  it('has no session before login', () => {
    const tokens = TestBed.inject(TokenStorage);
    expect(tokens.isAuthenticated()).toBe(false);
    expect(tokens.accessToken()).toBeNull();
  });

  it('keeps a saved session across a reload', () => {
    TestBed.inject(TokenStorage).save(session);
    TestBed.resetTestingModule();
    const reloaded = TestBed.inject(TokenStorage);
    expect(reloaded.isAuthenticated()).toBe(true);
    expect(reloaded.accessToken()).toBe('access-1');
    expect(reloaded.session()?.tenantSlug).toBe('demo-shop');
  });

  it('replaces only the token pair on refresh', () => {
    const tokens = TestBed.inject(TokenStorage);
    tokens.save(session);
    tokens.updateTokens('access-2', 'refresh-2');
    expect(tokens.accessToken()).toBe('access-2');
    expect(tokens.refreshToken()).toBe('refresh-2');
    expect(tokens.session()?.user.email).toBe('admin@demo.test');
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!).accessToken).toBe('access-2');
  });

  it('follows the token pair another tab stored, so it never refreshes with a rotated token', () => {
    const tokens = TestBed.inject(TokenStorage);
    tokens.save(session);
    const rotated = JSON.stringify({ ...session, accessToken: 'access-3', refreshToken: 'refresh-3' });
    localStorage.setItem(SESSION_STORAGE_KEY, rotated);
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY, newValue: rotated }));
    expect(tokens.refreshToken()).toBe('refresh-3');
    localStorage.removeItem(SESSION_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY, newValue: null }));
    expect(tokens.isAuthenticated()).toBe(false);
  });

  it('forgets everything on logout', () => {
    const tokens = TestBed.inject(TokenStorage);
    tokens.save(session);
    tokens.clear();
    expect(tokens.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('ignores a corrupt stored session instead of failing to start', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(TestBed.inject(TokenStorage).isAuthenticated()).toBe(false);
  });
});
