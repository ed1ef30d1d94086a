// Bounds on what one GraphQL operation may ask for, checked during validation (before anything
// runs). Aliases let a client repeat a root field any number of times in one request: 7,700
// aliased `recommendations` (a 640 KB body) blocked the event loop for 12 s and logged 7,700
// lists. The depth and alias bounds below are checked the same way; the cost budget, which needs
// the request's variables (a `first: $n`), is checked right after validation (queryCost.ts).
import { GraphQLError, Kind, type ASTNode, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** Most root fields (distinct response keys, fragments expanded) one operation may select. */
export const MAX_ROOT_FIELDS = 200;
/** Tighter bounds for root fields that each embed a text and rank the whole catalog (tens of ms of
 *  CPU each: 200 aliased recommendForNeed blocked the server for 10 s). */
export const MAX_COSTLY_ROOT_FIELDS: Readonly<Record<string, number>> = { recommendForNeed: 20, searchProducts: 20 };

/** Response key → field name of the root selection, as GraphQL will execute it (duplicate keys merge). */
function rootFields(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen: Set<string>, out: Map<string, string>): void {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.set(s.alias?.value ?? s.name.value, s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) rootFields(s.selectionSet, fragments, seen, out);
    else {
      const name = s.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue; // a fragment spread twice adds its fields once
      seen.add(name);
      rootFields(fragment.selectionSet, fragments, seen, out);
    }
  }
}

export function maxRootFieldsRule(max = MAX_ROOT_FIELDS) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const fragments = new Map(context.getDocument().definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]));
      const fields = new Map<string, string>();
      rootFields(node.selectionSet, fragments, new Set(), fields);
      const byName = new Map<string, number>();
      for (const name of fields.values()) byName.set(name, (byName.get(name) ?? 0) + 1);
      for (const [name, count] of byName) {
        const cap = MAX_COSTLY_ROOT_FIELDS[name];
        if (cap !== undefined && count > cap) {
          context.reportError(new GraphQLError(
            `an operation may select ${name} at most ${cap} times (this one selects it ${count} times); split it into several requests`,
            { nodes: node, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field: name } },
          ));
          return;
        }
      }
      if (fields.size <= max) return;
      // Name the field asked for most often: that is the one to batch differently.
      const field = [...byName.entries()].sort((a, b) => b[1] - a[1])[0][0];
      context.reportError(new GraphQLError(
        `an operation may select at most ${max} root fields (this one selects ${fields.size}, ${byName.get(field)} of them ${field}); split it into several requests`,
        { nodes: node, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field } },
      ));
    },
  });
}

/**
 * Deepest selection an operation may make. The deepest query the schema allows today is 5 levels
 * (users → edges → node → holdings → code): the schema has no cycles. The bound keeps that true
 * when cyclic fields are added and refuses absurd documents before anything else looks at them.
 * Introspection (`__schema`, `__type`) is not counted: tools need 15 levels for it, graphql-js
 * bounds its cycles itself (MaxIntrospectionDepthRule), and production disables it.
 */
export const MAX_DEPTH = 8;
/** Most aliases one operation may write (each fragment counted once). Equal to MAX_ROOT_FIELDS so the
 *  documented 200 aliased root fields still pass; what aliases nested deeper multiply is the cost budget's job. */
export const MAX_ALIASES = MAX_ROOT_FIELDS;

function validationError(message: string, node: ASTNode, field: string): GraphQLError {
  return new GraphQLError(message, { nodes: node, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field } });
}

function fragmentsOf(context: ValidationContext): Map<string, FragmentDefinitionNode> {
  return new Map(context.getDocument().definitions
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    .map((d) => [d.name.value, d]));
}

/** The deepest field below `set` (fragments expanded), as soon as it passes `max`: the walk stops there. */
function deepest(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, depth: number, max: number, path: Set<string>): { depth: number; field: string } | null {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (s.name.value.startsWith('__')) continue; // introspection and __typename
      if (depth + 1 > max) return { depth: depth + 1, field: s.name.value };
      const below = s.selectionSet && deepest(s.selectionSet, fragments, depth + 1, max, path);
      if (below) return below;
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      const below = deepest(s.selectionSet, fragments, depth, max, path);
      if (below) return below;
    } else {
      const fragment = fragments.get(s.name.value);
      if (!fragment || path.has(s.name.value)) continue; // unknown or cyclic: graphql's own rules report it
      path.add(s.name.value);
      const below = deepest(fragment.selectionSet, fragments, depth, max, path);
      path.delete(s.name.value);
      if (below) return below;
    }
  }
  return null;
}

export function maxDepthRule(max = MAX_DEPTH) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const over = deepest(node.selectionSet, fragmentsOf(context), 0, max, new Set());
      if (!over) return;
      context.reportError(validationError(
        `an operation may nest fields at most ${max} levels deep (this one goes deeper at ${over.field})`, node, over.field,
      ));
    },
  });
}

/** Aliased field names of `set` (fragments expanded, each once per operation). */
function aliases(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen: Set<string>, out: string[]): void {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (s.alias) out.push(s.name.value);
      if (s.selectionSet) aliases(s.selectionSet, fragments, seen, out);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      aliases(s.selectionSet, fragments, seen, out);
    } else {
      const fragment = fragments.get(s.name.value);
      if (!fragment || seen.has(s.name.value)) continue;
      seen.add(s.name.value);
      aliases(fragment.selectionSet, fragments, seen, out);
    }
  }
}

export function maxAliasesRule(max = MAX_ALIASES) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const names: string[] = [];
      aliases(node.selectionSet, fragmentsOf(context), new Set(), names);
      if (names.length <= max) return;
      const counts = new Map<string, number>();
      for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
      const [field, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      context.reportError(validationError(
        `an operation may use at most ${max} aliases (this one uses ${names.length}, ${count} of them on ${field}); split it into several requests`, node, field,
      ));
    },
  });
}

/**
 * An operation of a type the schema has no root for (FinRec has no subscriptions) is a client error.
 * graphql-js 16 does not check it at validation: it failed in execution, as INTERNAL_SERVER_ERROR.
 */
export function knownOperationTypeRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(validationError(`this API has no ${node.operation} operations`, node, node.operation));
    },
  };
}

/** Every bound checked while the document is validated (the cost budget needs the variables: queryCost.ts). */
export function queryLimitRules() {
  return [knownOperationTypeRule, maxRootFieldsRule(), maxDepthRule(), maxAliasesRule()];
}
