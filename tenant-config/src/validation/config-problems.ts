import type { TenantConfig } from '../schema/tenant-config';
import { calendarProblems } from './calendar-checks';
import type { ConfigProblem } from './config-problem';
import { reminderProblems, roleProblems, severityProblems, stageProblems, uniqueCodeProblems } from './definition-checks';
import { referenceProblems } from './reference-checks';
import { templateProblems } from './template-checks';

/** Every cross-field problem of a configuration whose shape is already valid; empty when it is consistent. */
export function findConfigProblems(config: TenantConfig): ConfigProblem[] {
  return [
    ...uniqueCodeProblems(config),
    ...stageProblems(config),
    ...severityProblems(config),
    ...roleProblems(config),
    ...reminderProblems(config),
    ...referenceProblems(config),
    ...calendarProblems(config),
    ...templateProblems(config),
  ];
}
