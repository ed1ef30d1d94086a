import { validate } from 'class-validator';
import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { POLICY } from '../../auth/policy';
import { BatchRejectedError, type EventProblem } from '../../ingest/events/ingestInteractions';
import type { Context } from '../context';
import { IngestInteractionsInput, IngestInteractionsPayload } from './ingest.input';
import type { RecordInteractionInput } from './interaction.input';

/** class-validator's verdict on each event (the checks type-graphql runs on a single recordInteraction). */
async function shapeProblems(events: readonly RecordInteractionInput[]): Promise<EventProblem[]> {
  const problems: EventProblem[] = [];
  for (const [index, event] of events.entries()) {
    for (const v of await validate(event, { skipMissingProperties: true, forbidUnknownValues: false })) {
      problems.push({ index, field: `events[${index}].${v.property}`, message: Object.values(v.constraints ?? {})[0] ?? `${v.property} is invalid` });
    }
  }
  return problems;
}

/** One error for a refused batch: every problem in extensions.errors (formatError passes it through). */
function toGraphQLError(e: BatchRejectedError): GraphQLError {
  return new GraphQLError(e.message, { extensions: { code: e.code, field: e.field, errors: e.problems, errorCount: e.total } });
}

@Resolver()
export class IngestResolver {
  @Authorized(...POLICY.batchIngest)
  @Mutation(() => IngestInteractionsPayload, {
    description: 'Record a partner\'s batch of events (at most 1,000), all or nothing: one bad event refuses the batch with every problem listed in extensions.errors ({index, field, message})',
  })
  async ingestInteractions(@Arg('input') input: IngestInteractionsInput, @Ctx() ctx: Context): Promise<IngestInteractionsPayload> {
    try {
      const { received, created, replayed } = await ctx.scoring.ingestInteractions(input.events, await shapeProblems(input.events));
      return { received, created, replayed };
    } catch (e) {
      throw e instanceof BatchRejectedError ? toGraphQLError(e) : e;
    }
  }
}
