import { defaultTenantConfig, type TenantConfig } from '@complaints/tenant-config';
import type { Actor, LifecycleCaller } from '@complaints/tenant-config/lifecycle-contract';
import { LifecycleState } from '../workflows/lifecycle-state';

/**
 * Shared pieces of the lifecycle tests: a tenant configuration whose business calendar never closes (so a
 * stage's deadline is its start plus the SLA minutes and tests can state instants exactly), and for the pure
 * unit tests a complaint and walks to each stage through the real transitions.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Intake: a Monday morning, 2026-03-02 08:00 UTC. */
export const T0 = Date.parse('2026-03-02T08:00:00.000Z');
export const VERSION = 3;

export const STAFF: Actor = { type: 'user', id: '00000000-0000-4000-8000-000000000001', name: 'Lin' };
export const CUSTOMER: Actor = { type: 'customer', id: 'c-1', name: 'Complainant' };

/** A tenant whose office never closes, so business minutes are wall-clock minutes and tests can reason in them. */
export function roundTheClockConfig(change: (config: TenantConfig) => void = () => undefined): TenantConfig {
  const config = defaultTenantConfig();
  const allDay = [{ start: '00:00', end: '24:00' }];
  config.businessCalendar = {
    timeZone: 'Asia/Shanghai',
    weeklyHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    holidays: [],
    workdays: [],
  };
  change(config);
  return config;
}

/** Switches one of the optional stages (review, followup) off. */
export function withoutStage(config: TenantConfig, code: 'review' | 'followup'): void {
  config.stages = config.stages.map((stage) => (stage.code === code ? { ...stage, enabled: false } : stage));
}

export function caller(permissions: string[], type: LifecycleCaller['type'] = 'user'): LifecycleCaller {
  return { type, id: STAFF.id, name: STAFF.name, permissions };
}

export function newComplaint(severity = 'general', teamCode: string | null = 'frontline'): LifecycleState {
  return LifecycleState.fromInput(
    { tenantId: 't-1', complaintId: 'c-1', number: 'C-2026-0001', severity, priority: 50, teamCode, assigneeId: null, intakeAt: new Date(T0).toISOString() },
    'wf-1',
  );
}

/**
 * Walks a new complaint through the real transitions, one hour per step from T0, and returns it with the
 * instant of its last step. `to` names where the walk stops.
 */
export function walk(
  to: 'intake' | 'investigation' | 'handling' | 'review' | 'feedback' | 'waiting' | 'closed',
  config: TenantConfig = roundTheClockConfig(),
  severity = 'general',
): { s: LifecycleState; at: number } {
  const s = newComplaint(severity);
  s.start(T0, T0, config, VERSION);
  if (to === 'intake') return { s, at: T0 };
  s.startInvestigation(STAFF, {}, T0 + HOUR, config, VERSION, true);
  if (to === 'investigation') return { s, at: T0 + HOUR };
  if (s.findingsRequired) s.recordFindings(STAFF, { findings: 'The kettle arrived broken' }, T0 + HOUR + HOUR / 2, config, VERSION);
  if (to === 'handling') return { s, at: T0 + HOUR + HOUR / 2 };
  const amount = to === 'review' ? config.approval.compensationThreshold + 1 : 0;
  s.proposeSolution(
    STAFF,
    { text: 'Replace the kettle', compensationType: amount ? 'refund' : 'none', compensationAmount: amount },
    T0 + 2 * HOUR,
    config,
    VERSION,
  );
  if (to === 'review' || to === 'feedback') return { s, at: T0 + 2 * HOUR };
  s.sendFeedback(STAFF, { message: 'We replace it' }, T0 + 3 * HOUR, config);
  if (to === 'waiting') return { s, at: T0 + 3 * HOUR };
  s.customerResponse(CUSTOMER, { accepted: true, rating: 5 }, T0 + 4 * HOUR, config, VERSION);
  return { s, at: T0 + 4 * HOUR };
}

export const kinds = (projection: { events: { kind: string }[] } | null): string[] => (projection ? projection.events.map((e) => e.kind) : []);
