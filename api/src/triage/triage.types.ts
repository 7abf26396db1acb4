import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('TriageModel', { description: "A trained version of the tenant's category model, with its held-out figures" })
export class TriageModelType {
  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'category or severity' })
  field!: string;

  @Field(() => Boolean, { description: 'The version intake predicts with; rolling back activates the previous one' })
  active!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => GraphQLJSONObject, {
    description:
      'Held-out report: accuracy, macroF1, coverage at the threshold, per-label precision/recall, confused pairs, insufficient labels, stayOnSuggestions',
  })
  metrics!: Record<string, unknown>;
}

@ObjectType('TriageTrainingRun', { description: 'A training run: its outcome when it finished while the caller waited' })
export class TriageTrainingRunType {
  @Field(() => String)
  workflowId!: string;

  @Field(() => Boolean, { description: 'Still training: triageModels shows the new version once it is stored' })
  running!: boolean;

  @Field(() => Int, { nullable: true, description: 'The stored version; null while running or when no category had enough labelled complaints' })
  version!: number | null;

  @Field(() => Int, { nullable: true })
  labelledComplaints!: number | null;

  @Field(() => Float, { nullable: true })
  macroF1!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Some category has too few labelled complaints: the model only suggests' })
  stayOnSuggestions!: boolean | null;
}
