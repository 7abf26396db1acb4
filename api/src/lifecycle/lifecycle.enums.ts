import { COMPENSATION_TYPES, LIFECYCLE_ACTION_NAMES } from '@complaints/tenant-config/lifecycle-contract';
import { closedSetEnum } from '../platform/graphql/closed-set-enum';

export const LifecycleActionEnum = closedSetEnum(LIFECYCLE_ACTION_NAMES, 'LifecycleAction', 'An action on a complaint, as `allowedActions` names it');
export const CompensationTypeEnum = closedSetEnum(COMPENSATION_TYPES, 'CompensationType');
