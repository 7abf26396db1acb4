/** What `auth_staff_session` answers for an open session of an active user. */
export interface StaffSessionRow {
  display_name: string;
  roles: string[];
  config_version: number;
}

/**
 * How long a staff session, once checked, is trusted without reading it again: inside the 5 s within
 * which a deactivated user, an ended session, changed roles or a new configuration must take effect
 * (the live feed re-checks on the same 5 s), with a second's margin for the request in flight.
 */
export const STAFF_SESSION_TRUST_MS = 4_000;
/** Bounds memory under many distinct sessions; the oldest checks go first. */
const MAX_ENTRIES = 10_000;

/**
 * Staff sessions checked in the last few seconds, so a read-only request does not pay a credential query
 * each time. Changes made through this process are forgotten at once (sessions ended, users changed, a new
 * configuration version); those made elsewhere take effect within STAFF_SESSION_TRUST_MS.
 */
export class RecentStaffSessions {
  private readonly checked = new Map<string, { row: StaffSessionRow; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(tenantId: string, userId: string, sessionId: string): StaffSessionRow | undefined {
    const key = keyOf(tenantId, userId, sessionId);
    const entry = this.checked.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at < STAFF_SESSION_TRUST_MS) return entry.row;
    this.checked.delete(key);
    return undefined;
  }

  remember(tenantId: string, userId: string, sessionId: string, row: StaffSessionRow): void {
    const key = keyOf(tenantId, userId, sessionId);
    this.checked.delete(key);
    this.checked.set(key, { row, at: this.now() });
    if (this.checked.size > MAX_ENTRIES) this.checked.delete(this.checked.keys().next().value as string);
  }

  forgetUser(tenantId: string, userId: string): void {
    this.forgetWhere((key) => key.startsWith(keyOf(tenantId, userId, '')));
  }

  forgetSession(tenantId: string, sessionId: string): void {
    this.forgetWhere((key) => key.startsWith(`${tenantId}:`) && key.endsWith(`:${sessionId}`));
  }

  forgetTenant(tenantId: string): void {
    this.forgetWhere((key) => key.startsWith(`${tenantId}:`));
  }

  private forgetWhere(matches: (key: string) => boolean): void {
    for (const key of this.checked.keys()) if (matches(key)) this.checked.delete(key);
  }
}

const keyOf = (tenantId: string, userId: string, sessionId: string) => `${tenantId}:${userId}:${sessionId}`;
