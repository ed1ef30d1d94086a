import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ApiRole } from '../../store/generated/sqlite/enums';

registerEnumType(ApiRole, {
  name: 'ApiRole',
  description: 'What an API key may do: CUSTOMER (one customer\'s own data), ADVISOR (read customers, recommendations, audits), PARTNER (catalog, event ingest; no customer reads), ADMIN (everything)',
});

export { ApiRole };

@ObjectType({ description: 'An API key, as listed: never its secret or hash' })
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'What it is for, e.g. "crm"' })
  name!: string;

  @Field({ description: 'Public start of the key (frk_…), to tell keys apart; env_… for FINREC_ADMIN_KEY' })
  prefix!: string;

  @Field(() => ApiRole)
  role!: ApiRole;

  @Field(() => ID, { name: 'userId', nullable: true, description: 'The customer a CUSTOMER key acts for' })
  customerId!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Null while the key works' })
  revokedAt!: Date | null;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field({ description: 'The key to send as `Authorization: Bearer <secret>`. Shown this once: only its hash is stored' })
  secret!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}
