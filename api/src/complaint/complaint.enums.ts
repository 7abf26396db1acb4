import { ACTOR_TYPES, CHANNELS, COMPLAINT_STATUSES, DEFAULT_STAGE_ORDER } from '@complaints/tenant-config';
import { closedSetEnum } from '../platform/graphql/closed-set-enum';

/** The closed sets a complaint's fields hold, as GraphQL enums (registered when this module loads). */
export const ComplaintStageEnum = closedSetEnum(DEFAULT_STAGE_ORDER, 'ComplaintStage', 'A lifecycle stage, in lifecycle order');
export const ChannelEnum = closedSetEnum(CHANNELS, 'Channel', 'Where a complaint came in');
export const ActorTypeEnum = closedSetEnum(ACTOR_TYPES, 'ActorType', 'Who wrote a timeline event or comment');
export const ComplaintStatusEnum = closedSetEnum(COMPLAINT_STATUSES, 'ComplaintStatus');
