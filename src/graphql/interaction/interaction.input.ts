import { Length, Matches } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import type { InteractionInput, RecordableKind } from '../../recommend/writes';
import { InteractionKind } from '../common/enums';
import { IdempotencyKey } from '../common/idempotencyKey';

@InputType({ description: 'A behavioural event. HOLD is not accepted: holdings are imported as monthly snapshots.' })
export class RecordInteractionInput implements InteractionInput {
  @Field(() => ID)
  @Length(1, 64)
  userId!: string;

  @Field(() => ID)
  @Length(1, 64)
  productId!: string;

  @Field(() => InteractionKind)
  kind!: RecordableKind;

  @Field(() => Float, { nullable: true, description: 'RATING: 1–5; otherwise optional (e.g. an amount)' })
  value?: number | null;

  @Field(() => Date, { nullable: true, description: 'Defaults to now' })
  occurredAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Defaults to "api"; "feedback" and "import:…" are reserved for FinRec\'s own writers' })
  @Matches(/^[a-z0-9][a-z0-9:._-]{0,39}$/, { message: 'source must be 1–40 lower-case letters, digits, ":", ".", "_" or "-"' })
  source?: string | null;

  @Field(() => String, { nullable: true, description: 'The same key twice for one user is one event (keys are per user): a retry with the same event returns the stored one and writes nothing; the same key with another event is refused' })
  @IdempotencyKey()
  idempotencyKey?: string | null;
}
