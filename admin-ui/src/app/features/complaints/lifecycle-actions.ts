import type { TypedDocumentNode } from '@apollo/client';
import {
  AcknowledgeComplaintDocument,
  ApproveSolutionDocument,
  ArchiveComplaintDocument,
  type CompensationType,
  type LifecycleAction,
  type LifecyclePayloadFragment,
  ProposeSolutionDocument,
  RecordFindingsDocument,
  RecordCustomerResponseDocument,
  RecordFollowUpDocument,
  RejectSolutionDocument,
  ReopenComplaintDocument,
  SendFeedbackDocument,
  StartInvestigationDocument,
} from '../../graphql/generated';

/** The actions this panel offers (assign has its own form). */
export type ActionName = Exclude<LifecycleAction, 'assign'>;

export interface ActionForm {
  note: string;
  reason: string;
  findings: string;
  message: string;
  text: string;
  compensationType: CompensationType;
  compensationAmount: string;
  accepted: boolean;
  rating: number | null;
  comment: string;
}

/** Keyed by the schema's enum, so a compensation type added there fails to compile here; the select keeps this order. */
const OFFERED_COMPENSATION: Record<CompensationType, true> = { none: true, refund: true, voucher: true, replacement: true, repair: true, other: true };
export const COMPENSATION_TYPES = Object.keys(OFFERED_COMPENSATION) as CompensationType[];

export function emptyForm(): ActionForm {
  return {
    note: '',
    reason: '',
    findings: '',
    message: '',
    text: '',
    compensationType: 'none',
    compensationAmount: '0',
    accepted: true,
    rating: null,
    comment: '',
  };
}

/**
 * The form fields each action shows, in the order the panel offers the actions; `required` ones must be
 * filled before it can be sent.
 */
export const ACTION_FIELDS: Record<ActionName, { fields: (keyof ActionForm)[]; required: (keyof ActionForm)[] }> = {
  acknowledge: { fields: ['note'], required: [] },
  startInvestigation: { fields: ['note'], required: [] },
  recordFindings: { fields: ['findings'], required: ['findings'] },
  proposeSolution: { fields: ['text', 'compensationType', 'compensationAmount'], required: ['text', 'compensationAmount'] },
  approve: { fields: ['note'], required: [] },
  reject: { fields: ['reason'], required: ['reason'] },
  sendFeedback: { fields: ['message'], required: ['message'] },
  customerResponse: { fields: ['accepted', 'rating', 'comment', 'reason'], required: [] },
  recordFollowUp: { fields: ['note', 'rating'], required: ['note'] },
  archive: { fields: ['note'], required: [] },
  reopen: { fields: ['reason'], required: ['reason'] },
};

/** Which fields are missing for `action`; the customer's answer needs a rating to accept and a reason to reject. */
export function missingFields(action: ActionName, form: ActionForm): (keyof ActionForm)[] {
  const missing = ACTION_FIELDS[action].required.filter((field) => String(form[field] ?? '').trim() === '');
  if (action === 'customerResponse') {
    if (form.accepted && !form.rating) missing.push('rating');
    if (!form.accepted && !form.reason.trim()) missing.push('reason');
  }
  if (action === 'proposeSolution' && !/^\d+(\.\d{1,2})?$/.test(form.compensationAmount.trim())) {
    if (!missing.includes('compensationAmount')) missing.push('compensationAmount');
  }
  return missing;
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

/** The mutation and variables that carry out `action` on complaint `id`. */
export function actionRequest(
  action: ActionName,
  id: string,
  form: ActionForm,
): { mutation: TypedDocumentNode<Record<string, LifecyclePayloadFragment>, Record<string, unknown>>; variables: Record<string, unknown> } {
  const m = <T>(doc: T) => doc as unknown as TypedDocumentNode<Record<string, LifecyclePayloadFragment>, Record<string, unknown>>;
  switch (action) {
    case 'acknowledge':
      return { mutation: m(AcknowledgeComplaintDocument), variables: { id, note: orNull(form.note) } };
    case 'startInvestigation':
      return { mutation: m(StartInvestigationDocument), variables: { id, note: orNull(form.note) } };
    case 'recordFindings':
      return { mutation: m(RecordFindingsDocument), variables: { id, findings: form.findings.trim() } };
    case 'proposeSolution':
      return {
        mutation: m(ProposeSolutionDocument),
        variables: {
          id,
          input: { text: form.text.trim(), compensationType: form.compensationType, compensationAmount: form.compensationAmount.trim() || '0' },
        },
      };
    case 'approve':
      return { mutation: m(ApproveSolutionDocument), variables: { id, note: orNull(form.note) } };
    case 'reject':
      return { mutation: m(RejectSolutionDocument), variables: { id, reason: form.reason.trim() } };
    case 'sendFeedback':
      return { mutation: m(SendFeedbackDocument), variables: { id, message: form.message.trim() } };
    case 'customerResponse':
      return {
        mutation: m(RecordCustomerResponseDocument),
        variables: {
          id,
          input: {
            accepted: form.accepted,
            rating: form.rating,
            comment: orNull(form.comment),
            reason: form.accepted ? null : orNull(form.reason),
          },
        },
      };
    case 'recordFollowUp':
      return { mutation: m(RecordFollowUpDocument), variables: { id, note: form.note.trim(), rating: form.rating } };
    case 'archive':
      return { mutation: m(ArchiveComplaintDocument), variables: { id, note: orNull(form.note) } };
    case 'reopen':
      return { mutation: m(ReopenComplaintDocument), variables: { id, reason: form.reason.trim() } };
  }
}

/** allowedActions in panel order, without the ones this panel does not offer (assign has its own form). */
export function offeredActions(allowed: readonly LifecycleAction[]): ActionName[] {
  return (Object.keys(ACTION_FIELDS) as ActionName[]).filter((action) => allowed.includes(action));
}
