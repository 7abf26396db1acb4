import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType('WebhookSubscription', { description: 'A tenant URL that receives signed timeline events' })
export class WebhookSubscription {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => [String], { description: "Timeline event kinds, e.g. complaint.acknowledged; '*' for all" })
  eventKinds!: string[];

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('CreatedWebhookSubscription')
export class CreatedWebhookSubscription {
  @Field(() => WebhookSubscription)
  subscription!: WebhookSubscription;

  @Field(() => String, { description: 'The HMAC-SHA256 signing secret; shown once, never readable again' })
  secret!: string;
}

@ObjectType('WebhookDeliveryAttempt')
export class WebhookDeliveryAttempt {
  @Field(() => Int)
  attempt!: number;

  @Field(() => Boolean)
  replay!: boolean;

  @Field(() => Int, { nullable: true })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => String, { nullable: true, description: 'A short excerpt of the answer: at most 200 characters, control characters removed' })
  responseBody!: string | null;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('WebhookDelivery', { description: 'One event sent (or to be sent) to one subscription' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  subscriptionId!: string;

  @Field(() => String)
  eventKind!: string;

  @Field(() => GraphQLJSONObject)
  payload!: Record<string, unknown>;

  @Field(() => String, { description: 'pending, delivered or failed (retries used up)' })
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Date, { nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => [WebhookDeliveryAttempt])
  attemptLog!: WebhookDeliveryAttempt[];
}

@InputType()
export class CreateWebhookInput {
  @Field(() => String)
  url!: string;

  @Field(() => [String])
  eventKinds!: string[];

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [String], { nullable: true })
  eventKinds?: string[] | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}
