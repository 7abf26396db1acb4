import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../platform/auth/principal';
import type { AuthService } from '../identity/auth.service';

/** How long an answer may be used: a revoked key or deactivated user is cut off within this window. */
const RECHECK_MS = 5_000;
/** Past this age, using an answer also asks again in the background, so busy feeds never wait for it. */
const REFRESH_AHEAD_MS = 4_000;

interface Checked {
  /** When the answer came. */
  at: number;
  answer?: { principal: Principal | null };
  /** The check under way, shared by everyone asking meanwhile. */
  pending?: Promise<Principal | null>;
}

/**
 * Re-validates a subscriber's credential before each event it receives. The answer is cached for a few
 * seconds per credential, so a revoked key or deactivated user is cut off within that window without
 * 10,000 subscribers costing 10,000 queries per event; a cached answer is read synchronously (`peek`).
 */
export class AccessGuard {
  private readonly checked = new Map<string, Checked>();

  constructor(
    private readonly root: EntityManager,
    private readonly auth: AuthService,
  ) {}

  /** The principal still behind `authorization`, or null when it is no longer valid. */
  current(authorization: string): Promise<Principal | null> {
    const fresh = this.peek(authorization);
    return fresh === undefined ? this.check(authorization) : Promise.resolve(fresh);
  }

  /** The cached answer while it is fresh; undefined when only `current` can tell. */
  peek(authorization: string): Principal | null | undefined {
    const hit = this.checked.get(authorization);
    if (!hit?.answer) return undefined;
    const age = Date.now() - hit.at;
    if (age >= RECHECK_MS) return undefined;
    if (age >= REFRESH_AHEAD_MS && !hit.pending) void this.check(authorization).catch(() => undefined);
    return hit.answer.principal;
  }

  private check(authorization: string): Promise<Principal | null> {
    let entry = this.checked.get(authorization);
    if (!entry) {
      if (this.checked.size >= 50_000) this.prune(Date.now());
      this.checked.set(authorization, (entry = { at: 0 }));
    }
    const checking = entry;
    checking.pending ??= this.authenticate(authorization).then(
      (principal) => {
        checking.at = Date.now();
        checking.answer = { principal };
        checking.pending = undefined;
        return principal;
      },
      (error: unknown) => {
        // No answer to cache (the database failed): the next event asks again.
        checking.pending = undefined;
        throw error;
      },
    );
    return checking.pending;
  }

  private async authenticate(authorization: string): Promise<Principal | null> {
    const em = this.root.fork({ clear: true, useContext: false });
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
    for (const [key, value] of this.checked) if (!value.pending && now - value.at >= RECHECK_MS) this.checked.delete(key);
  }
}
