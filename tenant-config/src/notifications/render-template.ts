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

/** A text opening with `{{name}}` and a comma (`{{assigneeName}}，…`, `{{customerName}}, …`). */
const LEADING_SALUTATION = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}\s*[，,、]\s*/;

/** A salutation whose name is empty (a staff member without a display name) is left out rather than leaving "，…". */
function dropEmptySalutation(text: string, values: TemplateValues, fill: (text: string) => string): string {
  const salutation = LEADING_SALUTATION.exec(text);
  const name = salutation ? values[salutation[1]] : undefined;
  return salutation && name !== undefined && String(name).trim() === '' ? fill(text.slice(salutation[0].length)) : fill(text);
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
  const subject = template.subject === undefined ? undefined : dropEmptySalutation(template.subject, values, fill);
  const body = dropEmptySalutation(template.body, values, fill);
  return { ...(subject === undefined ? {} : { subject }), body, unknownPlaceholders: [...unknown] };
}
