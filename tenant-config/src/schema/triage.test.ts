import { defaultTenantConfig } from '../defaults/default-config';
import type { TenantConfig } from './tenant-config';
import { validateTenantConfig, type ConfigError } from '../validate';
import { defaultTriagePolicy, triagePolicyOf } from './triage';

function input(edit: (config: Record<string, unknown> & { triage: Record<string, unknown> }) => void): unknown {
  const config = JSON.parse(JSON.stringify(defaultTenantConfig())) as Record<string, unknown> & { triage: Record<string, unknown> };
  edit(config);
  return config;
}

function errorsOf(value: unknown): ConfigError[] {
  const result = validateTenantConfig(value);
  if (result.ok) throw new Error('expected the configuration to be rejected');
  return result.errors;
}

describe('triage configuration', () => {
  it('defaults to suggestions, a threshold of 0.8 and the warning-sign rules raising to major', () => {
    const result = validateTenantConfig(input((c) => delete (c as Partial<typeof c>).triage));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.config.triage.mode).toBe('suggest');
    expect(result.config.triage.threshold).toBe(0.8);
    const patterns = result.config.triage.riskRules.flatMap((rule) => rule.patterns);
    expect(patterns).toEqual(expect.arrayContaining(['媒体曝光', '12315', '律师', '起诉', '受伤', '起火', 'lawyer', 'injury']));
    expect(new Set(result.config.triage.riskRules.map((rule) => rule.severity))).toEqual(new Set(['major']));
  });

  it('fills a partly written section: risk rules stay the defaults when only the mode is set', () => {
    const result = validateTenantConfig(input((c) => (c.triage = { mode: 'auto' })));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.config.triage).toEqual({ ...defaultTriagePolicy(), mode: 'auto' });
  });

  it('reports shape errors with their paths', () => {
    const errors = errorsOf(
      input((c) => {
        c.triage = {
          mode: 'always',
          threshold: 1.5,
          riskRules: [
            { id: 'Legal Action', patterns: ['律师'], severity: 'major' },
            { id: 'empty', patterns: [], severity: 'major' },
            { id: 'blank', patterns: ['  '], severity: 'major', colour: 'red' },
          ],
        };
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'triage.mode', message: "the text 'always' is not allowed here; choose one of 'off', 'suggest', 'auto'" },
        { path: 'triage.threshold', message: 'Must be at most 1' },
        { path: 'triage.riskRules[0].id', message: expect.stringContaining('lowercase letters') },
        { path: 'triage.riskRules[1].patterns', message: 'Add at least one entry' },
        { path: 'triage.riskRules[2].patterns[0]', message: 'Must not be empty' },
        { path: 'triage.riskRules[2].colour', message: "Unknown setting 'colour'; check the spelling or remove it" },
      ]),
    );
    expect(errors).toHaveLength(6);
  });

  it('rejects a rule raising to a severity that does not exist, and repeated rule ids', () => {
    const errors = errorsOf(
      input((c) => {
        c.triage = {
          riskRules: [
            { id: 'legal', patterns: ['律师'], severity: 'critical' },
            { id: 'legal', patterns: ['lawyer'], severity: 'major' },
          ],
        };
      }),
    );
    expect(errors).toEqual([
      { path: 'triage.riskRules[1].id', message: "Risk rule id 'legal' is already used by triage.riskRules[0]; ids must be unique" },
      { path: 'triage.riskRules[0].severity', message: "Severity 'critical' does not exist; define it under Severities first" },
    ]);
  });

  it('gives configuration versions stored before triage existed the defaults', () => {
    const stored = defaultTenantConfig() as Partial<TenantConfig>;
    delete stored.triage;
    expect(triagePolicyOf(stored)).toEqual(defaultTriagePolicy());
    const custom = { ...defaultTriagePolicy(), mode: 'off' as const };
    expect(triagePolicyOf({ triage: custom })).toBe(custom);
  });
});
