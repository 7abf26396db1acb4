import { defaultTenantConfig } from './defaults/default-config';
import { INDUSTRY_TEMPLATES } from './templates/industry-templates';
import { fromYaml, toYaml } from './yaml';

describe('toYaml / fromYaml', () => {
  it.each(Object.keys(INDUSTRY_TEMPLATES) as (keyof typeof INDUSTRY_TEMPLATES)[])('round-trips the %s template unchanged', (code) => {
    const config = INDUSTRY_TEMPLATES[code].create();
    const result = fromYaml(toYaml(config));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.config).toEqual(config);
  });

  it('keeps dates and times as text, as YAML 1.2 does', () => {
    const yaml = toYaml(defaultTenantConfig());
    expect(yaml).toContain('timeZone: Asia/Shanghai');
    expect(yaml).toMatch(/start: ["']?09:00/);
    const result = fromYaml(yaml);
    expect(result.ok && result.config.businessCalendar.holidays[0]).toBe('2026-01-01');
  });

  it('accepts hand-written YAML with defaults left out', () => {
    const written = toYaml(defaultTenantConfig()).replace(/^reminders:\n(?: .*\n)+/m, '');
    expect(written).not.toContain('fractions');
    const result = fromYaml(written);
    expect(result.ok && result.config.reminders.fractions).toEqual([0.5, 0.8]);
  });

  it('reports a syntax error with an empty path and its position', () => {
    const result = fromYaml('severities: [\n  - general\nteams: : x');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error.path).toBe('');
      expect(error.message).toMatch(/^YAML syntax error: .*line \d+, column \d+$/);
    }
  });

  it('reports duplicate keys as a syntax error', () => {
    const result = fromYaml('defaultLocale: en\ndefaultLocale: zh-CN\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toEqual({ path: '', message: expect.stringContaining('YAML syntax error') });
  });

  it('validates the parsed document like any other input', () => {
    const yaml = toYaml(defaultTenantConfig()).replace('timeZone: Asia/Shanghai', 'timeZone: Asia/Shangai');
    const result = fromYaml(yaml);
    expect(!result.ok && result.errors).toEqual([
      { path: 'businessCalendar.timeZone', message: expect.stringContaining("'Asia/Shangai' is not a known time zone") },
    ]);
  });

  it('rejects an empty document with a root-level error', () => {
    expect(fromYaml('')).toEqual({ ok: false, errors: [{ path: '', message: expect.any(String) }] });
  });
});
