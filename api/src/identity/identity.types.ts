import { Field, InputType, ObjectType } from 'type-graphql';
import { TenantType } from '../tenant/tenant.types';
import { ApiKeyType } from './api-key.types';
import { UserType } from './user.types';

@ObjectType()
export class AuthPayload {
  @Field(() => String)
  accessToken!: string;

  @Field(() => String)
  refreshToken!: string;

  @Field(() => UserType)
  user!: UserType;
}

@ObjectType()
export class Me {
  @Field(() => String, { description: 'user or api_key' })
  kind!: string;

  @Field(() => UserType, { nullable: true })
  user!: UserType | null;

  @Field(() => TenantType)
  tenant!: TenantType;

  @Field(() => [String])
  permissions!: string[];
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;

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
