import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../platform/auth/principal';
import type { AuthService } from '../identity/auth.service';

const RECHECK_MS = 5_000;

interface Checked {
  at: number;
  result: Promise<Principal | null>;
}

/**
 * Re-validates a subscriber's credential before each event it receives. The answer is cached for a few
 * seconds per credential, so a revoked key or deactivated user is cut off within that window without
 * 10,000 subscribers costing 10,000 queries per event.
 */
export class AccessGuard {
  private readonly checked = new Map<string, Checked>();

  constructor(
    private readonly root: EntityManager,
    private readonly auth: AuthService,
  ) {}

  /** The principal still behind `authorization`, or null when it is no longer valid. */
  current(authorization: string): Promise<Principal | null> {
    const now = Date.now();
    const hit = this.checked.get(authorization);
    if (hit && now - hit.at < RECHECK_MS) return hit.result;
    const result = this.authenticate(authorization);
    this.checked.set(authorization, { at: now, result });
    if (this.checked.size > 50_000) this.prune(now);
    return result;
  }

  private async authenticate(authorization: string): Promise<Principal | null> {
    const em = this.root.fork({ clear: true, useContext: false }) as EntityManager;
    await em.begin();
    try {
      const principal = await this.auth.authenticate(em, authorization);
      return principal.kind === 'anonymous' ? null : principal;
    } catch {
      return null;
    } finally {
      await em.rollback();
    }
  }

  private prune(now: number): void {
    for (const [key, value] of this.checked) if (now - value.at >= RECHECK_MS) this.checked.delete(key);
  }
}
