import { COMPLAINT_STATUSES, type ComplaintStatusCode } from '@complaints/tenant-config';
import { closedSetMembers } from '../platform/closed-set';

/** A complaint's status for domain code (`ComplaintStatus.OPEN`); GraphQL registers the same set as `ComplaintStatusEnum`. */
export const ComplaintStatus = closedSetMembers(COMPLAINT_STATUSES);
export type ComplaintStatus = ComplaintStatusCode;
