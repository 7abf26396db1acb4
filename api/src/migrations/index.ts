import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000000_foundation } from './Migration20261123000000_foundation';
import { Migration20261124000001_lifecycle_outboxes } from './Migration20261124000001_lifecycle_outboxes';
import { Migration20261125000000_live_portal } from './Migration20261125000000_live_portal';
import { Migration20261126000000_analytics_knowledge } from './Migration20261126000000_analytics_knowledge';
import { Migration20261127000000_intake_tail_tuning } from './Migration20261127000000_intake_tail_tuning';
import { Migration20261128000000_notifications_webhooks } from './Migration20261128000000_notifications_webhooks';
import { Migration20261129100000_analytics_weekly } from './Migration20261129100000_analytics_weekly';
import { Migration20261130000000_complaint_ms_timestamps } from './Migration20261130000000_complaint_ms_timestamps';
import { Migration20261201000000_staff_session } from './Migration20261201000000_staff_session';
import { Migration20261202000000_intake_number_and_customer } from './Migration20261202000000_intake_number_and_customer';
import { Migration20261203000000_planned_once } from './Migration20261203000000_planned_once';
import { Migration20261204000000_idempotency_lookup_per_call } from './Migration20261204000000_idempotency_lookup_per_call';
import { Migration20261205000000_operations_status } from './Migration20261205000000_operations_status';
import { Migration20261205000700_webhook_secrets_sealed } from './Migration20261205000700_webhook_secrets_sealed';
import { Migration20261205003000_staff_session_rotation } from './Migration20261205003000_staff_session_rotation';
import { Migration20261205003100_rate_limits } from './Migration20261205003100_rate_limits';
import { Migration20261206100000_notification_rendered_text } from './Migration20261206100000_notification_rendered_text';
import { Migration20261206300000_triage_models } from './Migration20261206300000_triage_models';
import { Migration20261206400000_operator_audit } from './Migration20261206400000_operator_audit';
import { Migration20261206900000_number_search } from './Migration20261206900000_number_search';
import { Migration20261207000000_relay_failed_starts } from './Migration20261207000000_relay_failed_starts';
import { Migration20261208000000_lifecycle_view } from './Migration20261208000000_lifecycle_view';
import { Migration20261208100000_signal_outbox } from './Migration20261208100000_signal_outbox';
import { Migration20261209000000_attachment_uploads } from './Migration20261209000000_attachment_uploads';

/** Every migration in order. Never rewrite one that has been committed; add a new one. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123000000_foundation', class: Migration20261123000000_foundation },
  { name: 'Migration20261124000001_lifecycle_outboxes', class: Migration20261124000001_lifecycle_outboxes },
  { name: 'Migration20261125000000_live_portal', class: Migration20261125000000_live_portal },
  { name: 'Migration20261126000000_analytics_knowledge', class: Migration20261126000000_analytics_knowledge },
  { name: 'Migration20261127000000_intake_tail_tuning', class: Migration20261127000000_intake_tail_tuning },
  { name: 'Migration20261128000000_notifications_webhooks', class: Migration20261128000000_notifications_webhooks },
  { name: 'Migration20261129100000_analytics_weekly', class: Migration20261129100000_analytics_weekly },
  { name: 'Migration20261130000000_complaint_ms_timestamps', class: Migration20261130000000_complaint_ms_timestamps },
  { name: 'Migration20261201000000_staff_session', class: Migration20261201000000_staff_session },
  { name: 'Migration20261202000000_intake_number_and_customer', class: Migration20261202000000_intake_number_and_customer },
  { name: 'Migration20261203000000_planned_once', class: Migration20261203000000_planned_once },
  { name: 'Migration20261204000000_idempotency_lookup_per_call', class: Migration20261204000000_idempotency_lookup_per_call },
  { name: 'Migration20261205000000_operations_status', class: Migration20261205000000_operations_status },
  { name: 'Migration20261205000700_webhook_secrets_sealed', class: Migration20261205000700_webhook_secrets_sealed },
  { name: 'Migration20261205003000_staff_session_rotation', class: Migration20261205003000_staff_session_rotation },
  { name: 'Migration20261205003100_rate_limits', class: Migration20261205003100_rate_limits },
  { name: 'Migration20261206100000_notification_rendered_text', class: Migration20261206100000_notification_rendered_text },
  { name: 'Migration20261206300000_triage_models', class: Migration20261206300000_triage_models },
  { name: 'Migration20261206400000_operator_audit', class: Migration20261206400000_operator_audit },
  { name: 'Migration20261206900000_number_search', class: Migration20261206900000_number_search },
  { name: 'Migration20261207000000_relay_failed_starts', class: Migration20261207000000_relay_failed_starts },
  { name: 'Migration20261208000000_lifecycle_view', class: Migration20261208000000_lifecycle_view },
  { name: 'Migration20261208100000_signal_outbox', class: Migration20261208100000_signal_outbox },
  { name: 'Migration20261209000000_attachment_uploads', class: Migration20261209000000_attachment_uploads },
];

export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map((m) => m.name);
