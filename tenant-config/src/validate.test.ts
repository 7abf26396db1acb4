import { defaultTenantConfig } from './defaults/default-config';
import type { TenantConfig } from './schema/tenant-config';
import { type ConfigError, validateTenantConfig } from './validate';

/** A mutable copy of the default configuration as untyped input, the way an admin form or YAML file arrives. */
function input(edit: (config: TenantConfig) => void = () => undefined): unknown {
  const config = defaultTenantConfig();
  edit(config);
  return JSON.parse(JSON.stringify(config)) as unknown;
}

function errorsOf(value: unknown): ConfigError[] {
  const result = validateTenantConfig(value);
  if (result.ok) throw new Error('expected the configuration to be rejected');
  return result.errors;
}

describe('validateTenantConfig', () => {
  it('accepts the default configuration and returns it typed', () => {
    const result = validateTenantConfig(input());
    expect(result.ok).toBe(true);
    expect(result.ok && result.config).toEqual(defaultTenantConfig());
  });

  it('fills documented defaults for reminders, lifecycle, locale and calendar dates', () => {
    const raw = input() as Record<string, unknown>;
    delete raw.reminders;
    delete raw.lifecycle;
    delete raw.defaultLocale;
    const calendar = raw.businessCalendar as Record<string, unknown>;
    delete calendar.holidays;
    delete calendar.workdays;
    const result = validateTenantConfig(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.config.reminders.fractions).toEqual([0.5, 0.8]);
    expect(result.config.lifecycle.autoCloseDays).toBe(7);
    expect(result.config.lifecycle.mergeInvestigationAndHandling).toBe(false);
    expect(result.config.lifecycle.rounds).toEqual({ max: 3, slaFactor: 0.5, unhappyRatingThreshold: 2 });
    expect(result.config.defaultLocale).toBe('zh-CN');
    expect(result.config.businessCalendar.holidays).toEqual([]);
  });

  it('reports every shape error with its path, in plain words', () => {
    const errors = errorsOf(
      input((c) => {
        Object.assign(c.severities[0] as object, { firstResponseMinutes: 'soon' });
        Object.assign(c.categories[0] as object, { colour: 'red' });
        Object.assign(c.teams[1] as object, { code: 'Quality Team' });
        Object.assign(c.businessCalendar, { timeZone: 'Asia/Shangai' });
        Object.assign(c.businessCalendar.weeklyHours.mon[0] as object, { start: '9am' });
        c.reminders.fractions = [0.5, 1.2];
        Object.assign(c.routingRules[0] as object, { strategy: 'random' });
        delete (c.approval as Partial<TenantConfig['approval']>).currency;
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'severities[0].firstResponseMinutes', message: "Expected a number, but got the text 'soon'" },
        { path: 'categories[0].colour', message: "Unknown setting 'colour'; check the spelling or remove it" },
        { path: 'teams[1].code', message: expect.stringContaining('lowercase letters') },
        { path: 'businessCalendar.timeZone', message: expect.stringContaining("'Asia/Shangai' is not a known time zone") },
        { path: 'businessCalendar.weeklyHours.mon[0].start', message: expect.stringContaining("'HH:mm'") },
        { path: 'reminders.fractions[1]', message: expect.stringContaining('less than 1') },
        { path: 'routingRules[0].strategy', message: "the text 'random' is not allowed here; choose one of 'round_robin', 'least_loaded'" },
        { path: 'approval.currency', message: 'This setting is required' },
      ]),
    );
    expect(errors).toHaveLength(8);
  });

  it('takes the merge of investigation and handling as a yes/no switch only', () => {
    const merged = validateTenantConfig(input((c) => (c.lifecycle.mergeInvestigationAndHandling = true)));
    expect(merged.ok && merged.config.lifecycle.mergeInvestigationAndHandling).toBe(true);
    const errors = errorsOf(input((c) => Object.assign(c.lifecycle, { mergeInvestigationAndHandling: 'yes' })));
    expect(errors.map((e) => e.path)).toEqual(['lifecycle.mergeInvestigationAndHandling']);
  });

  it('allows lifecycle durations shorter than a day, down to a minute', () => {
    const minutes = validateTenantConfig(input((c) => Object.assign(c.lifecycle, { autoCloseDays: 5 / 1440, followUpAfterDays: 0, reopenWindowDays: 0.5 })));
    expect(minutes.ok && minutes.config.lifecycle.autoCloseDays).toBe(5 / 1440);
    expect(errorsOf(input((c) => (c.lifecycle.autoCloseDays = 0.0001))).map((e) => e.path)).toEqual(['lifecycle.autoCloseDays']);
    expect(errorsOf(input((c) => (c.lifecycle.autoCloseDays = 0))).map((e) => e.path)).toEqual(['lifecycle.autoCloseDays']);
  });

  it('never leaks zod wording into messages', () => {
    const errors = errorsOf({ severities: 'many', sla: [], stages: {}, extra: true });
    for (const { message } of errors) expect(message).not.toMatch(/Invalid input|expected .* received|ZodError/);
  });

  it('rejects references to teams, severities, categories and tiers that do not exist', () => {
    const errors = errorsOf(
      input((c) => {
        c.teams = c.teams.filter((team) => team.code !== 'quality');
        Object.assign(c.categories[1] as object, { defaultSeverity: 'critical' });
        c.routingRules.push({
          id: 'vip-returns',
          priority: 5,
          match: { categories: ['returns'], customerTiers: ['gold'], severities: ['critical'] },
          target: {},
          strategy: 'round_robin',
        });
        c.approval.alwaysRequireForSeverities = ['critical'];
        c.lifecycle.escalationTeam = 'tiger_team';
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'categories[0].defaultTeam', message: "Team 'quality' does not exist; define it under Teams first" },
        { path: 'routingRules[1].target.team', message: "Team 'quality' does not exist; define it under Teams first" },
        { path: 'categories[1].defaultSeverity', message: "Severity 'critical' does not exist; define it under Severities first" },
        { path: 'routingRules[3].match.categories[0]', message: "Category 'returns' does not exist; define it under Categories first" },
        { path: 'routingRules[3].match.customerTiers[0]', message: expect.stringContaining("Customer tier 'gold' does not exist") },
        { path: 'routingRules[3].match.severities[0]', message: expect.stringContaining("Severity 'critical'") },
        { path: 'routingRules[3].target', message: 'Choose a team or a user to receive the matching complaints' },
        { path: 'approval.alwaysRequireForSeverities[0]', message: expect.stringContaining("Severity 'critical'") },
        { path: 'lifecycle.escalationTeam', message: "Team 'tiger_team' does not exist; define it under Teams first" },
      ]),
    );
  });

  it('requires unique codes, across the whole category tree', () => {
    const errors = errorsOf(
      input((c) => {
        Object.assign(c.categories[1]?.children?.[0] as object, { code: 'cosmetic_flaw' });
        c.teams.push({ code: 'frontline', name: { 'zh-CN': '重复', en: 'Duplicate' } });
      }),
    );
    expect(errors).toEqual([
      { path: 'teams[3].code', message: "Team code 'frontline' is already used by teams[0]; codes must be unique" },
      {
        path: 'categories[1].children[0].code',
        message: expect.stringContaining("Category code 'cosmetic_flaw' is already used at categories[0].children[1]"),
      },
    ]);
  });

  it('requires an SLA for every enabled stage and severity, but not for switched-off stages', () => {
    const errors = errorsOf(
      input((c) => {
        delete c.sla.investigation?.major;
        delete c.sla.followup;
        c.stages = c.stages.map((stage) => (stage.code === 'followup' ? { ...stage, enabled: false } : stage));
        c.sla.archive = { general: 60 };
        Object.assign(c.sla.intake as object, { critical: 5 });
      }),
    );
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'sla.archive', message: "The 'archive' stage ends the lifecycle and has no deadline; remove this entry" },
        { path: 'sla.intake.critical', message: expect.stringContaining("Severity 'critical' does not exist") },
        {
          path: 'sla.investigation.major',
          message: "Set a deadline (in business minutes) for stage 'investigation' at severity 'major'",
        },
      ]),
    );
  });

  it('rejects an SLA for a stage that does not exist', () => {
    expect(errorsOf(input((c) => Object.assign(c.sla, { approval: { general: 60 } })))).toEqual([
      { path: 'sla.approval', message: "Unknown setting 'approval'; check the spelling or remove it" },
    ]);
  });

  it('lets tenants rename stages and switch off optional ones, but not drop or disable mandatory ones', () => {
    const renamed = input((c) => {
      Object.assign(c.stages[0] as object, { name: { 'zh-CN': '登记', en: 'Registration' } });
      Object.assign(c.stages[3] as object, { enabled: false });
    });
    expect(validateTenantConfig(renamed).ok).toBe(true);

    const errors = errorsOf(
      input((c) => {
        c.stages = c.stages.filter((stage) => stage.code !== 'handling');
        Object.assign(c.stages[0] as object, { enabled: false, optional: true });
        const [feedback, review] = [c.stages[3], c.stages[2]];
        if (feedback && review) [c.stages[2], c.stages[3]] = [feedback, review];
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'stages', message: "Stage 'handling' is missing; it is mandatory and cannot be removed" },
        { path: 'stages[0].enabled', message: expect.stringContaining("Stage 'intake' is mandatory and cannot be switched off") },
        { path: 'stages[0].optional', message: "Stage 'intake' is mandatory and cannot be marked optional" },
        { path: 'stages[3].code', message: expect.stringContaining("Stage 'review' must come before 'feedback'") },
      ]),
    );
  });

  it('checks business hours: order within an interval, overlaps, and a calendar that is never open', () => {
    const errors = errorsOf(
      input((c) => {
        c.businessCalendar.weeklyHours = {
          mon: [
            { start: '22:00', end: '06:00' },
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
          tue: [],
          wed: [],
          thu: [],
          fri: [],
          sat: [],
          sun: [],
        };
        c.businessCalendar.workdays = ['2026-10-01'];
      }),
    );
    expect(errors).toEqual([
      { path: 'businessCalendar.weeklyHours.mon[0].end', message: expect.stringContaining("end this day at '24:00'") },
      { path: 'businessCalendar.weeklyHours.mon[2]', message: '11:00–13:00 overlaps 09:00–12:00 on the same day' },
      { path: 'businessCalendar.workdays[0]', message: expect.stringContaining('both as a holiday and as an extra working day') },
    ]);

    const closed = errorsOf(
      input((c) => {
        c.businessCalendar.weeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
      }),
    );
    expect(closed).toContainEqual({
      path: 'businessCalendar.weeklyHours',
      message: 'The business calendar has no working hours on any weekday, so no deadline could ever be reached',
    });
  });

  it("accepts '24:00' as a closing time and rejects impossible dates", () => {
    expect(validateTenantConfig(input((c) => (c.businessCalendar.weeklyHours.sat = [{ start: '00:00', end: '24:00' }]))).ok).toBe(true);
    expect(errorsOf(input((c) => c.businessCalendar.holidays.push('2026-02-30')))).toEqual([
      { path: `businessCalendar.holidays[33]`, message: expect.stringContaining("real calendar date written 'YYYY-MM-DD'") },
    ]);
  });

  it('keeps at least one role able to configure the tenant and knows only catalogue permissions', () => {
    const errors = errorsOf(
      input((c) => {
        c.roles = c.roles.filter((role) => role.code !== 'tenant_admin');
        Object.assign(c.roles[0] as object, { permissions: ['complaint.read', 'complaint.delete'] });
      }),
    );
    expect(errors).toEqual([{ path: 'roles[0].permissions[1]', message: expect.stringContaining("the text 'complaint.delete' is not allowed here") }]);

    const locked = errorsOf(input((c) => (c.roles = c.roles.filter((role) => role.code !== 'tenant_admin'))));
    expect(locked).toEqual([{ path: 'roles', message: expect.stringContaining("No role has the 'tenant.configure' permission") }]);
  });

  it('checks notification templates for unknown placeholders, missing subjects and duplicates', () => {
    const errors = errorsOf(
      input((c) => {
        const email = c.notificationTemplates.find((t) => t.channel === 'email');
        const sms = c.notificationTemplates.find((t) => t.channel === 'sms');
        if (!email || !sms) throw new Error('default templates missing');
        email.body = 'Dear {{customerName}}, order {{orderId}}';
        delete email.subject;
        sms.subject = 'Hello';
        c.notificationTemplates.push({ ...sms, subject: undefined });
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'notificationTemplates[0].subject', message: 'An email template needs a subject' },
        { path: 'notificationTemplates[0].body', message: expect.stringContaining('Unknown placeholder {{orderId}}') },
        { path: 'notificationTemplates[1].subject', message: 'SMS messages have no subject; remove it' },
        { path: `notificationTemplates[${defaultTenantConfig().notificationTemplates.length}]`, message: expect.stringContaining('already exists') },
      ]),
    );
  });

  it('rejects an empty routing criterion as ambiguous and a malformed user email', () => {
    const errors = errorsOf(
      input((c) => {
        c.routingRules[0] = { ...c.routingRules[0], match: { severities: [] }, target: { user: 'boss' } };
      }),
    );
    expect(errors).toEqual([
      { path: 'routingRules[0].match.severities', message: expect.stringContaining('an empty list is ambiguous') },
      { path: 'routingRules[0].target.user', message: 'Must be the email address of a staff user, like name@example.com' },
    ]);
  });

  it('rejects non-object input with a root-level error', () => {
    expect(errorsOf('hello')).toEqual([{ path: '', message: "Expected a group of settings, but got the text 'hello'" }]);
  });
});
