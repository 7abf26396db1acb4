/**
 * What one lifecycle transition writes to PostgreSQL: the complaint row's new values, its timeline events
 * and the notifications it triggers. The workflow builds it; one activity writes it in one transaction.
 * Plain data only: it crosses the workflow/activity boundary as JSON.
 */
import type { Actor } from './actor';
import type { ComplaintStatusCode, StageCode } from './closed-sets';
import type { LifecycleView } from './lifecycle-messages';

/** One event for a complaint's append-only timeline, from the API's services or a workflow transition. */
export interface TimelineEntry {
  kind: string;
  actor: Actor;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
  customerVisible?: boolean;
  /** Makes the write idempotent: the same key is never written twice for one tenant. */
  dedupeKey?: string | null;
}

export type RecipientKind = 'user' | 'team' | 'team_supervisors' | 'customer';

export interface NotificationWrite {
  kind: string;
  recipientKind: RecipientKind;
  recipient: string | null;
  data: Record<string, unknown>;
  dedupeKey: string;
}

/** Absolute values only (never increments), so applying a patch twice is harmless. Instants are ISO strings. */
export interface ComplaintPatch {
  stage?: StageCode;
  status?: ComplaintStatusCode;
  round?: number;
  priority?: number;
  assigneeId?: string | null;
  teamCode?: string | null;
  stageStartedAt?: string | null;
  stageDueAt?: string | null;
  firstRespondedAt?: string | null;
  closedAt?: string | null;
  satisfaction?: number | null;
}

export interface Projection {
  tenantId: string;
  complaintId: string;
  patch: ComplaintPatch;
  /**
   * Never empty: the first event's dedupe key identifies the whole transition. Keys are `<workflowId>:<seq>`,
   * so the same transition replayed or retried writes nothing twice.
   */
  events: (TimelineEntry & { dedupeKey: string })[];
  notifications: NotificationWrite[];
  /** The workflow's view after the transition, every action its stage allows (see lifecycle-view.ts). */
  view?: LifecycleView;
}

/** An instant (workflow milliseconds) as the projection and the view carry it. */
export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
