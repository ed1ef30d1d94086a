// The cost budget of one operation, estimated from the schema and the request's variables after
// validation and before anything runs (graphql-query-complexity walks the operation; the estimator
// below prices each field). Root-field, depth and alias bounds are plain validation rules
// (limits.ts); the cost needs the variables, since `first: $n` decides how many items a list has.
//
// Pricing, in "units" of about one object resolved:
// - a scalar field is free (a property of an object already loaded), except the few listed in
//   FIELD_COST that do work of their own (an explanation may be an LLM call);
// - an object field costs 1 plus what is selected inside it;
// - a field with `first` costs its own price plus `first` × what is selected inside it (`first`
//   clamped to MAX_PAGE: a larger one is refused by the field itself, with field `first`);
// - a list without `first` costs 1 plus LIST_SIZE (default 10) × what is selected in it, except
//   the lists whose length is the parent's `first` (connection edges, a list's items);
// - introspection is free: production disables it, and graphql-js bounds its cycles.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, getNullableType, getOperationAST, getVariableValues, GraphQLError, isCompositeType, isListType, type DocumentNode, type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_AUDITS_PAGE, MAX_EXCLUSIONS_PAGE } from './audit/audit.type';
import { MAX_PAGE } from './common/pageSize';

/**
 * The most units one operation may cost. Every root field at its largest page with every field
 * selected fits with room to spare (test/hardening/limits.test.ts prints them: recommendations
 * 910, recommendForNeed 1,850, recommendationAudits 3,601), and so do the contract's 100 lists in
 * one query (about 3,100); 60 lists of 100 items with their reasons (about 72,000) do not.
 */
export const MAX_COST = 10_000;
/** graphql-query-complexity stops walking after this many selections (fragment bombs). */
const MAX_NODES = 20_000;

/** Own price of fields that do more than read a loaded object. Mutations default to MUTATION_COST. */
export const FIELD_COST: Readonly<Record<string, number>> = {
  'Query.recommendations': 10, // a ranking of the whole catalog on a cache miss, and a logged list
  'Query.recommendForNeed': 50, // embeds the text and ranks the catalog for it
  'Query.searchProducts': 20, // embeds the text
  'Query.similarProducts': 5,
  'RecommendationItem.explanation': 5, // an LLM call when one is configured
};
const MUTATION_COST = 10;
/** Expected length of lists without `first`; 1 for lists whose length is the parent's `first`. */
export const LIST_SIZE: Readonly<Record<string, number>> = {
  'RecommendationList.items': 1,
  'NeedRecommendation.items': 1,
};
const DEFAULT_LIST_SIZE = 10;
/** Fields whose `first` is bounded below or above MAX_PAGE (their args classes refuse more). */
export const FIELD_MAX_PAGE: Readonly<Record<string, number>> = {
  'Query.recommendationAudits': MAX_AUDITS_PAGE,
  'RecommendationAudit.exclusions': MAX_EXCLUSIONS_PAGE,
};

const estimator: ComplexityEstimator = ({ type, field, args, childComplexity, context }) => {
  const coordinate = `${type.name}.${field.name}`;
  let cost: number;
  if (field.name.startsWith('__')) cost = 0;
  else {
    const own = FIELD_COST[coordinate] ?? (type.name === 'Mutation' ? MUTATION_COST : isCompositeType(getNamedType(field.type)) ? 1 : 0);
    const hasFirst = field.args.some((a) => a.name === 'first');
    const list = isListType(getNullableType(field.type));
    if (hasFirst) {
      const first = typeof args.first === 'number' && Number.isFinite(args.first) ? args.first : FIELD_MAX_PAGE[coordinate] ?? MAX_PAGE;
      cost = own + Math.min(Math.max(first, 0), FIELD_MAX_PAGE[coordinate] ?? MAX_PAGE) * childComplexity;
    } else if (list && isCompositeType(getNamedType(field.type))) {
      const size = LIST_SIZE[coordinate] ?? (type.name.endsWith('Connection') && field.name === 'edges' ? 1 : DEFAULT_LIST_SIZE);
      cost = own + size * childComplexity;
    } else cost = own + childComplexity;
  }
  const roots = context?.roots as Map<string, number> | undefined;
  if (roots && (type.name === 'Query' || type.name === 'Mutation')) roots.set(field.name, (roots.get(field.name) ?? 0) + cost);
  return cost;
};

export interface OperationCost { cost: number; byRootField: Map<string, number> }

/**
 * The cost of the operation `operationName` of `document` with these variables; null when the
 * variables do not fit the operation (execution refuses them with the offending field).
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string | null): OperationCost | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null; // no such operation: execution says so
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors) return null;
  const roots = new Map<string, number>();
  try {
    const cost = getComplexity({
      schema, query: document, variables, operationName: operationName ?? undefined,
      estimators: [estimator], context: { roots }, maxQueryNodes: MAX_NODES,
    });
    return { cost, byRootField: roots };
  } catch (e) {
    // Any other failure is a bug here, and must not let an operation through unpriced.
    if (e instanceof GraphQLError && /maximum allowed number of nodes/.test(e.message)) return { cost: Infinity, byRootField: roots };
    throw e;
  }
}

/** Refuses, before it runs, an operation that costs more than `max` (400, GRAPHQL_VALIDATION_FAILED). */
export function queryCostPlugin(max = MAX_COST): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName, schema }) {
          const found = operationCost(schema, document, request.variables ?? {}, operationName);
          if (!found || found.cost <= max) return;
          const [field] = [...found.byRootField.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['query'];
          const cost = Number.isFinite(found.cost) ? String(found.cost) : `more than ${MAX_NODES} selections`;
          throw new GraphQLError(
            `the operation costs ${cost} (at most ${max}); ask for smaller pages (first) or fewer fields, most of it is ${field}`,
            { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field, cost: Number.isFinite(found.cost) ? found.cost : null, maxCost: max, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
