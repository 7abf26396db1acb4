import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { TenantScope } from '../platform/db/tenant-scope';
import { RecentStaffSessions } from './recent-staff-sessions';

/** Where a session stands, as of the latest token issued in it. */
export interface SessionState {
  id: string;
  generation: number;
  rotatedAt: Date;
}

/**
 * What presenting a refresh token of `generation` did: `rotated` (it was the current one), `retried` (its
 * successor was issued within the grace period: hand that same successor back), `reused` (it had been
 * replaced before: the session is now ended), `ended` (the session was already over).
 */
export interface Rotation {
  outcome: 'rotated' | 'retried' | 'reused' | 'ended';
  userId: string;
  session: SessionState;
}

export type SessionEndReason = 'logout' | 'sign_out_everywhere' | 'password_changed' | 'deactivated';

/** Staff sign-in sessions (table `staff_sessions`): one per login, the family of its refresh tokens. */
export class StaffSessions {
  /** Sessions checked lately; whatever ends a session or changes its user forgets it here. */
  readonly recent = new RecentStaffSessions();

  /** `side` runs the rotation outside the request's transaction (see Migration20261205003000). */
  constructor(
    private readonly side: Pool,
    private readonly graceSeconds: number,
  ) {}

  async open(scope: TenantScope, userId: string): Promise<SessionState> {
    const id = randomUUID();
    const [row] = await scope.em.execute<{ rotated_at: Date | string }[]>(
      'insert into staff_sessions (id, tenant_id, user_id) values (?, ?, ?) returning rotated_at',
      [id, scope.tenantId, userId],
    );
    // The ORM's raw execute hands timestamps back as text.
    return { id, generation: 0, rotatedAt: new Date(row.rotated_at) };
  }

  /** Null when no such session exists in that tenant. */
  async rotate(tenantId: string, sessionId: string, generation: number): Promise<Rotation | null> {
    const { rows } = await this.side.query<{ outcome: Rotation['outcome']; user_id: string; generation: number; rotated_at: Date }>({
      name: 'auth_rotate_staff_session',
      text: 'select * from auth_rotate_staff_session($1, $2, $3, $4)',
      values: [tenantId, sessionId, generation, this.graceSeconds],
    });
    const row = rows[0];
    if (row?.outcome === 'reused' || row?.outcome === 'ended') this.recent.forgetSession(tenantId, sessionId);
    return row ? { outcome: row.outcome, userId: row.user_id, session: { id: sessionId, generation: row.generation, rotatedAt: row.rotated_at } } : null;
  }

  /** Ends one session of `userId`; false when it was not open. */
  async end(scope: TenantScope, userId: string, sessionId: string, reason: SessionEndReason): Promise<boolean> {
    const rows = await scope.em.execute<{ id: string }[]>(
      'update staff_sessions set ended_at = now(), end_reason = ? where tenant_id = ? and user_id = ? and id = ? and ended_at is null returning id',
      [reason, scope.tenantId, userId, sessionId],
    );
    this.recent.forgetSession(scope.tenantId, sessionId);
    return rows.length > 0;
  }

  /** Ends every open session of `userId`; how many there were. */
  async endAllOf(scope: TenantScope, userId: string, reason: SessionEndReason): Promise<number> {
    const rows = await scope.em.execute<{ id: string }[]>(
      'update staff_sessions set ended_at = now(), end_reason = ? where tenant_id = ? and user_id = ? and ended_at is null returning id',
      [reason, scope.tenantId, userId],
    );
    this.recent.forgetUser(scope.tenantId, userId);
    return rows.length;
  }
}
