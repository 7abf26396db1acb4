import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Channel, StageCode } from '@complaints/tenant-config';
import { ChannelEnum, ComplaintStageEnum } from '../complaint/complaint.enums';

export enum AnalyticsDimension {
  NONE = 'NONE',
  CATEGORY = 'CATEGORY',
  CHANNEL = 'CHANNEL',
  SEVERITY = 'SEVERITY',
  TEAM = 'TEAM',
  AGENT = 'AGENT',
}
registerEnumType(AnalyticsDimension, { name: 'AnalyticsDimension' });

export enum AnalyticsGranularity {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(AnalyticsGranularity, { name: 'AnalyticsGranularity' });

@InputType({ description: 'Complaints filed from `from` to `to` (both inclusive, local dates YYYY-MM-DD in the tenant time zone)' })
export class AnalyticsFilter {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => String, { nullable: true, description: 'A category and its whole subtree' })
  categoryCode?: string | null;

  @Field(() => [ChannelEnum], { nullable: true })
  channels?: Channel[] | null;

  @Field(() => [String], { nullable: true })
  severities?: string[] | null;

  @Field(() => [String], { nullable: true })
  teamCodes?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'One agent; combines with teamCodes only (agents are rolled up by team)' })
  assigneeId?: string | null;
}

@ObjectType()
export class StageSla {
  @Field(() => ComplaintStageEnum)
  stage!: StageCode;

  @Field(() => Int)
  met!: number;

  @Field(() => Int)
  breached!: number;

  @Field(() => Float, { nullable: true, description: 'met / (met + breached); stages still running count in neither' })
  complianceRate!: number | null;
}

@ObjectType({ description: 'Figures for complaints filed in the period (each counted on its intake day)' })
export class ComplaintMetrics {
  @Field(() => String, { description: 'The group value (category code, channel, …); empty for no grouping or none set' })
  key!: string;

  @Field(() => Int)
  volume!: number;

  @Field(() => Float, { description: 'This group’s share of the volume of all groups returned' })
  share!: number;

  @Field(() => Int)
  firstResponded!: number;

  @Field(() => Float, { nullable: true, description: 'Business minutes from intake to first response' })
  firstResponseP50!: number | null;

  @Field(() => Float, { nullable: true })
  firstResponseP90!: number | null;

  @Field(() => Float, { nullable: true })
  firstResponseAverage!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of responded complaints answered by their first-response deadline' })
  firstResponseSlaRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Business minutes from intake to closing' })
  resolutionP50!: number | null;

  @Field(() => Float, { nullable: true })
  resolutionP90!: number | null;

  @Field(() => Float, { nullable: true })
  resolutionAverage!: number | null;

  @Field(() => Float, { nullable: true })
  resolutionSlaRate!: number | null;

  @Field(() => [StageSla])
  stageSla!: StageSla[];

  @Field(() => Int)
  closed!: number;

  @Field(() => Float, { nullable: true })
  closureRate!: number | null;

  @Field(() => Int)
  reopened!: number;

  @Field(() => Float, { nullable: true })
  reopenRate!: number | null;

  @Field(() => Int)
  secondRound!: number;

  @Field(() => Float, { nullable: true })
  secondRoundRate!: number | null;

  @Field(() => Int, { description: 'Filed by a customer who filed in the same category within the repeat window before' })
  repeated!: number;

  @Field(() => Float, { nullable: true })
  repeatRate!: number | null;

  @Field(() => Int)
  satisfactionCount!: number;

  @Field(() => Float, { nullable: true })
  satisfactionAverage!: number | null;

  @Field(() => [Int], { description: 'Ratings 1 to 5' })
  satisfactionDistribution!: number[];

  @Field(() => Int, { description: 'Still open or waiting on the customer now' })
  open!: number;
}

@ObjectType({ description: "Follow-up answers (the customer's survey or the agent's call), apart from the rating given when a solution is accepted" })
export class FollowUpSurvey {
  @Field(() => Int)
  answered!: number;

  @Field(() => Float, { nullable: true, description: 'Mean rating, 1 to 5' })
  average!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of answers rated 4 or 5 (回访满意度)' })
  satisfiedRate!: number | null;

  @Field(() => [Int], { description: 'Answers per rating, 1 to 5' })
  distribution!: number[];

  @Field(() => Float, { description: 'The satisfied share the desk aims for' })
  target!: number;
}

@ObjectType()
export class MetricsPoint {
  @Field(() => String, { description: 'First local date of the day, ISO week (Monday) or month' })
  period!: string;

  @Field(() => [ComplaintMetrics])
  groups!: ComplaintMetrics[];
}

@ObjectType()
export class AgingBucket {
  @Field(() => String)
  label!: string;

  @Field(() => Int)
  minDays!: number;

  @Field(() => Int, { nullable: true })
  maxDays!: number | null;

  @Field(() => Int)
  open!: number;
}

@ObjectType()
export class Backlog {
  @Field(() => Int)
  open!: number;

  @Field(() => Int)
  waitingOnCustomer!: number;

  @Field(() => [AgingBucket])
  aging!: AgingBucket[];
}

@ObjectType()
export class RecurringCategory {
  @Field(() => String)
  categoryCode!: string;

  @Field(() => Int)
  volume!: number;

  @Field(() => Int)
  repeated!: number;

  @Field(() => Float)
  share!: number;
}

@ObjectType({ description: 'Subjects that read alike (pg_trgm similarity), the most frequent one first' })
export class RecurringText {
  @Field(() => String)
  subject!: string;

  @Field(() => Int)
  volume!: number;

  @Field(() => [String])
  variants!: string[];
}

@ObjectType()
export class RecurringIssues {
  @Field(() => [RecurringCategory])
  byCategory!: RecurringCategory[];

  @Field(() => [RecurringText], { description: 'Honours the period and the category filter' })
  bySimilarText!: RecurringText[];
}

@ObjectType()
export class AnalyticsSettingsType {
  @Field(() => String)
  timeZone!: string;

  @Field(() => Int, { description: 'Days a complaint counts as a repeat of the same customer’s earlier one in the same category' })
  repeatWindowDays!: number;

  @Field(() => Int, { description: 'Exports with more rows than this run in the background' })
  exportAsyncRows!: number;
}
