import type { SubmitComplaintInput } from '../../graphql/generated';

export interface IntakeForm {
  channel: string;
  anonymous: boolean;
  customerName: string;
  phone: string;
  email: string;
  tier: string;
  externalId: string;
  categoryCode: string;
  severity: string;
  subject: string;
  description: string;
  expectedResolution: string;
  orderRef: string;
  amountClaimed: string;
  locale: string;
}

export function emptyIntake(locale = 'zh-CN'): IntakeForm {
  return {
    channel: 'phone',
    anonymous: false,
    customerName: '',
    phone: '',
    email: '',
    tier: '',
    externalId: '',
    categoryCode: '',
    severity: '',
    subject: '',
    description: '',
    expectedResolution: '',
    orderRef: '',
    amountClaimed: '',
    locale,
  };
}

export type IntakeProblem = 'subject' | 'description' | 'customerName' | 'contact' | 'amountClaimed' | 'email';

/** What the clerk still has to fill in before the complaint can be recorded. */
export function intakeProblems(form: IntakeForm): IntakeProblem[] {
  const problems: IntakeProblem[] = [];
  if (!form.subject.trim()) problems.push('subject');
  if (!form.description.trim()) problems.push('description');
  if (!form.anonymous && !form.customerName.trim()) problems.push('customerName');
  if (!form.phone.trim() && !form.email.trim()) problems.push('contact');
  if (form.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(form.email.trim())) problems.push('email');
  if (form.amountClaimed.trim() && !/^\d+(\.\d{1,2})?$/.test(form.amountClaimed.trim())) problems.push('amountClaimed');
  return problems;
}

const opt = (value: string) => (value.trim() ? value.trim() : undefined);

/** The API input: a known customer, or for an anonymous caller only a way to reach them. */
export function toSubmitInput(form: IntakeForm): SubmitComplaintInput {
  const contact = { phone: opt(form.phone), email: opt(form.email), name: opt(form.customerName) };
  return {
    channel: form.channel,
    subject: form.subject.trim(),
    description: form.description.trim(),
    locale: form.locale,
    categoryCode: opt(form.categoryCode),
    severity: opt(form.severity),
    expectedResolution: opt(form.expectedResolution),
    orderRef: opt(form.orderRef),
    amountClaimed: opt(form.amountClaimed),
    ...(form.anonymous
      ? { contact }
      : {
          customer: {
            name: form.customerName.trim(),
            phone: contact.phone,
            email: contact.email,
            tier: opt(form.tier),
            externalId: opt(form.externalId),
          },
        }),
  };
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? `intake-${crypto.randomUUID()}`
    : `intake-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
