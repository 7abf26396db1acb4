import type { Locale, LocalizedText } from '../schema/localized-text';
import { NOTIFICATION_EVENTS, type NotificationEvent, type NotificationTemplate } from '../schema/notification-template';

interface EventWording {
  subject: LocalizedText;
  email: LocalizedText;
  sms: LocalizedText;
}

/** Wording per event; customer-facing events speak to the complainant, sla.* to the assigned staff. */
const WORDING: Partial<Record<NotificationEvent, EventWording>> = {
  'complaint.accepted': {
    subject: { 'zh-CN': '投诉 {{number}} 已受理', en: 'Complaint {{number}} received' },
    email: {
      'zh-CN': '{{customerName}}，您好：\n\n您的投诉 {{number}} 已受理，预计 {{dueAt}} 前给出方案。您可随时在此查看进度：{{portalUrl}}',
      en: 'Dear {{customerName}},\n\nYour complaint {{number}} has been received. We will propose a solution by {{dueAt}}. Follow its progress at {{portalUrl}}',
    },
    sms: {
      'zh-CN': '您的投诉 {{number}} 已受理，预计 {{dueAt}} 前给出方案。',
      en: 'Complaint {{number}} received; a solution is due by {{dueAt}}.',
    },
  },
  'solution.proposed': {
    subject: { 'zh-CN': '投诉 {{number}} 的处理方案', en: 'A solution for complaint {{number}}' },
    email: {
      'zh-CN': '{{customerName}}，您好：\n\n针对您的投诉 {{number}}，我们的处理方案如下：\n{{solution}}\n\n请在此确认并评价：{{portalUrl}}',
      en: 'Dear {{customerName}},\n\nFor your complaint {{number}} we propose:\n{{solution}}\n\nPlease confirm and rate it at {{portalUrl}}',
    },
    sms: {
      'zh-CN': '您的投诉 {{number}} 已有处理方案，请点击确认：{{portalUrl}}',
      en: 'A solution for complaint {{number}} is ready; please confirm: {{portalUrl}}',
    },
  },
  'complaint.closed': {
    subject: { 'zh-CN': '投诉 {{number}} 已办结', en: 'Complaint {{number}} closed' },
    email: {
      'zh-CN': '{{customerName}}，您好：\n\n您的投诉 {{number}} 已办结，感谢您的反馈。',
      en: 'Dear {{customerName}},\n\nYour complaint {{number}} is now closed. Thank you for telling us.',
    },
    sms: { 'zh-CN': '您的投诉 {{number}} 已办结，感谢您的反馈。', en: 'Complaint {{number}} is closed. Thank you.' },
  },
  'followup.survey': {
    subject: { 'zh-CN': '请评价投诉 {{number}} 的处理', en: 'How did we handle complaint {{number}}?' },
    email: {
      'zh-CN': '{{customerName}}，您好：\n\n请花一分钟评价我们对投诉 {{number}} 的处理：{{surveyUrl}}',
      en: 'Dear {{customerName}},\n\nPlease take a minute to rate how we handled complaint {{number}}: {{surveyUrl}}',
    },
    sms: {
      'zh-CN': '请评价投诉 {{number}} 的处理：{{surveyUrl}}',
      en: 'Please rate how we handled complaint {{number}}: {{surveyUrl}}',
    },
  },
  'sla.reminder': {
    subject: { 'zh-CN': '提醒：投诉 {{number}} 即将超时', en: 'Reminder: complaint {{number}} is due soon' },
    email: {
      'zh-CN': '{{assigneeName}}，投诉 {{number}}（{{severity}}）的“{{stage}}”环节将于 {{dueAt}} 到期。',
      en: '{{assigneeName}}, the {{stage}} stage of complaint {{number}} ({{severity}}) is due at {{dueAt}}.',
    },
    sms: {
      'zh-CN': '投诉 {{number}} 的“{{stage}}”环节将于 {{dueAt}} 到期。',
      en: 'Complaint {{number}}: {{stage}} is due at {{dueAt}}.',
    },
  },
  'sla.breached': {
    subject: { 'zh-CN': '超时：投诉 {{number}}', en: 'Overdue: complaint {{number}}' },
    email: {
      'zh-CN': '投诉 {{number}}（{{severity}}）的“{{stage}}”环节已于 {{dueAt}} 超时，已升级至 {{teamName}}。',
      en: 'The {{stage}} stage of complaint {{number}} ({{severity}}) passed its deadline at {{dueAt}} and was escalated to {{teamName}}.',
    },
    sms: {
      'zh-CN': '投诉 {{number}} 的“{{stage}}”环节已超时。',
      en: 'Complaint {{number}}: {{stage}} is overdue.',
    },
  },
};

const LOCALE_ORDER: readonly Locale[] = ['zh-CN', 'en'];

/**
 * Email and SMS templates in both locales for the events above. The signature closes every email; SMS
 * gets the tenant name in brackets, the customary sender tag (签名) for Chinese SMS.
 */
export function standardNotificationTemplates(signature: LocalizedText): NotificationTemplate[] {
  return NOTIFICATION_EVENTS.flatMap((event) => {
    const wording = WORDING[event];
    if (!wording) return [];
    return LOCALE_ORDER.flatMap((locale): NotificationTemplate[] => [
      {
        event,
        channel: 'email',
        locale,
        subject: wording.subject[locale],
        body: `${wording.email[locale]}\n\n${signature[locale]}`,
      },
      { event, channel: 'sms', locale, body: `【{{tenantName}}】${wording.sms[locale]}` },
    ]);
  });
}
