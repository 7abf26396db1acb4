import type { RateLimitStore, SharedLimiter } from '../platform/rate-limits';

export interface LoginThrottleRules {
  /** Failed sign-ins in a row on one account (tenant + email) before it is locked for `lockSeconds`. */
  maxFailuresPerAccount: number;
  /** Failed sign-ins from one address within an hour before it is locked for `lockSeconds`. */
  maxFailuresPerIp: number;
  lockSeconds: number;
}

const ACCOUNT_WINDOW_SECONDS = 24 * 3600;
const IP_WINDOW_SECONDS = 3600;
const MESSAGE = 'Too many failed sign-ins';

/**
 * Brute-force protection for sign-in, in the shared store so every API process counts the same failures.
 * Each attempt takes its point before the password is checked, so a thousand guesses sent at once get no
 * more tries than sent one by one; a success then forgets the account's failures and returns the point
 * to the address. The address's failures are not forgotten on a success: one valid account must not let
 * its holder wipe the count of guesses against everyone else's. A locked account answers the same for
 * existing and unknown emails, so the lock reveals nothing about which accounts exist.
 */
export class LoginThrottle {
  private readonly perAccount: SharedLimiter;
  private readonly perIp: SharedLimiter;

  constructor(store: RateLimitStore, rules: LoginThrottleRules) {
    this.perAccount = store.limiter('login-account', {
      points: rules.maxFailuresPerAccount,
      durationSeconds: ACCOUNT_WINDOW_SECONDS,
      blockSeconds: rules.lockSeconds,
    });
    this.perIp = store.limiter('login-ip', { points: rules.maxFailuresPerIp, durationSeconds: IP_WINDOW_SECONDS, blockSeconds: rules.lockSeconds });
  }

  /** Runs `signIn` unless the account or address is locked; its result is null for wrong credentials. */
  async attempt<T>(tenantSlug: string, email: string, clientIp: string, signIn: () => Promise<T | null>): Promise<T | null> {
    const account = `${tenantSlug.trim().toLowerCase()}:${email.trim().toLowerCase()}`;
    const [ip, named] = await Promise.allSettled([this.perIp.take(clientIp, MESSAGE), this.perAccount.take(account, MESSAGE)]);
    if (ip.status === 'rejected' || named.status === 'rejected') {
      // A refused attempt checks no password: it is not a guess, so the point the other budget gave is returned.
      if (ip.status === 'fulfilled') await this.perIp.giveBack(clientIp);
      if (named.status === 'fulfilled') await this.perAccount.giveBack(account);
      throw ip.status === 'rejected' ? ip.reason : (named as PromiseRejectedResult).reason;
    }
    const result = await signIn();
    if (result !== null) await Promise.all([this.perAccount.reset(account), this.perIp.giveBack(clientIp)]);
    return result;
  }
}
