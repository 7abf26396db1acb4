import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('NotificationDeliveryAttempt', { description: 'One message on one channel in one attempt' })
export class NotificationDeliveryAttempt {
  @Field(() => Int)
  attempt!: number;

  @Field(() => String, { description: 'email, sms, push, or none when nothing was sent' })
  channel!: string;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'The outbox dedupe key plus channel: the id providers see' })
  messageId!: string | null;

  @Field(() => String, { description: 'sent, logged (no provider configured), failed or skipped' })
  status!: string;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => String, { nullable: true })
  providerResponse!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The subject as rendered for this recipient and channel (email); none for SMS, push or a skipped attempt',
  })
  subject!: string | null;

  @Field(() => String, { nullable: true, description: 'The text as rendered for this recipient and channel; none for a skipped attempt' })
  body!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('ComplaintNotification', { description: 'A message the lifecycle decided to send, and how its delivery went' })
export class ComplaintNotification {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => String)
  recipientKind!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Set when the retries were used up' })
  givenUpAt!: Date | null;

  @Field(() => Date, { nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => [NotificationDeliveryAttempt])
  deliveries!: NotificationDeliveryAttempt[];
}
