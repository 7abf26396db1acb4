import { Attachment } from '../complaint/attachment.entity';
import { Comment } from '../complaint/comment.entity';
import { Complaint } from '../complaint/complaint.entity';
import { ComplaintEvent } from '../complaint/complaint-event.entity';
import { Customer } from '../complaint/customer.entity';
import { ApiKey } from '../identity/api-key.entity';
import { Team } from '../identity/team.entity';
import { User } from '../identity/user.entity';
import { Tenant, TenantConfigVersion } from '../tenant/tenant.entity';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { PlatformOperator } from '../operator/platform-operator.entity';
import { TenantInvitation } from '../operator/tenant-invitation.entity';

export const ENTITIES = [
  TenantScoped,
  Tenant,
  TenantConfigVersion,
  User,
  Team,
  ApiKey,
  Customer,
  Complaint,
  ComplaintEvent,
  Comment,
  Attachment,
  PlatformOperator,
  TenantInvitation,
  AuditEntry,
];
