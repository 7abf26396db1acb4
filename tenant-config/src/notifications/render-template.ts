import type { NotificationTemplate } from '../schema/notification-template';

/** `{{number}}`, tolerating inner spaces (`{{ number }}`) because admins type them both ways. */
const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export type TemplateValues = Readonly<Record<string, string | number>>;

export interface RenderedNotification {
  subject?: string;
  body: string;
  /** Placeholders with no value supplied; they are left in the text verbatim so the gap is visible. */
  unknownPlaceholders: string[];
}

/** Distinct placeholder names in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER_PATTERN), (match) => match[1]))];
}

/**
 * Fills `{{placeholders}}` from `values`. The output is plain text: callers that embed it in HTML must
 * escape it, since customer names are user input. Dates arrive preformatted in the recipient's locale.
 */
export function renderTemplate(template: Pick<NotificationTemplate, 'subject' | 'body'>, values: TemplateValues): RenderedNotification {
  const unknown = new Set<string>();
  const fill = (text: string) =>
    text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
      const value = Object.hasOwn(values, name) ? values[name] : undefined;
      if (value === undefined) {
        unknown.add(name);
        return whole;
      }
      return String(value);
    });
  const subject = template.subject === undefined ? undefined : fill(template.subject);
  const body = fill(template.body);
  return { ...(subject === undefined ? {} : { subject }), body, unknownPlaceholders: [...unknown] };
}
