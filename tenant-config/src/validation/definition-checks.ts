import { walkCategories, type CategoryPath } from '../category-tree';
import { DEFAULT_STAGE_ORDER, isOptionalStage, type StageCode } from '../schema/stage';
import type { TenantConfig } from '../schema/tenant-config';
import { type ConfigProblem, duplicateProblems, formatConfigPath } from './config-problem';

/** Codes that must be unique within their list, checked the same way for every list. */
export function uniqueCodeProblems(config: TenantConfig): ConfigProblem[] {
  const codeLists = [
    { key: 'severities', label: 'Severity', items: config.severities },
    { key: 'teams', label: 'Team', items: config.teams },
    { key: 'roles', label: 'Role', items: config.roles },
    { key: 'customerTiers', label: 'Customer tier', items: config.customerTiers },
  ] as const;
  const problems = codeLists.flatMap(({ key, label, items }) =>
    duplicateProblems(
      items,
      (item) => item.code,
      (index) => [key, index, 'code'],
      (code, first) => `${label} code '${code}' is already used by ${key}[${first}]; codes must be unique`,
    ),
  );
  problems.push(
    ...duplicateProblems(
      config.routingRules,
      (rule) => rule.id,
      (index) => ['routingRules', index, 'id'],
      (id, first) => `Routing rule id '${id}' is already used by routingRules[${first}]; ids must be unique`,
    ),
  );
  problems.push(
    ...duplicateProblems(
      config.triage.riskRules,
      (rule) => rule.id,
      (index) => ['triage', 'riskRules', index, 'id'],
      (id, first) => `Risk rule id '${id}' is already used by triage.riskRules[${first}]; ids must be unique`,
    ),
  );
  return [...problems, ...categoryCodeProblems(config)];
}

function categoryCodeProblems(config: TenantConfig): ConfigProblem[] {
  const firstPathByCode = new Map<string, CategoryPath>();
  const problems: ConfigProblem[] = [];
  walkCategories(config.categories, (node, path) => {
    const firstPath = firstPathByCode.get(node.code);
    if (firstPath === undefined) {
      firstPathByCode.set(node.code, path);
      return;
    }
    problems.push({
      path: [...path, 'code'],
      message: `Category code '${node.code}' is already used at ${formatConfigPath(firstPath)}; category codes must be unique across the whole tree`,
    });
  });
  return problems;
}

/**
 * Every lifecycle stage is listed once, in lifecycle order; only optional stages may be switched off, and a
 * stage's `optional` flag must agree with the platform's catalogue because the workflow relies on it.
 */
export function stageProblems(config: TenantConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = duplicateProblems(
    config.stages,
    (stage) => stage.code,
    (index) => ['stages', index, 'code'],
    (code, first) => `Stage '${code}' is already listed at stages[${first}]; list each stage once`,
  );
  const listed = config.stages.map((stage) => stage.code);
  for (const code of DEFAULT_STAGE_ORDER) {
    if (!listed.includes(code)) {
      problems.push({
        path: ['stages'],
        message: isOptionalStage(code)
          ? `Stage '${code}' is missing; keep it in the list and set enabled: false to switch it off`
          : `Stage '${code}' is missing; it is mandatory and cannot be removed`,
      });
    }
  }
  const orderOf = (code: StageCode) => DEFAULT_STAGE_ORDER.indexOf(code);
  config.stages.forEach((stage, index) => {
    const previous = config.stages[index - 1];
    if (previous && orderOf(previous.code) > orderOf(stage.code)) {
      problems.push({
        path: ['stages', index, 'code'],
        message: `Stage '${stage.code}' must come before '${previous.code}'; stages follow the order ${DEFAULT_STAGE_ORDER.join(' → ')}`,
      });
    }
    if (stage.optional !== isOptionalStage(stage.code)) {
      problems.push({
        path: ['stages', index, 'optional'],
        message: isOptionalStage(stage.code)
          ? `Stage '${stage.code}' is optional; set optional: true`
          : `Stage '${stage.code}' is mandatory and cannot be marked optional`,
      });
    }
    if (!stage.enabled && !isOptionalStage(stage.code)) {
      problems.push({
        path: ['stages', index, 'enabled'],
        message: `Stage '${stage.code}' is mandatory and cannot be switched off; only review and followup can`,
      });
    }
  });
  return problems;
}

export function severityProblems(config: TenantConfig): ConfigProblem[] {
  return config.severities.flatMap((severity, index) =>
    severity.firstResponseMinutes > severity.resolutionMinutes
      ? [
          {
            path: ['severities', index, 'firstResponseMinutes'],
            message: `The first response (${severity.firstResponseMinutes} min) cannot be due after the resolution (${severity.resolutionMinutes} min)`,
          },
        ]
      : [],
  );
}

export function roleProblems(config: TenantConfig): ConfigProblem[] {
  const problems = config.roles.flatMap((role, roleIndex) =>
    duplicateProblems(
      role.permissions,
      (permission) => permission,
      (index) => ['roles', roleIndex, 'permissions', index],
      (permission) => `Permission '${permission}' is listed twice in role '${role.code}'`,
    ),
  );
  if (!config.roles.some((role) => role.permissions.includes('tenant.configure'))) {
    problems.push({
      path: ['roles'],
      message: "No role has the 'tenant.configure' permission, so nobody could change this configuration again",
    });
  }
  return problems;
}

export function reminderProblems(config: TenantConfig): ConfigProblem[] {
  return config.reminders.fractions.flatMap((fraction, index) => {
    const previous = config.reminders.fractions[index - 1];
    return previous !== undefined && fraction <= previous
      ? [
          {
            path: ['reminders', 'fractions', index],
            message: `Reminder fractions must increase: ${fraction} does not come after ${previous}`,
          },
        ]
      : [];
  });
}
