import { Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { LoginDocument, LogoutDocument, MeDocument, type MeQuery } from '../../graphql/generated';
import { TokenStorage } from './token-storage';

export type CurrentUser = MeQuery['me'];

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly apollo = inject(Apollo);
  private readonly tokens = inject(TokenStorage);
  private readonly router = inject(Router);

  /** Who is signed in and into which tenant, loaded after login or on reload. */
  readonly me = signal<CurrentUser | null>(null);
  readonly isAuthenticated = this.tokens.isAuthenticated;
  readonly session = this.tokens.session;

  async login(tenantSlug: string, email: string, password: string): Promise<void> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: LoginDocument, variables: { tenantSlug, email, password } }));
    const payload = result.data?.login;
    if (!payload) throw new Error('Login returned no data');
    this.tokens.save({
      accessToken: payload.accessToken,
      refreshToken: payload.refreshToken,
      tenantSlug,
      user: {
        id: payload.user.id,
        email: payload.user.email,
        displayName: payload.user.displayName,
        roles: payload.user.roles,
      },
    });
    await this.loadMe();
  }

  private loadingMe: Promise<CurrentUser | null> | null = null;

  /** Who is signed in, loaded once however many guards and pages ask at the same moment; null when that fails. */
  ensureMe(): Promise<CurrentUser | null> {
    const me = this.me();
    if (me) return Promise.resolve(me);
    this.loadingMe ??= this.loadMe()
      .catch(() => null)
      .finally(() => (this.loadingMe = null));
    return this.loadingMe;
  }

  async loadMe(): Promise<CurrentUser | null> {
    if (!this.tokens.isAuthenticated()) return null;
    const result = await firstValueFrom(this.apollo.query({ query: MeDocument, fetchPolicy: 'network-only' }));
    const me = result.data?.me ?? null;
    this.me.set(me);
    return me;
  }

  hasPermission(permission: string): boolean {
    return this.me()?.permissions.includes(permission) ?? false;
  }

  /** Ends the session on the server too, so its refresh token is worthless; signing out here never waits on that failing. */
  async logout(): Promise<void> {
    if (this.tokens.isAuthenticated()) {
      await firstValueFrom(this.apollo.mutate({ mutation: LogoutDocument })).catch(() => undefined);
    }
    this.tokens.clear();
    this.me.set(null);
    await this.apollo.client.clearStore();
    await this.router.navigate(['/login']);
  }
}
