import { addBusinessMinutes } from './calendar/business-time';
import type { StageCode } from './schema/stage';
import type { TenantConfig } from './schema/tenant-config';

/** Floating-point products such as 100 × 0.7 = 70.00000000000001 must not round up a whole extra minute. */
const ROUNDING_TOLERANCE = 1e-9;

/**
 * Business minutes allowed for a stage in a given handling round. Round 1 is the configured SLA; each
 * further round (the customer was unhappy) gets slaFactor^(round-1) of it, rounded up to a whole minute so
 * deadlines read cleanly, and never below one minute. Undefined when the stage has no deadline (archive,
 * or a stage/severity without an SLA entry).
 *
 * @throws RangeError when round is not a whole number >= 1
 */
export function slaMinutesFor(config: TenantConfig, stage: StageCode, severity: string, round: number): number | undefined {
  if (!Number.isInteger(round) || round < 1) throw new RangeError(`Round must be a whole number >= 1, got ${round}`);
  const base = config.sla[stage]?.[severity];
  if (base === undefined) return undefined;
  const scaled = base * config.lifecycle.rounds.slaFactor ** (round - 1);
  return Math.max(1, Math.ceil(scaled - ROUNDING_TOLERANCE));
}

/** When a stage that started at `stageStart` is due, in the tenant's business calendar; undefined when it has no deadline. */
export function stageDeadline(config: TenantConfig, stage: StageCode, severity: string, round: number, stageStart: Date): Date | undefined {
  const minutes = slaMinutesFor(config, stage, severity, round);
  return minutes === undefined ? undefined : addBusinessMinutes(config.businessCalendar, stageStart, minutes);
}

/** When the configured reminders for a stage fire, in ascending order (empty when the stage has no deadline). */
export function stageReminders(config: TenantConfig, stage: StageCode, severity: string, round: number, stageStart: Date): Date[] {
  const minutes = slaMinutesFor(config, stage, severity, round);
  if (minutes === undefined) return [];
  return config.reminders.fractions.map((fraction) => addBusinessMinutes(config.businessCalendar, stageStart, minutes * fraction));
}
