import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';

/** What survives a page reload: the tokens and who they belong to. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  tenantSlug: string;
  user: { id: string; email: string; displayName: string; roles: string[] };
}

export const SESSION_STORAGE_KEY = 'complaints.session';

/**
 * Keeps the session in a signal mirrored to localStorage, so the Apollo links, the guard and the
 * toolbar all read one source. Nothing here talks to the network.
 *
 * Each refresh token works once (the API rotates it), so every tab follows the pair another tab stored:
 * a tab refreshing with a token already rotated elsewhere would end the session for all of them.
 */
@Injectable({ providedIn: 'root' })
export class TokenStorage {
  private readonly state = signal<StoredSession | null>(readStored());
  readonly session = this.state.asReadonly();
  readonly isAuthenticated = computed(() => this.state() !== null);

  constructor() {
    const followOtherTabs = (event: StorageEvent) => {
      if (event.key === SESSION_STORAGE_KEY || event.key === null) this.state.set(readStored());
    };
    window.addEventListener('storage', followOtherTabs);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', followOtherTabs));
  }

  accessToken(): string | null {
    return this.state()?.accessToken ?? null;
  }

  refreshToken(): string | null {
    return this.state()?.refreshToken ?? null;
  }

  save(session: StoredSession): void {
    this.state.set(session);
    try {
      localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Storage unavailable: the session lives until the tab closes.
    }
  }

  /** Replace the token pair after a refresh, keeping the rest of the session. */
  updateTokens(accessToken: string, refreshToken: string): void {
    const current = this.state();
    if (current) this.save({ ...current, accessToken, refreshToken });
  }

  clear(): void {
    this.state.set(null);
    try {
      localStorage.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // nothing stored
    }
  }
}

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') return null;
    return parsed as StoredSession;
  } catch {
    return null;
  }
}
