import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../platform/auth/principal';
import type { AuthService } from '../identity/auth.service';

const RECHECK_MS = 5_000;

interface Checked {
  /** When the answer came (when the check started, while it runs). */
  at: number;
  result: Promise<Principal | null>;
  /** The answer, once it came: lets the per-event re-check of thousands of subscribers stay synchronous. */
  answer?: { principal: Principal | null };
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
    if (hit && (!hit.answer || now - hit.at < RECHECK_MS)) return hit.result;
    const entry: Checked = {
      at: now,
      result: this.authenticate(authorization).then(
        (principal) => {
          entry.at = Date.now();
          entry.answer = { principal };
          return principal;
        },
        (error: unknown) => {
          // No answer to cache (the database failed): the next event asks again.
          if (this.checked.get(authorization) === entry) this.checked.delete(authorization);
          throw error;
        },
      ),
    };
    this.checked.set(authorization, entry);
    if (this.checked.size > 50_000) this.prune(now);
    return entry.result;
  }

  /** The cached answer while it is fresh; undefined when only `current` can tell. */
  peek(authorization: string): Principal | null | undefined {
    const hit = this.checked.get(authorization);
    return hit?.answer && Date.now() - hit.at < RECHECK_MS ? hit.answer.principal : undefined;
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
    for (const [key, value] of this.checked) if (value.answer && now - value.at >= RECHECK_MS) this.checked.delete(key);
  }
}
