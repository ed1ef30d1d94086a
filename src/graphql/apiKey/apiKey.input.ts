import { IsIn, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ROLES } from '../../auth/policy';
import { ApiRole } from './apiKey.type';

@InputType({ description: 'A new API key; a CUSTOMER key names its customer (userId), no other role does' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for (an integration, a person), shown in listings' })
  @Length(1, 100)
  name!: string;

  @Field(() => ApiRole)
  @IsIn(ROLES)
  role!: ApiRole;

  @Field(() => ID, { nullable: true })
  @Length(1, 64)
  userId?: string | null;
}
