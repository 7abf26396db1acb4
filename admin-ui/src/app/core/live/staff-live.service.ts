import { Injectable, inject, signal } from '@angular/core';
import type { Client } from 'graphql-ws';
import { TokenStorage } from '../auth/token-storage';
import { type LiveStatus, createLiveClient } from './live-feed';

/** One graphql-ws socket for the signed-in staff member's live feeds (queue and complaint detail). */
@Injectable({ providedIn: 'root' })
export class StaffLiveService {
  private readonly tokens = inject(TokenStorage);
  readonly status = signal<LiveStatus>('connecting');
  private clientInstance: Client | null = null;

  get client(): Client {
    this.clientInstance ??= createLiveClient(
      () => {
        const token = this.tokens.accessToken();
        return token ? `Bearer ${token}` : null;
      },
      (status) => this.status.set(status),
    );
    return this.clientInstance;
  }
}
