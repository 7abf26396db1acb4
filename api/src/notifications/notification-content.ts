import type { EntityManager } from '@mikro-orm/postgresql';
import {
  findNotificationTemplate,
  LOCALES,
  NOTIFICATION_CHANNELS,
  renderTemplate,
  type Locale,
  type NotificationEvent,
  type TenantConfig,
} from '@complaints/tenant-config';
import { formatDueTime } from './due-time';
import { pgArray } from './pg-array';
import type { OutgoingMessage } from './notification-channel';

/** A `notification_outbox` row as the lifecycle projection wrote it. */
export interface OutboxNotification {
  id: string;
  tenantId: string;
  complaintId: string;
  kind: string;
  recipientKind: 'user' | 'team' | 'team_supervisors' | 'customer';
  recipient: string | null;
  data: Record<string, unknown> | null;
  dedupeKey: string;
}

/**
 * Workflow notification kinds → the template events a tenant words. Kinds missing here (supervisor paged,
 * approval requested, solution rejected, follow-up due) have no template event yet: they are logged as
 * skipped, not silently dropped.
 */
const TEMPLATE_EVENT: Readonly<Record<string, NotificationEvent>> = {
  'complaint.acknowledged': 'complaint.accepted',
  'complaint.assigned': 'complaint.assigned',
  'feedback.sent': 'solution.proposed',
  'sla.reminder': 'sla.reminder',
  'sla.breached': 'sla.breached',
  'round.opened': 'complaint.escalated',
  'management.review': 'complaint.escalated',
  'complaint.closed': 'complaint.closed',
  'followup.survey': 'followup.survey',
};

/** The permission that makes a team member one of its supervisors (the approvers). */
const SUPERVISOR_PERMISSION = 'complaint.approve';

interface Recipient {
  key: string;
  name: string;
  email: string | null;
  phone: string | null;
  pushId: string | null;
  locale: Locale;
}

interface ComplaintRow {
  number: string;
  locale: string;
  stage: string;
  severity: string;
  round: number;
  team_code: string | null;
  assignee_id: string | null;
  customer_id: string | null;
  contact: { name?: string | null; email?: string | null; phone?: string | null } | null;
  stage_due_at: Date | string | null;
  resolution_due_at: Date | string | null;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  tenant_name: string;
}

type NotificationContent = { messages: OutgoingMessage[] } | { skipped: string };

/**
 * Who receives a notification and what each of them reads: the tenant's template for the event, channel
 * and recipient's locale (the complainant's own, staff the tenant default), due times in the tenant's zone.
 * One message per recipient × channel that has both a template and an address.
 */
export async function composeNotification(
  em: EntityManager,
  n: OutboxNotification,
  config: TenantConfig,
  opts: { now: Date; portalUrl: string },
): Promise<NotificationContent> {
  const event = TEMPLATE_EVENT[n.kind];
  if (!event) return { skipped: `no template event for notification kind ${n.kind}` };
  const [complaint] = await em.execute<ComplaintRow[]>(
    `select c.number, c.locale, c.stage, c.severity, c.round, c.team_code, c.assignee_id, c.customer_id, c.contact,
            c.stage_due_at, c.resolution_due_at, cu.name as customer_name, cu.email as customer_email,
            cu.phone as customer_phone, t.name as tenant_name
       from complaints c join tenants t on t.id = c.tenant_id left join customers cu on cu.id = c.customer_id
      where c.id = ?`,
    [n.complaintId],
  );
  if (!complaint) return { skipped: 'the complaint no longer exists' };
  const recipients = n.recipientKind === 'customer' ? [customerOf(complaint, config)] : await staffFor(em, n, config);
  if (!recipients.length) return { skipped: `no recipient for ${n.recipientKind} ${n.recipient ?? ''}`.trim() };

  const assigneeName = complaint.assignee_id ? await displayName(em, complaint.assignee_id) : null;
  const messages: OutgoingMessage[] = [];
  for (const recipient of recipients) {
    const values = templateValues(n, complaint, config, recipient, assigneeName, opts);
    for (const channel of NOTIFICATION_CHANNELS) {
      const to = channel === 'email' ? recipient.email : channel === 'sms' ? recipient.phone : recipient.pushId;
      if (!to) continue;
      const template = findNotificationTemplate(config, event, channel, recipient.locale);
      if (!template) continue;
      const rendered = renderTemplate(template, values);
      messages.push({
        channel,
        to,
        ...(rendered.subject === undefined ? {} : { subject: rendered.subject }),
        body: rendered.body,
        locale: template.locale,
        messageId: recipients.length > 1 ? `${n.dedupeKey}:${channel}:${recipient.key}` : `${n.dedupeKey}:${channel}`,
        tenantId: n.tenantId,
        kind: n.kind,
      });
    }
  }
  if (!messages.length) return { skipped: `the tenant has no template for ${event} on any channel the recipient can be reached on` };
  return { messages };
}

