import { placeholdersIn } from '../notifications/render-template';
import { TEMPLATE_PLACEHOLDERS } from '../schema/notification-template';
import type { TenantConfig } from '../schema/tenant-config';
import { type ConfigProblem, duplicateProblems } from './config-problem';

const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(TEMPLATE_PLACEHOLDERS);

function placeholderProblems(text: string | undefined, path: (string | number)[]): ConfigProblem[] {
  const unknown = placeholdersIn(text ?? '').filter((name) => !KNOWN_PLACEHOLDERS.has(name));
  return unknown.map((name) => ({
    path,
    message: `Unknown placeholder {{${name}}}; available placeholders are ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
  }));
}

export function templateProblems(config: TenantConfig): ConfigProblem[] {
  const templates = config.notificationTemplates;
  const problems = duplicateProblems(
    templates,
    (template) => `${template.event} / ${template.channel} / ${template.locale}`,
    (index) => ['notificationTemplates', index],
    (key, first) => `A template for ${key} already exists at notificationTemplates[${first}]; keep only one`,
  );
  templates.forEach((template, index) => {
    const path = ['notificationTemplates', index];
    if (template.channel === 'email' && template.subject === undefined) {
      problems.push({ path: [...path, 'subject'], message: 'An email template needs a subject' });
    }
    if (template.channel === 'sms' && template.subject !== undefined) {
      problems.push({ path: [...path, 'subject'], message: 'SMS messages have no subject; remove it' });
    }
    problems.push(...placeholderProblems(template.subject, [...path, 'subject']));
    problems.push(...placeholderProblems(template.body, [...path, 'body']));
  });
  return problems;
}
