import { CHANNELS, flattenCategories, type TenantConfig } from '@complaints/tenant-config';
import type { FieldError } from '../platform/errors';
import { isEmail, isUuid } from '../platform/ids';
import { MAX_INTAKE_ATTACHMENTS } from './attachment.service';
import type { SubmitComplaintInput } from './complaint.inputs';

const LOCALES = ['zh-CN', 'en'];
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const LIMITS = { subject: 200, description: 20_000, ref: 200 } as const;

/** Every problem with a submission, each with the input path it belongs to. */
export function validateSubmission(input: SubmitComplaintInput, config: TenantConfig): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path: `input.${path}`, message });

  if (!(CHANNELS as readonly string[]).includes(input.channel)) {
    fail('channel', `Unknown channel "${input.channel}"; use one of ${CHANNELS.join(', ')}`);
  }
  if (input.categoryCode != null) {
    const category = flattenCategories(config.categories).find((c) => c.code === input.categoryCode);
    if (!category) fail('categoryCode', `Unknown category "${input.categoryCode}"`);
    else if (category.retired) fail('categoryCode', `Category "${input.categoryCode}" is retired`);
  }
  if (input.severity != null && !config.severities.some((s) => s.code === input.severity)) {
    fail('severity', `Unknown severity "${input.severity}"`);
  }
  if (!input.subject.trim()) fail('subject', 'Subject is required');
  if (input.subject.length > LIMITS.subject) fail('subject', `Subject is longer than ${LIMITS.subject} characters`);
  if (!input.description.trim()) fail('description', 'Description is required');
  if (input.description.length > LIMITS.description) fail('description', `Description is longer than ${LIMITS.description} characters`);
  for (const ref of ['productRef', 'orderRef', 'expectedResolution'] as const) {
    if ((input[ref]?.length ?? 0) > LIMITS.ref * 10) fail(ref, `${ref} is too long`);
  }
  if (input.amountClaimed != null && !AMOUNT.test(input.amountClaimed)) {
    fail('amountClaimed', 'Amount must be a non-negative decimal with at most two decimals, e.g. "199.00"');
  }
  if (input.locale != null && !LOCALES.includes(input.locale)) fail('locale', `Locale must be one of ${LOCALES.join(', ')}`);
  const uploads = input.attachmentIds ?? [];
  if (uploads.length > MAX_INTAKE_ATTACHMENTS) fail('attachmentIds', `At most ${MAX_INTAKE_ATTACHMENTS} attachments per complaint`);
  uploads.forEach((id, i) => {
    if (!isUuid(id)) fail(`attachmentIds.${i}`, 'Not an upload id');
    else if (uploads.indexOf(id) !== i) fail(`attachmentIds.${i}`, 'The same upload is named twice');
  });

  if (input.customer) {
    if (!input.customer.name.trim()) fail('customer.name', 'Customer name is required');
    if (input.customer.email && !isEmail(input.customer.email)) fail('customer.email', 'Not an email address');
    if (input.customer.tier != null && !config.customerTiers.some((t) => t.code === input.customer?.tier)) {
      fail('customer.tier', `Unknown customer tier "${input.customer.tier}"`);
    }
  } else {
    const contact = input.contact;
    if (!contact?.email && !contact?.phone) {
      fail('contact', 'An anonymous complaint needs a contact email or phone so we can answer');
    }
    if (contact?.email && !isEmail(contact.email)) fail('contact.email', 'Not an email address');
  }
  return errors;
}
