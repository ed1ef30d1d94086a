import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { MAX_BATCH } from '../../ingest/events/ingestInteractions';
import { RecordInteractionInput } from './interaction.input';

const BATCH_RULE = `events must hold 1 to ${MAX_BATCH} events; split a larger batch`;

@InputType({ description: `A partner's batch of behavioural events, written all or nothing (at most ${MAX_BATCH.toLocaleString('en-US')})` })
export class IngestInteractionsInput {
  // Each event is validated by the resolver, not here, so that every bad event is reported at once.
  @Field(() => [RecordInteractionInput], { description: 'Each like recordInteraction\'s input; an idempotencyKey makes retrying the batch safe' })
  @ArrayMinSize(1, { message: BATCH_RULE })
  @ArrayMaxSize(MAX_BATCH, { message: BATCH_RULE })
  events!: RecordInteractionInput[];
}

@ObjectType({ description: 'What a batch did: created + replayed = received' })
export class IngestInteractionsPayload {
  @Field(() => Int, { description: 'Events in the batch' })
  received!: number;

  @Field(() => Int, { description: 'Events written now' })
  created!: number;

  @Field(() => Int, { description: 'Events already stored (same userId and idempotencyKey, or the same event) with the same content: not written again' })
  replayed!: number;
}