function localeOf(candidate: string | null | undefined, config: TenantConfig): Locale {
  return (LOCALES as readonly string[]).includes(candidate ?? '') ? (candidate as Locale) : config.defaultLocale;
}

function customerOf(c: ComplaintRow, config: TenantConfig): Recipient {
  return {
    key: c.customer_id ?? 'contact',
    name: c.contact?.name ?? c.customer_name ?? '',
    email: c.contact?.email ?? c.customer_email ?? null,
    phone: c.contact?.phone ?? c.customer_phone ?? null,
    // The app addresses pushes by the tenant's customer id; an anonymous complainant has no app identity.
    pushId: c.customer_id,
    locale: localeOf(c.locale, config),
  };
}

async function staffFor(em: EntityManager, n: OutboxNotification, config: TenantConfig): Promise<Recipient[]> {
  if (!n.recipient) return [];
  let rows: { id: string; email: string; display_name: string }[];
  if (n.recipientKind === 'user') {
    rows = await em.execute('select id, email, display_name from users where id = ? and active', [n.recipient]);
  } else {
    const supervisorRoles = config.roles.filter((r) => (r.permissions as readonly string[]).includes(SUPERVISOR_PERMISSION)).map((r) => r.code);
    const onlySupervisors = n.recipientKind === 'team_supervisors';
    rows = await em.execute(
      `select id, email, display_name from users where active and ? = any (teams) ${onlySupervisors ? 'and roles && ?::text[]' : ''} order by email`,
      onlySupervisors ? [n.recipient, pgArray(supervisorRoles)] : [n.recipient],
    );
  }
  return rows.map((u) => ({ key: u.id, name: u.display_name, email: u.email, phone: null, pushId: null, locale: config.defaultLocale }));
}

async function displayName(em: EntityManager, userId: string): Promise<string | null> {
  const [row] = await em.execute<{ display_name: string }[]>('select display_name from users where id = ?', [userId]);
  return row?.display_name ?? null;
}

function templateValues(
  n: OutboxNotification,
  c: ComplaintRow,
  config: TenantConfig,
  recipient: Recipient,
  assigneeName: string | null,
  opts: { now: Date; portalUrl: string },
): Record<string, string | number> {
  const locale = recipient.locale;
  const data = n.data ?? {};
  const stageCode = typeof data.stage === 'string' ? data.stage : c.stage;
  const dueIso = typeof data.dueAt === 'string' ? data.dueAt : null;
  // "A solution by …" for the customer is the resolution deadline; staff messages carry their stage deadline.
  // The driver hands timestamptz back as text in raw queries.
  const dueRaw = dueIso ?? (n.recipientKind === 'customer' ? (c.resolution_due_at ?? c.stage_due_at) : (c.stage_due_at ?? c.resolution_due_at));
  const due = dueRaw == null ? null : new Date(dueRaw);
  const portalUrl = `${opts.portalUrl}?complaint=${encodeURIComponent(c.number)}`;
  const teamCode = n.recipientKind === 'team' || n.recipientKind === 'team_supervisors' ? n.recipient : c.team_code;
  const values: Record<string, string | number> = {
    number: c.number,
    customerName: n.recipientKind === 'customer' ? recipient.name : (c.contact?.name ?? c.customer_name ?? ''),
    stage: config.stages.find((s) => s.code === stageCode)?.name[locale] ?? stageCode,
    severity: config.severities.find((s) => s.code === c.severity)?.name[locale] ?? c.severity,
    round: typeof data.round === 'number' ? data.round : c.round,
    assigneeName: n.recipientKind === 'user' ? recipient.name : (assigneeName ?? ''),
    teamName: config.teams.find((t) => t.code === teamCode)?.name[locale] ?? teamCode ?? '',
    solution: typeof data.message === 'string' ? data.message : '',
    portalUrl,
    surveyUrl: `${portalUrl}&survey=1`,
    tenantName: c.tenant_name,
  };
  if (due) values.dueAt = formatDueTime(due, opts.now, config.businessCalendar.timeZone, locale);
  return values;
}
