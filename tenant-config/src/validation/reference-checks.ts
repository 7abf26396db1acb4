import { walkCategories } from '../category-tree';
import { STAGES_WITH_SLA, type StageCode } from '../schema/stage';
import type { TenantConfig } from '../schema/tenant-config';
import type { ConfigProblem } from './config-problem';

type Path = (string | number)[];

/** Looks up codes defined in one list and explains a dangling reference in the admin's words. */
function referenceCheck(label: string, section: string, codes: readonly string[]) {
  const known = new Set(codes);
  return (code: string | undefined, path: Path): ConfigProblem[] =>
    code === undefined || known.has(code) ? [] : [{ path, message: `${label} '${code}' does not exist; define it under ${section} first` }];
}

function checkers(config: TenantConfig) {
  const categoryCodes: string[] = [];
  walkCategories(config.categories, (node) => categoryCodes.push(node.code));
  return {
    severity: referenceCheck(
      'Severity',
      'Severities',
      config.severities.map((s) => s.code),
    ),
    team: referenceCheck(
      'Team',
      'Teams',
      config.teams.map((t) => t.code),
    ),
    tier: referenceCheck(
      'Customer tier',
      'Customer tiers',
      config.customerTiers.map((t) => t.code),
    ),
    category: referenceCheck('Category', 'Categories', categoryCodes),
  };
}

function eachOf(codes: readonly string[] | undefined, path: Path, check: (code: string, path: Path) => ConfigProblem[]) {
  return (codes ?? []).flatMap((code, index) => check(code, [...path, index]));
}

export function referenceProblems(config: TenantConfig): ConfigProblem[] {
  const check = checkers(config);
  const problems: ConfigProblem[] = [];
  walkCategories(config.categories, (node, path) => {
    problems.push(...check.severity(node.defaultSeverity, [...path, 'defaultSeverity']));
    problems.push(...check.team(node.defaultTeam, [...path, 'defaultTeam']));
  });
  config.routingRules.forEach((rule, index) => {
    const path = ['routingRules', index];
    problems.push(...eachOf(rule.match.categories, [...path, 'match', 'categories'], check.category));
    problems.push(...eachOf(rule.match.severities, [...path, 'match', 'severities'], check.severity));
    problems.push(...eachOf(rule.match.customerTiers, [...path, 'match', 'customerTiers'], check.tier));
    problems.push(...check.team(rule.target.team, [...path, 'target', 'team']));
    if (rule.target.team === undefined && rule.target.user === undefined) {
      problems.push({ path: [...path, 'target'], message: 'Choose a team or a user to receive the matching complaints' });
    }
  });
  problems.push(...eachOf(config.approval.alwaysRequireForSeverities, ['approval', 'alwaysRequireForSeverities'], check.severity));
  problems.push(...check.team(config.lifecycle.escalationTeam, ['lifecycle', 'escalationTeam']));
  config.triage.riskRules.forEach((rule, index) => problems.push(...check.severity(rule.severity, ['triage', 'riskRules', index, 'severity'])));
  return [...problems, ...slaProblems(config)];
}

/**
 * Every enabled stage that has a deadline needs one per severity, or the workflow could start a stage it
 * cannot time. Disabled optional stages may keep their values so switching them back on is one click.
 */
function slaProblems(config: TenantConfig): ConfigProblem[] {
  const severityCodes = config.severities.map((severity) => severity.code);
  const enabled = new Set(config.stages.filter((stage) => stage.enabled).map((stage) => stage.code));
  const problems: ConfigProblem[] = [];
  for (const [stage, bySeverity] of Object.entries(config.sla) as [StageCode, Record<string, number>][]) {
    if (!STAGES_WITH_SLA.includes(stage)) {
      problems.push({
        path: ['sla', stage],
        message: `The '${stage}' stage ends the lifecycle and has no deadline; remove this entry`,
      });
      continue;
    }
    for (const severity of Object.keys(bySeverity)) {
      if (!severityCodes.includes(severity)) {
        problems.push({
          path: ['sla', stage, severity],
          message: `Severity '${severity}' does not exist; define it under Severities first, or remove this deadline`,
        });
      }
    }
  }
  for (const stage of STAGES_WITH_SLA.filter((code) => enabled.has(code))) {
    const missing = severityCodes.filter((severity) => config.sla[stage]?.[severity] === undefined);
    for (const severity of missing) {
      problems.push({
        path: ['sla', stage, severity],
        message: `Set a deadline (in business minutes) for stage '${stage}' at severity '${severity}'`,
      });
    }
  }
  return problems;
}
