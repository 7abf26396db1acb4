import { Field, InputType, ObjectType } from 'type-graphql';
import { Tenant } from '../tenant/tenant.entity';
import { ApiKey } from './api-key.entity';
import { User } from './user.entity';

@ObjectType()
export class AuthPayload {
  @Field(() => String)
  accessToken!: string;

  @Field(() => String)
  refreshToken!: string;

  @Field(() => User)
  user!: User;
}

@ObjectType()
export class Me {
  @Field(() => String, { description: 'user or api_key' })
  kind!: string;

  @Field(() => User, { nullable: true })
  user!: User | null;

  @Field(() => Tenant)
  tenant!: Tenant;

  @Field(() => [String])
  permissions!: string[];
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field(() => String, { description: 'Shown once; only its hash is stored' })
  secret!: string;
}

@InputType()
export class CreateUserInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { description: 'At least 10 characters' })
  password!: string;

  @Field(() => [String])
  roles!: string[];

  @Field(() => [String])
  teams!: string[];
}

@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  password?: string | null;

  @Field(() => [String], { nullable: true })
  roles?: string[] | null;

  @Field(() => [String], { nullable: true })
  teams?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: 'Permissions granted to the key, e.g. complaint.create, complaint.read' })
  scopes!: string[];
}

@InputType()
export class TeamInput {
  @Field(() => String)
  nameZh!: string;

  @Field(() => String)
  nameEn!: string;
}
