import { defaultTenantConfig } from '../defaults/default-config';
import { findNotificationTemplate } from './find-template';
import { placeholdersIn, renderTemplate } from './render-template';

describe('renderTemplate', () => {
  it('fills placeholders in subject and body', () => {
    const rendered = renderTemplate(
      { subject: '投诉 {{number}} 已受理', body: '您的投诉 {{number}} 已受理，预计 {{dueAt}} 前给出方案' },
      { number: 'C-2026-000123', dueAt: '今天 18:00' },
    );
    expect(rendered).toEqual({
      subject: '投诉 C-2026-000123 已受理',
      body: '您的投诉 C-2026-000123 已受理，预计 今天 18:00 前给出方案',
      unknownPlaceholders: [],
    });
  });

  it('reports placeholders without a value and leaves them visible', () => {
    const rendered = renderTemplate({ body: 'Hi {{customerName}}, see {{ portalUrl }} or {{portalUrl}}' }, { number: 1 });
    expect(rendered.unknownPlaceholders).toEqual(['customerName', 'portalUrl']);
    expect(rendered.body).toBe('Hi {{customerName}}, see {{ portalUrl }} or {{portalUrl}}');
    expect(rendered).not.toHaveProperty('subject');
  });

  it('does not take values from the object prototype', () => {
    expect(renderTemplate({ body: '{{constructor}}' }, {}).unknownPlaceholders).toEqual(['constructor']);
  });

  it('renders numbers as text', () => {
    expect(renderTemplate({ body: 'round {{round}}' }, { round: 2 }).body).toBe('round 2');
  });
});

describe('placeholdersIn', () => {
  it('lists distinct names in order of appearance', () => {
    expect(placeholdersIn('{{b}} {{a}} {{ b }}')).toEqual(['b', 'a']);
  });
});

describe('a salutation without a name', () => {
  const reminder = (locale: 'zh-CN' | 'en') => findNotificationTemplate(defaultTenantConfig(), 'sla.reminder', 'email', locale)!;
  const values = { assigneeName: '', number: 'CP-1', severity: '一般', stage: '受理登记', dueAt: '明天 10:00' };

  it('leaves the salutation out instead of starting with a stray comma', () => {
    expect(renderTemplate(reminder('zh-CN'), values).body).toMatch(/^投诉 CP-1（一般）的“受理登记”环节将于/);
    expect(renderTemplate(reminder('en'), values).body).toMatch(/^the 受理登记 stage of complaint CP-1/);
  });

  it('keeps it when the name is there', () => {
    expect(renderTemplate(reminder('zh-CN'), { ...values, assigneeName: 'Lin' }).body).toMatch(/^Lin，投诉 CP-1/);
  });
});

describe('findNotificationTemplate', () => {
  const config = defaultTenantConfig();

  it('finds the template for the event, channel and locale', () => {
    expect(findNotificationTemplate(config, 'complaint.accepted', 'sms', 'en')?.body).toContain('Complaint {{number}} received');
  });

  it('returns undefined when the tenant sends nothing for that channel', () => {
    expect(findNotificationTemplate(config, 'complaint.accepted', 'push', 'zh-CN')).toBeUndefined();
  });

  it('falls back to the default locale when the requested one is missing', () => {
    const zhOnly = { ...config, notificationTemplates: config.notificationTemplates.filter((t) => t.locale === 'zh-CN') };
    expect(findNotificationTemplate(zhOnly, 'complaint.accepted', 'email', 'en')?.locale).toBe('zh-CN');
  });
});
